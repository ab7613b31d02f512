package org.vosuite.felis.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.vosuite.felis.ddl.Database;
import org.vosuite.felis.ddl.EngineUrl;
import org.vosuite.felis.tap.TapSchemaDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "init-tap-schema", mixinStandardHelpOptions = true,
        description = {"Create the TAP_SCHEMA 1.1 tables (schemas, tables, columns, keys, key_columns).",
                "By default TAP_SCHEMA's rows describing itself are inserted too (derived from the TAP_SCHEMA "
                        + "Felis model, so they always match the tables)."})
final class InitTapSchemaCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;
    @Mixin
    TapSchemaOptions tap;
    @Option(names = "--insert-metadata", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Insert TAP_SCHEMA's self-description rows. Default: on.")
    boolean insertMetadata;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        EngineUrl url = tap.engine(tap.dryRun);
        TapSchemaDatabase db = tap.tapSchema(url);
        List<String> sql = db.initStatements(insertMetadata);
        if (CliSupport.printInstead(url, tap.dryRun, tap.output, tap.echo, sql, out)) {
            return 0;
        }
        Database.execute(url, sql);
        spec.commandLine().getErr().println("initialised " + db.schemaName() + " (" + sql.size() + " statements)");
        return 0;
    }
}

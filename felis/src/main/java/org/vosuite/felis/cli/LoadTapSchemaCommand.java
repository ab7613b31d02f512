package org.vosuite.felis.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.concurrent.Callable;
import org.vosuite.felis.ddl.Database;
import org.vosuite.felis.ddl.EngineUrl;
import org.vosuite.felis.model.Schema;
import org.vosuite.felis.tap.TapRows;
import org.vosuite.felis.tap.TapSchemaDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "load-tap-schema", mixinStandardHelpOptions = true,
        description = {"Load a schema's TAP_SCHEMA rows, replacing that schema's rows in one transaction",
                "(re-running is idempotent; tables and columns removed from the file disappear).",
                "Also: --list the loaded schemas, --remove one."})
final class LoadTapSchemaCommand implements Callable<Integer> {
    @ParentCommand
    FelisCommand felis;
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;
    @Mixin
    TapSchemaOptions tap;

    @Option(names = {"--tap-schema-index", "-i"}, paramLabel = "N",
            description = "schemas.schema_index for this schema (default: NULL).")
    Integer schemaIndex;
    @Option(names = "--force-unbounded-arraysize",
            description = "Write arraysize * instead of N* for string, unicode and binary columns (works around "
                    + "astropy's handling of bounded variable-length strings).")
    boolean forceUnbounded;
    @Option(names = {"--unique-keys", "-u"}, description = "Prefix key ids with the schema name.")
    boolean uniqueKeys;
    @Option(names = "--remove", paramLabel = "SCHEMA", description = "Remove this schema's rows instead of loading.")
    String remove;
    @Option(names = "--list", description = "List the schemas loaded in TAP_SCHEMA.")
    boolean list;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "Felis YAML file to load.")
    Path file;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        int modes = (file != null ? 1 : 0) + (remove != null ? 1 : 0) + (list ? 1 : 0);
        if (modes != 1) {
            throw new CliSupport.UserError("give exactly one of: a FILE to load, --remove SCHEMA, or --list");
        }
        EngineUrl url = tap.engine(tap.dryRun && !list);
        TapSchemaDatabase db = tap.tapSchema(url);
        if (list) {
            try (Connection c = Database.connect(url)) {
                var loaded = db.list(c);
                out.printf("%-32s %6s %6s %8s%n", "schema", "index", "tables", "columns");
                for (var l : loaded) {
                    out.printf("%-32s %6s %6d %8d%n", l.schemaName(), l.schemaIndex() == null ? "-" : l.schemaIndex(),
                            l.tables(), l.columns());
                }
                out.flush();
            }
            return 0;
        }
        if (remove != null) {
            if (CliSupport.printInstead(url, tap.dryRun, tap.output, tap.echo, db.removeStatements(remove), out)) {
                return 0;
            }
            try (Connection c = Database.connect(url)) {
                db.remove(c, remove);
            }
            err.println("removed schema '" + remove + "' from " + db.schemaName());
            return 0;
        }
        Schema schema = CliSupport.load(felis, file, forceUnbounded, err);
        TapRows rows = TapRows.derive(schema, schemaIndex, uniqueKeys);
        if (CliSupport.printInstead(url, tap.dryRun, tap.output, tap.echo, db.loadStatements(rows), out)) {
            return 0;
        }
        try (Connection c = Database.connect(url)) {
            db.load(c, rows);
        }
        err.println("loaded schema '" + schema.name() + "' into " + db.schemaName() + ": " + rows.tables().size()
                + " tables, " + rows.columns().size() + " columns, " + rows.keys().size() + " keys");
        return 0;
    }
}

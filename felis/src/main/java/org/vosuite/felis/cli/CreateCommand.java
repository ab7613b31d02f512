package org.vosuite.felis.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.vosuite.felis.ddl.Database;
import org.vosuite.felis.ddl.DdlGenerator;
import org.vosuite.felis.ddl.DdlOptions;
import org.vosuite.felis.ddl.EngineUrl;
import org.vosuite.felis.model.Schema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Create the schema's tables, constraints and indexes in a database, or print the DDL.",
                "With a JDBC --engine-url the DDL runs in one transaction (PostgreSQL, H2, SQLite): all or nothing.",
                "Without one (or with --dry-run) the SQL is printed or written to -o."})
final class CreateCommand implements Callable<Integer> {
    @ParentCommand
    FelisCommand felis;
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--engine", paramLabel = "postgresql|mysql|sqlite|h2", description = "SQL dialect.")
    String engine;
    @Option(names = "--engine-url", paramLabel = "URL",
            description = "Database: a JDBC URL, a SQLAlchemy-style URL, or a bare dialect such as postgresql:// "
                    + "(print only). Default: $FELIS_ENGINE_URL, else sqlite:// (print only).")
    String engineUrl;
    @Option(names = "--schema-name", paramLabel = "NAME", description = "Database schema to use instead of the "
            + "Felis schema's name.")
    String schemaName;
    @Option(names = {"--initialize", "-i"}, description = "Create the schema (MySQL: database) if it does not exist.")
    boolean initialize;
    @Option(names = "--drop", description = "Drop the schema first (implies --initialize).")
    boolean drop;
    @Option(names = "--dry-run", description = "Print the SQL instead of executing it.")
    boolean dryRun;
    @Option(names = "--echo", description = "Also print the SQL that is executed.")
    boolean echo;
    @Option(names = {"--output-file", "-o"}, paramLabel = "FILE", description = "Write the SQL to this file.")
    Path output;
    @Option(names = "--ignore-constraints", description = "Leave out foreign-key, unique and check constraints.")
    boolean ignoreConstraints;
    @Option(names = "--skip-indexes", description = "Leave out indexes.")
    boolean skipIndexes;

    @Parameters(index = "0", paramLabel = "FILE", description = "Felis YAML file.")
    Path file;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        if (initialize && drop) {
            throw new CliSupport.UserError("cannot drop and initialize the schema at the same time: --drop "
                    + "already creates it again");
        }
        EngineUrl url = CliSupport.engine(engineUrl, engine, "sqlite://");
        Schema schema = CliSupport.load(felis, file, false, err);
        List<String> sql = new DdlGenerator(url.dialect(), new DdlOptions(schemaName, initialize, drop,
                ignoreConstraints, skipIndexes)).statements(schema);
        if (CliSupport.printInstead(url, dryRun, output, echo, sql, out)) {
            return 0;
        }
        Database.execute(url, sql);
        err.println("created " + schema.tables().size() + " tables of schema '"
                + (schemaName != null ? schemaName : schema.name()) + "' (" + sql.size() + " statements)");
        return 0;
    }
}

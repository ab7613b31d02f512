package org.vosuite.felis.cli;

import org.vosuite.felis.ddl.EngineUrl;
import org.vosuite.felis.tap.TapSchemaDatabase;
import picocli.CommandLine.Option;

/** Options init-tap-schema and load-tap-schema share: where TAP_SCHEMA lives and what it is called. */
final class TapSchemaOptions {
    @Option(names = "--engine-url", paramLabel = "URL",
            description = "Database holding TAP_SCHEMA: a JDBC URL (jdbc:postgresql://host/db?user=…), a "
                    + "SQLAlchemy-style URL, or a bare dialect such as mysql:// (print only). Default: "
                    + "$FELIS_ENGINE_URL.")
    String engineUrl;
    @Option(names = "--engine", paramLabel = "postgresql|mysql|sqlite|h2",
            description = "SQL dialect, for --dry-run without a database.")
    String engine;
    @Option(names = {"--tap-schema-name", "-n"}, paramLabel = "NAME", defaultValue = TapSchemaDatabase.DEFAULT_NAME,
            description = "Name of the TAP_SCHEMA schema. Default: TAP_SCHEMA.")
    String tapSchemaName;
    @Option(names = {"--tap-tables-postfix", "-p"}, paramLabel = "POSTFIX", defaultValue = "",
            description = "Postfix for the TAP_SCHEMA table names, e.g. 11 for CADC's schemas11, tables11…")
    String postfix;
    @Option(names = {"--dry-run", "-D"}, description = "Print the SQL instead of executing it.")
    boolean dryRun;
    @Option(names = {"--output-file", "-o"}, paramLabel = "FILE", description = "Write the SQL to this file.")
    java.nio.file.Path output;
    @Option(names = {"--echo", "-e"}, description = "Also print the SQL that is executed.")
    boolean echo;

    EngineUrl engine(boolean printOnly) {
        return CliSupport.engine(engineUrl, engine, printOnly ? "postgresql://" : null);
    }

    TapSchemaDatabase tapSchema(EngineUrl url) {
        return new TapSchemaDatabase(url.dialect(), tapSchemaName, postfix);
    }
}

package org.vosuite.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vosuite.app.server.ServerConfig;
import org.vosuite.common.config.ConfigFile;
import org.vosuite.tap.TapService;
import org.vosuite.tap.plan.QueryException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vo adql translate --config FILE QUERY}: the SQL the service would run, without running it. */
@Command(name = "translate", mixinStandardHelpOptions = true,
        description = "Print the SQL the TAP service would run for an ADQL query (validated against the "
                + "database's TAP_SCHEMA). Exit 1 with the error when the query is refused.")
final class AdqlTranslateCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The serve configuration.")
    Path config;
    @Option(names = "--maxrec", defaultValue = "-1", paramLabel = "N",
            description = "Row limit to apply (default: the configured default).")
    long maxrec;
    @Parameters(index = "0", paramLabel = "QUERY", description = "The ADQL query.")
    String query;

    @Override
    public Integer call() throws Exception {
        ServerConfig c = ServerConfig.from(ConfigFile.read(config), config.toAbsolutePath().getParent());
        try (ServerConfig.OpenDatabase db = c.open()) {
            TapService tap = TapService.adqlOnPostgres(db.dataSource(), c.server().tapSchema(), c.server().limits());
            long rows = maxrec >= 0 ? maxrec : c.server().limits().defaultMaxRec();
            spec.commandLine().getOut().println(tap.translate(query, rows).sql());
            return 0;
        } catch (QueryException e) {
            spec.commandLine().getOut().println(e.getMessage());
            return 1;
        }
    }
}

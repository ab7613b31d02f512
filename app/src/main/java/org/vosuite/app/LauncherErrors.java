package org.vosuite.app;

import java.io.UncheckedIOException;
import java.sql.SQLException;
import org.vosuite.common.config.ConfigException;
import org.vosuite.felis.cli.FelisCommand;
import picocli.CommandLine;

/**
 * The launcher's answer to errors users cause: a configuration that cannot be used, a database that cannot be
 * reached, a port in use — one line, exit status 1. Felis's own errors keep felis's handling.
 */
final class LauncherErrors implements CommandLine.IExecutionExceptionHandler {
    private final CommandLine.IExecutionExceptionHandler felis = FelisCommand.errorHandler();

    @Override
    public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed)
            throws Exception {
        if (e instanceof ConfigException || e instanceof SQLException || e instanceof UncheckedIOException
                || e instanceof IllegalStateException || e instanceof org.vosuite.app.demo.DemoBuildException
                || org.vosuite.obscore.cli.ObsCoreCommand.isUserError(e)) {
            cl.getErr().println("error: " + e.getMessage());
            cl.getErr().flush();
            return 1;
        }
        return felis.handleExecutionException(e, cl, parsed);
    }
}

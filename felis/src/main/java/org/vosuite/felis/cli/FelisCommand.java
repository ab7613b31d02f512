package org.vosuite.felis.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.vosuite.felis.parse.ReadOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code felis}: the command group, with python felis's global options. */
@Command(name = "felis", mixinStandardHelpOptions = true, versionProvider = FelisCommand.Version.class,
        description = "Validate Felis data models and turn them into DDL, TAP_SCHEMA rows, diffs, dumps and docs.",
        subcommands = {ValidateCommand.class, CreateCommand.class, InitTapSchemaCommand.class,
                LoadTapSchemaCommand.class, DiffCommand.class, DumpCommand.class, DocsCommand.class,
                CommandLine.HelpCommand.class})
public final class FelisCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--id-generation", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Generate missing @id values (#table, #table.column, …); --no-id-generation requires "
                    + "them. Default: on.")
    boolean idGeneration;

    @Option(names = "--column-ref-index-increment", paramLabel = "N", defaultValue = "0",
            description = "Number the tap:column_index of columns imported with columnRefs N, 2N, 3N… per table.")
    int columnRefIndexIncrement;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "${env:FELIS_LOGLEVEL:-INFO}",
            description = "ERROR hides warnings; DEBUG, INFO and WARNING show them. Default: INFO.")
    String logLevel;

    @Option(names = "--log-file", paramLabel = "FILE", defaultValue = "${env:FELIS_LOGFILE}",
            description = "Accepted for compatibility with python felis; messages go to standard error.")
    String logFile;

    ReadOptions readOptions(boolean forceUnboundedArraysize) {
        if (columnRefIndexIncrement < 0) {
            throw new CliSupport.UserError("--column-ref-index-increment must be 0 (off) or positive, not "
                    + columnRefIndexIncrement);
        }
        return new ReadOptions(idGeneration, forceUnboundedArraysize, columnRefIndexIncrement);
    }

    boolean showWarnings() {
        return !"ERROR".equalsIgnoreCase(logLevel) && !"CRITICAL".equalsIgnoreCase(logLevel);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /**
     * Turns the errors users cause (invalid files, unreachable databases, bad options) into messages and exit
     * status 1. A launcher that mounts felis as a subcommand must install it too: picocli uses the top-level
     * command's handler.
     */
    public static CommandLine.IExecutionExceptionHandler errorHandler() {
        return new CliSupport.ErrorHandler();
    }

    /** A command line with the error handling every entry point wants: messages, not stack traces. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new FelisCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(errorHandler());
        return cl;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(commandLine(out, err).execute(args));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = FelisCommand.class.getPackage().getImplementationVersion();
            return new String[] {"felis (vosuite) " + (v == null ? "development build" : v)
                    + ", compatible with lsst-felis 30 data models"};
        }
    }
}

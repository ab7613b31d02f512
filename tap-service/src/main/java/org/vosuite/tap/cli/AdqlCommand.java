package org.vosuite.tap.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.vosuite.tap.adql.AdqlParser;
import org.vosuite.tap.adql.AdqlSyntaxException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code adql}: ADQL 2.1 tools; for now {@code adql parse}, the syntax check. */
@Command(name = "adql", mixinStandardHelpOptions = true, versionProvider = AdqlCommand.Version.class,
        description = "Check ADQL 2.1 queries.",
        subcommands = {AdqlCommand.Parse.class, CommandLine.HelpCommand.class})
public final class AdqlCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    private final InputStream in;

    AdqlCommand(InputStream in) {
        this.in = in;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** {@code adql parse [QUERY]}: exit status 0 for valid ADQL 2.1, 1 with the first error otherwise. */
    @Command(name = "parse", mixinStandardHelpOptions = true,
            description = {"Check that a query is valid ADQL 2.1.",
                "Prints 'valid ADQL 2.1', or the first error with its line and column and the offending line."})
    static final class Parse implements Callable<Integer> {
        @ParentCommand
        AdqlCommand adql;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(arity = "0..1", paramLabel = "QUERY",
                description = "The query; read from standard input when absent.")
        String query;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            String text = query != null ? query : readAll(adql.in);
            try {
                AdqlParser.parse(text);
                out.println("valid ADQL 2.1");
                out.flush();
                return 0;
            } catch (AdqlSyntaxException e) {
                out.println(e.withExcerpt(text));
                out.flush();
                return 1;
            }
        }

        private static String readAll(InputStream in) {
            try {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the query from standard input", e);
            }
        }
    }

    /** A command line reading queries from {@code System.in} when none is given. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(System.in, out, err);
    }

    /** A command line reading absent queries from {@code in}: what tests and embedding launchers use. */
    public static CommandLine commandLine(InputStream in, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new AdqlCommand(in));
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(AdqlCommand::handle);
        return cl;
    }

    /** Unreadable input is the user's problem (status 1); anything else is a bug (status 3, with the trace). */
    private static int handle(Exception e, CommandLine line, CommandLine.ParseResult parsed) {
        PrintWriter err = line.getErr();
        if (e instanceof UncheckedIOException io) {
            err.println("error: " + io.getMessage() + ": " + io.getCause().getMessage());
            err.flush();
            return 1;
        }
        err.println("internal error (please report it): " + e);
        e.printStackTrace(err);
        err.flush();
        return 3;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(commandLine(out, err).execute(args));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = AdqlCommand.class.getPackage().getImplementationVersion();
            return new String[] {"adql (vosuite) " + (v == null ? "development build" : v)
                    + ", ADQL 2.1 (IVOA Recommendation 2023-12-15)"};
        }
    }
}

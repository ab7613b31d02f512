package org.vosuite.app;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.vosuite.felis.cli.FelisCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code ./vo}: one launcher with a subcommand per module. */
@Command(name = "vo", mixinStandardHelpOptions = true, versionProvider = VoCommand.Version.class,
        description = "IVOA data services and Felis schema tooling for survey data releases.",
        subcommands = {DemoCommand.class, ServeCommand.class, WcsCommand.class, CommandLine.HelpCommand.class})
public final class VoCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new VoCommand());
        // felis keeps its own command object (and its error handling) so it behaves the same standalone.
        cl.addSubcommand("felis", FelisCommand.commandLine(out, err));
        CommandLine adql = org.vosuite.tap.cli.AdqlCommand.commandLine(out, err);
        // translate needs a database, which only the launcher's configuration knows
        adql.addSubcommand("translate", new AdqlTranslateCommand());
        cl.addSubcommand("adql", adql);
        cl.addSubcommand("obscore", org.vosuite.obscore.cli.ObsCoreCommand.commandLine(out, err));
        cl.addSubcommand("hips", org.vosuite.hips.cli.HipsCommand.commandLine(out, err));
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(new LauncherErrors());
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
            String v = VoCommand.class.getPackage().getImplementationVersion();
            return new String[] {"vo " + (v == null ? "development build" : v)};
        }
    }
}

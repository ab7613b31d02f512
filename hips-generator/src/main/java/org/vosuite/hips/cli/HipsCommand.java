package org.vosuite.hips.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.vosuite.hips.HipsOptions;
import org.vosuite.hips.build.HipsBuilder;
import org.vosuite.hips.model.PixelCut;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vo hips generate}: a HiPS image survey from FITS images. */
@Command(name = "hips", mixinStandardHelpOptions = true, description = "HiPS 1.0 image surveys.",
        subcommands = {HipsCommand.Generate.class, CommandLine.HelpCommand.class})
public final class HipsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new HipsCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, c, parsed) -> {
            if (e instanceof IOException || e instanceof IllegalArgumentException) {
                c.getErr().println("error: " + e.getMessage());
                c.getErr().flush();
                return 1;
            }
            throw e;
        });
        return cl;
    }

    static double[] range(String text) {
        if (text == null) {
            return null;
        }
        String[] p = text.trim().split("\\s+");
        try {
            double[] r = {Double.parseDouble(p[0]), Double.parseDouble(p[1])};
            if (p.length != 2 || !(r[1] > r[0]) || r[0] <= 0) {
                throw new NumberFormatException();
            }
            return r;
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("--em takes \"MIN MAX\" in metres, MIN < MAX, not '" + text + "'");
        }
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Build a HiPS survey (FITS and PNG tiles, Allsky, Moc.fits, properties) from FITS images.")
    static final class Generate implements Callable<Integer> {
        @Parameters(paramLabel = "INPUT", arity = "1..*", description = "FITS files or folders of them.")
        List<Path> inputs;

        @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "The survey folder.")
        Path out;

        @Option(names = "--creator-did", required = true, paramLabel = "IVOID",
                description = "The survey's identifier, e.g. ivo://example.org/P/demo/g.")
        String creatorDid;

        @Option(names = "--title", defaultValue = "HiPS survey", description = "obs_title.")
        String title;

        @Option(names = "--hdu", defaultValue = "-1", description = "HDU of the image (0 = primary; default: the "
                + "first image in each file).")
        int hdu;

        @Option(names = "--blank", description = "A pixel value meaning no data (besides NaN).")
        Double blank;

        @Option(names = "--order", description = "Deepest order (default: pixels just resolving the input's).")
        Integer order;

        @Option(names = "--tile-width", defaultValue = "512", description = "Tile width in pixels (power of 2).")
        int tileWidth;

        @Option(names = "--frame", defaultValue = "equatorial", description = "equatorial or galactic.")
        String frame;

        @Option(names = "--pixel-cut", paramLabel = "\"MIN MAX [FN]\"", description = "Cut for PNG/JPEG tiles; FN "
                + "linear, log, sqrt or asinh (default: 0.5 and 99.8 percentiles, asinh).")
        String pixelCut;

        @Option(names = "--formats", defaultValue = "fits,png", split = ",", description = "fits, png, jpg.")
        List<String> formats;

        @Option(names = "--threads", defaultValue = "0", description = "Worker threads (default: the cores).")
        int threads;

        @Option(names = "--em", paramLabel = "\"MIN MAX\"", description = "Wavelength range in metres, for "
                + "em_min/em_max (e.g. \"4.0e-7 5.5e-7\").")
        String em;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException, InterruptedException {
            HipsOptions o = new HipsOptions(inputs, out, hdu, blank, order, tileWidth, frame,
                    pixelCut == null ? null : PixelCut.parse(pixelCut), formats, threads > 0 ? threads
                    : Runtime.getRuntime().availableProcessors(), title, creatorDid, range(em));
            HipsBuilder.build(o, spec.commandLine().getOut());
            return 0;
        }
    }
}

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
        subcommands = {HipsCommand.Generate.class, HipsCommand.Rgb.class, CommandLine.HelpCommand.class})
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

        @Option(names = "--hdu", defaultValue = "first", description = "HDU of the image: a number (0 = primary), "
                + "first (the first image in each file) or all (every image HDU, e.g. the detectors of a "
                + "multi-extension file).")
        String hdu;

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

        @Option(names = "--sampling", defaultValue = "bilinear", description = "bilinear or lanczos (Lanczos-3).")
        String sampling;

        @Option(names = "--overlay", defaultValue = "mean", description = "Where images overlap: mean, first, "
                + "median or fading (weights falling to zero at each image's edges).")
        String overlay;

        @Option(names = "--memory", defaultValue = "512", paramLabel = "MB", description = "Input pixels kept in "
                + "memory at most.")
        long memoryMb;

        @Option(names = "--add", description = "Add the inputs to the survey in --out: only the tiles they touch "
                + "and their parents are made again, with the survey's own settings.")
        boolean add;

        @Option(names = "--em", paramLabel = "\"MIN MAX\"", description = "Wavelength range in metres, for "
                + "em_min/em_max (e.g. \"4.0e-7 5.5e-7\").")
        String em;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException, InterruptedException {
            int h;
            switch (hdu) {
                case "first" -> h = -1;
                case "all" -> h = HipsOptions.ALL_HDUS;
                default -> {
                    try {
                        h = Integer.parseInt(hdu);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--hdu is a number, first or all, not '" + hdu + "'");
                    }
                    if (h < 0) {
                        throw new IllegalArgumentException("--hdu numbers start at 0 (the primary HDU)");
                    }
                }
            }
            HipsOptions o = new HipsOptions(inputs, out, h, blank, order, tileWidth, frame,
                    pixelCut == null ? null : PixelCut.parse(pixelCut), formats, threads > 0 ? threads
                    : Runtime.getRuntime().availableProcessors(), title, creatorDid, range(em), sampling, overlay,
                    memoryMb << 20, add);
            HipsBuilder.build(o, spec.commandLine().getOut());
            return 0;
        }
    }

    @Command(name = "rgb", mixinStandardHelpOptions = true,
            description = "A colour survey (PNG/JPEG tiles, Lupton asinh) from three band surveys made by generate.")
    static final class Rgb implements Callable<Integer> {
        @Option(names = "--red", required = true, paramLabel = "DIR", description = "The band shown red.")
        Path red;

        @Option(names = "--green", required = true, paramLabel = "DIR", description = "The band shown green.")
        Path green;

        @Option(names = "--blue", required = true, paramLabel = "DIR", description = "The band shown blue.")
        Path blue;

        @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "The colour survey.")
        Path out;

        @Option(names = "--creator-did", required = true, paramLabel = "IVOID", description = "Its identifier.")
        String creatorDid;

        @Option(names = "--title", defaultValue = "Colour survey", description = "obs_title.")
        String title;

        @Option(names = "--minimum", paramLabel = "\"R G B\"", description = "Values shown black, per band "
                + "(default: each band's pixel-cut minimum).")
        String minimum;

        @Option(names = "--stretch", defaultValue = "NaN", description = "Linear range of the asinh stretch "
                + "(default: half the bands' mean pixel-cut width).")
        double stretch;

        @Option(names = "--q", defaultValue = "8", description = "Asinh softening Q (Lupton et al. 2004).")
        double q;

        @Option(names = "--formats", defaultValue = "png,jpg", split = ",", description = "png, jpg.")
        List<String> formats;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            for (String f : formats) {
                if (!f.equals("png") && !f.equals("jpg")) {
                    throw new IllegalArgumentException("colour surveys have png and jpg tiles, not '" + f + "'");
                }
            }
            if (creatorDid == null || !creatorDid.startsWith("ivo://")) {
                throw new IllegalArgumentException("--creator-did must be an IVOA identifier (ivo://…)");
            }
            double[] min = null;
            if (minimum != null) {
                String[] p = minimum.trim().split("\\s+");
                if (p.length != 3) {
                    throw new IllegalArgumentException("--minimum takes three numbers, red green blue");
                }
                min = new double[] {Double.parseDouble(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2])};
            }
            org.vosuite.hips.build.ColorBuilder.build(List.of(red, green, blue), out, creatorDid, title, min,
                    stretch, q, formats, spec.commandLine().getOut());
            return 0;
        }
    }
}

package org.vosuite.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vosuite.common.wcs.HeaderCards;
import org.vosuite.common.wcs.Wcs;
import org.vosuite.common.wcs.WcsException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vo wcs pix2sky|sky2pix HEADER}: the shared WCS library on the command line, coordinates on standard input
 * one pair per line, results one pair per line.
 */
@Command(name = "wcs", mixinStandardHelpOptions = true,
        description = "Convert between FITS pixel coordinates (1-based) and sky coordinates (degrees) with a"
                + " header's WCS.",
        subcommands = {WcsCommand.Pix2Sky.class, WcsCommand.Sky2Pix.class})
final class WcsCommand implements Callable<Integer> {
    /** Where the pairs are read from; tests replace it. */
    static InputStream input = System.in;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    abstract static class Convert implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "HEADER",
                description = "A FITS file (its first image HDU with a celestial WCS) or a text file of 80-column"
                        + " header cards, one per line.")
        Path header;

        @Option(names = "--alt", paramLabel = "A", description = "Use the alternate WCS with this letter (A-Z).")
        String alt;

        abstract double[] convert(Wcs wcs, double a, double b);

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (!Files.isRegularFile(header)) {
                err.println("error: " + header + " is not a file");
                return 1;
            }
            if (alt != null && !alt.matches("[A-Za-z]")) {
                err.println("error: --alt must be one letter A-Z");
                return 2;
            }
            Wcs wcs;
            try {
                wcs = Wcs.of(HeaderCards.read(header), alt == null ? ' ' : alt.charAt(0));
            } catch (WcsException e) {
                err.println("error: " + header + ": " + e.getMessage());
                return 1;
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
            int n = 0;
            for (String line; (line = in.readLine()) != null; ) {
                n++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String[] f = t.split("[\\s,]+");
                double a;
                double b;
                try {
                    if (f.length != 2) {
                        throw new NumberFormatException();
                    }
                    a = Double.parseDouble(f[0]);
                    b = Double.parseDouble(f[1]);
                } catch (NumberFormatException e) {
                    out.flush();
                    err.println("error: line " + n + " of the input is not a pair of numbers: " + t);
                    return 1;
                }
                double[] r = convert(wcs, a, b);
                out.println(r[0] + " " + r[1]);
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "pix2sky", mixinStandardHelpOptions = true,
            description = "Pixel pairs (x y, 1-based FITS convention) on standard input → longitude latitude in"
                    + " degrees, in the header's celestial frame; NaN NaN outside the projection.")
    static final class Pix2Sky extends Convert {
        @Override
        double[] convert(Wcs wcs, double a, double b) {
            return wcs.pixelToSky(a, b);
        }
    }

    @Command(name = "sky2pix", mixinStandardHelpOptions = true,
            description = "Longitude latitude pairs (degrees, in the header's celestial frame) on standard input →"
                    + " pixel x y (1-based FITS convention); NaN NaN where the point cannot be projected.")
    static final class Sky2Pix extends Convert {
        @Override
        double[] convert(Wcs wcs, double a, double b) {
            return wcs.skyToPixel(a, b);
        }
    }
}

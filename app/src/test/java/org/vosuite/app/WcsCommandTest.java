package org.vosuite.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nom.tam.fits.Fits;
import nom.tam.fits.HeaderCard;
import nom.tam.fits.ImageData;
import nom.tam.fits.ImageHDU;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosuite.common.PythonOracle;

/** {@code vo wcs pix2sky|sky2pix}, as a user runs it, against astropy on a TAN-SIP header (text and FITS). */
class WcsCommandTest {
    private static final List<String> HEADER = List.of(
            "NAXIS   =                    2", "NAXIS1  =                 2048", "NAXIS2  =                 2048",
            "CTYPE1  = 'RA---TAN-SIP'", "CTYPE2  = 'DEC--TAN-SIP'", "CRPIX1  =               1024.5",
            "CRPIX2  =               1024.5", "CRVAL1  =                 53.1", "CRVAL2  =                -27.8",
            "CD1_1   =              -5.5E-5", "CD1_2   =               1.0E-6", "CD2_1   =               1.2E-6",
            "CD2_2   =               5.5E-5", "RADESYS = 'ICRS'", "A_ORDER =                    2",
            "A_2_0   =               3.3E-6", "A_1_1   =              -1.4E-6", "B_ORDER =                    2",
            "B_0_2   =              -2.6E-6", "END");

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run vo(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        WcsCommand.input = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        try {
            int exit = VoCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
            return new Run(exit, out.toString(), err.toString());
        } finally {
            WcsCommand.input = System.in;
        }
    }

    @Test
    void pix2skyAndSky2pixAgreeWithAstropyForTextAndFitsHeaders() throws Exception {
        Path text = dir.resolve("sip.hdr");
        Files.write(text, HEADER);
        Path fits = dir.resolve("sip.fits");
        try (Fits f = new Fits()) {
            ImageHDU hdu = (ImageHDU) Fits.makeHDU(ImageData.from(new float[4][4]));
            for (String card : HEADER) {
                if (!card.startsWith("NAXIS") && !card.equals("END")) {
                    hdu.getHeader().addLine(HeaderCard.create(card));
                }
            }
            f.addHDU(hdu);
            f.write(fits.toFile());
        }
        String pixels = "1 1\n1024.5 1024.5\n# a comment\n2048, 1\n300.25 1700.75\n";
        Run fromText = vo(pixels, "wcs", "pix2sky", text.toString());
        assertEquals(0, fromText.exit(), fromText.err());
        List<String> sky = fromText.out().lines().toList();
        assertEquals(4, sky.size(), fromText.out());
        // the FITS file's header is read the same way (its NAXISi differ; they play no part in the WCS)
        Run fromFits = vo(pixels, "wcs", "pix2sky", fits.toString());
        assertEquals(0, fromFits.exit(), fromFits.err());
        assertEquals(sky, fromFits.out().lines().toList());

        List<String> astropy = PythonOracle.run(dir, "from astropy.io import fits\nfrom astropy.wcs import WCS",
                "apt-get install python3-astropy", """
                w = WCS(fits.getheader('%s'))
                pts = [[1, 1], [1024.5, 1024.5], [2048, 1], [300.25, 1700.75]]
                out = ['%%.17g %%.17g' %% tuple(v) for v in w.all_pix2world(pts, 1)]
                open(sys.argv[2], 'w').write('\\n'.join(out) + '\\n')
                """.formatted(fits), List.of());
        for (int i = 0; i < 4; i++) {
            String[] ours = sky.get(i).split(" ");
            String[] theirs = astropy.get(i).split(" ");
            double dra = (Double.parseDouble(ours[0]) - Double.parseDouble(theirs[0]))
                    * Math.cos(Math.toRadians(Double.parseDouble(theirs[1])));
            double ddec = Double.parseDouble(ours[1]) - Double.parseDouble(theirs[1]);
            assertTrue(Math.hypot(dra, ddec) < 1e-9, sky.get(i) + " vs astropy " + astropy.get(i));
        }

        Run back = vo(String.join("\n", sky) + "\n", "wcs", "sky2pix", text.toString());
        assertEquals(0, back.exit(), back.err());
        double[][] expected = {{1, 1}, {1024.5, 1024.5}, {2048, 1}, {300.25, 1700.75}};
        List<String> px = back.out().lines().toList();
        for (int i = 0; i < 4; i++) {
            String[] v = px.get(i).split(" ");
            assertEquals(expected[i][0], Double.parseDouble(v[0]), 1e-6);
            assertEquals(expected[i][1], Double.parseDouble(v[1]), 1e-6);
        }
    }

    @Test
    void badInputIsReportedWithItsLine() throws Exception {
        Path text = dir.resolve("sip.hdr");
        Files.write(text, HEADER);
        Run bad = vo("1 2\n3 four\n", "wcs", "pix2sky", text.toString());
        assertEquals(1, bad.exit());
        assertTrue(bad.err().contains("line 2 of the input is not a pair of numbers: 3 four"), bad.err());
        Path noWcs = dir.resolve("none.hdr");
        Files.write(noWcs, List.of("NAXIS   =                    2", "CTYPE1  = 'LINEAR'", "END"));
        Run none = vo("1 2\n", "wcs", "sky2pix", noWcs.toString());
        assertEquals(1, none.exit());
        assertTrue(none.err().contains("no celestial axis pair"), none.err());
        Run missing = vo("", "wcs", "pix2sky", dir.resolve("nothing.fits").toString());
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("is not a file"), missing.err());
        Run proj = vo("", "wcs", "pix2sky", write("RA---XYZ", "DEC--XYZ").toString());
        assertTrue(proj.err().contains("projection XYZ is not supported"), proj.err());
    }

    private Path write(String c1, String c2) throws Exception {
        Path p = dir.resolve("h.hdr");
        Files.write(p, List.of("CTYPE1  = '" + c1 + "'", "CTYPE2  = '" + c2 + "'", "END"));
        return p;
    }
}

package org.vosuite.soda;

import java.nio.file.Path;
import java.util.Map;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.Header;
import nom.tam.fits.ImageData;
import nom.tam.fits.ImageHDU;

/**
 * FITS images written for the tests, with pixel values that encode their position (value = x + 10000·y, 0-based)
 * so that any slice can be checked exactly.
 */
public final class TestImages {
    private TestImages() {
    }

    public static final double RA = 150.0;
    public static final double DEC = 2.2;

    private static float[][] floats(int nx, int ny, int salt) {
        float[][] d = new float[ny][nx];
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                d[y][x] = x + 10000f * y + salt * 0.25f;
            }
        }
        return d;
    }

    private static int[][] ints(int nx, int ny) {
        int[][] d = new int[ny][nx];
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                d[y][x] = x + 10000 * y;
            }
        }
        return d;
    }

    static void tan(Header h, double ra, double dec, int nx, int ny, double scaleDeg) throws Exception {
        h.addValue("CTYPE1", "RA---TAN", null);
        h.addValue("CTYPE2", "DEC--TAN", null);
        h.addValue("CRPIX1", nx / 2.0 + 0.5, null);
        h.addValue("CRPIX2", ny / 2.0 + 0.5, null);
        h.addValue("CRVAL1", ra, null);
        h.addValue("CRVAL2", dec, null);
        h.addValue("CDELT1", -scaleDeg, null);
        h.addValue("CDELT2", scaleDeg, null);
        h.addValue("RADESYS", "ICRS", null);
        h.addValue("BUNIT", "nJy", null);
    }

    private static void cards(Header h, Map<String, Object> cards) throws Exception {
        org.vosuite.common.wcs.HeaderCards.addTo(h, cards);
    }

    /** A single-HDU float image with a TAN WCS, 0.2"/pixel. */
    public static Path plain(Path file, int size, double ra, double dec) throws Exception {
        ImageHDU hdu = (ImageHDU) Fits.makeHDU(ImageData.from(floats(size, size, 0)));
        tan(hdu.getHeader(), ra, dec, size, size, 0.2 / 3600);
        hdu.getHeader().addValue("CRPIX1A", 1.0, "parent grid");
        hdu.getHeader().addValue("CRPIX2A", 1.0, null);
        hdu.getHeader().addValue("CTYPE1A", "LINEAR", null);
        hdu.getHeader().addValue("CTYPE2A", "LINEAR", null);
        hdu.getHeader().addValue("CRVAL1A", 0.0, null);
        hdu.getHeader().addValue("CRVAL2A", 0.0, null);
        return write(file, hdu);
    }

    /** A TAN-SIP float image with third-order distortion of a few pixels at the edges. */
    public static Path sip(Path file, double ra, double dec) throws Exception {
        ImageHDU hdu = (ImageHDU) Fits.makeHDU(ImageData.from(floats(1000, 800, 1)));
        Header h = hdu.getHeader();
        tan(h, ra, dec, 1000, 800, 0.2 / 3600);
        h.addValue("CTYPE1", "RA---TAN-SIP", null);
        h.addValue("CTYPE2", "DEC--TAN-SIP", null);
        cards(h, Map.of("A_ORDER", 3, "B_ORDER", 3, "A_2_0", 2.0e-6, "A_0_2", -1.5e-6, "A_1_1", 3.0e-6,
                "A_3_0", 4.0e-9, "B_0_2", 2.5e-6, "B_2_0", -1.0e-6, "B_1_1", -2.0e-6, "B_0_3", 5.0e-9));
        return write(file, hdu);
    }

    /** A ZEA (non-TAN) float image with a rotated PC matrix, 1"/pixel. */
    public static Path zea(Path file, double ra, double dec) throws Exception {
        ImageHDU hdu = (ImageHDU) Fits.makeHDU(ImageData.from(floats(600, 500, 2)));
        Header h = hdu.getHeader();
        cards(h, Map.of("CTYPE1", "RA---ZEA", "CTYPE2", "DEC--ZEA", "CRPIX1", 300.5, "CRPIX2", 250.5,
                "CRVAL1", ra, "CRVAL2", dec, "CDELT1", -1.0 / 3600, "CDELT2", 1.0 / 3600));
        cards(h, Map.of("PC1_1", 0.9396926, "PC1_2", -0.3420201, "PC2_1", 0.3420201, "PC2_2", 0.9396926,
                "RADESYS", "ICRS"));
        return write(file, hdu);
    }

    /**
     * A multi-extension file: a primary HDU without data, two image extensions side by side on the sky (as two
     * detectors of one exposure) and a table extension that is not an image.
     */
    public static Path multiExtension(Path file, double ra, double dec) throws Exception {
        Fits f = new Fits();
        BasicHDU<?> primary = Fits.makeHDU((Object) null);
        primary.getHeader().addValue("TELESCOP", "DemoScope", null);
        primary.getHeader().addValue("OBJECT", "test field", null);
        f.addHDU(primary);
        for (int det = 0; det < 2; det++) {
            ImageHDU hdu = (ImageHDU) Fits.makeHDU(ImageData.from(floats(400, 400, det)));
            // detector 0 east of detector 1; 400 px of 0.2" = 80"
            tan(hdu.getHeader(), ra + (det == 0 ? 40.0 : -40.0) / 3600 / Math.cos(Math.toRadians(dec)), dec, 400,
                    400, 0.2 / 3600);
            hdu.getHeader().addValue("EXTNAME", "CCD" + det, null);
            f.addHDU(hdu);
        }
        f.addHDU(Fits.makeHDU(new Object[] {new int[] {1, 2, 3}}));
        java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
        f.write(file.toFile());
        f.close();
        return file;
    }

    /** A RICE-compressed 32-bit integer image in 64×64 tiles (lossless), TAN WCS. */
    public static Path compressed(Path file, double ra, double dec) throws Exception {
        ImageHDU hdu = (ImageHDU) Fits.makeHDU(ImageData.from(ints(700, 600)));
        tan(hdu.getHeader(), ra, dec, 700, 600, 0.2 / 3600);
        Fits f = org.vosuite.common.image.CompressedFits.rice(hdu, 64, 64);
        java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
        f.write(file.toFile());
        f.close();
        return file;
    }

    /** A cube (ra, dec, wavelength): 200×200×50, wavelength 400..649 nm in 5 nm steps. */
    public static Path cube(Path file) throws Exception {
        float[][][] d = new float[50][200][200];
        for (int z = 0; z < 50; z++) {
            for (int y = 0; y < 200; y++) {
                for (int x = 0; x < 200; x++) {
                    d[z][y][x] = x + 1000f * y + 1000000f * z;
                }
            }
        }
        ImageHDU hdu = (ImageHDU) Fits.makeHDU(ImageData.from(d));
        Header h = hdu.getHeader();
        tan(h, RA, DEC, 200, 200, 1.0 / 3600);
        cards(h, Map.of("CTYPE3", "WAVE", "CUNIT3", "nm", "CRPIX3", 1.0, "CRVAL3", 400.0, "CDELT3", 5.0));
        return write(file, hdu);
    }

    /** A polarization cube (ra, dec, Stokes I Q U V): 50×50×4, plane k filled with k. */
    public static Path stokesCube(Path file) throws Exception {
        float[][][] d = new float[4][50][50];
        for (int z = 0; z < 4; z++) {
            for (float[] row : d[z]) {
                java.util.Arrays.fill(row, z);
            }
        }
        ImageHDU hdu = (ImageHDU) Fits.makeHDU(ImageData.from(d));
        Header h = hdu.getHeader();
        tan(h, RA, DEC, 50, 50, 1.0 / 3600);
        cards(h, Map.of("CTYPE3", "STOKES", "CRPIX3", 1.0, "CRVAL3", 1.0, "CDELT3", 1.0));
        return write(file, hdu);
    }

    /** A time cube (ra, dec, time): 20×20×10 frames of 60 s from MJD 60000.0, frame k filled with k. */
    public static Path timeCube(Path file) throws Exception {
        float[][][] d = new float[10][20][20];
        for (int z = 0; z < 10; z++) {
            for (float[] row : d[z]) {
                java.util.Arrays.fill(row, z);
            }
        }
        ImageHDU hdu = (ImageHDU) Fits.makeHDU(ImageData.from(d));
        Header h = hdu.getHeader();
        tan(h, RA, DEC, 20, 20, 1.0 / 3600);
        cards(h, Map.of("CTYPE3", "TIME", "CUNIT3", "s", "CRPIX3", 1.0, "CRVAL3", 30.0, "CDELT3", 60.0,
                "MJDREF", 60000.0, "TIMESYS", "UTC"));
        return write(file, hdu);
    }

    private static Path write(Path p, BasicHDU<?> hdu) throws Exception {
        java.nio.file.Files.createDirectories(p.toAbsolutePath().getParent());
        try (Fits f = new Fits()) {
            f.addHDU(hdu);
            f.write(p.toFile());
        }
        return p;
    }
}

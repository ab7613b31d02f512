package org.vosuite.app.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import nom.tam.fits.ImageData;
import nom.tam.fits.ImageHDU;
import org.vosuite.common.image.CompressedFits;
import org.vosuite.common.wcs.HeaderCards;
import org.vosuite.common.wcs.Wcs;

/**
 * Renders the demo camera's images from the catalog: every Object inside an image becomes a star (or, when
 * extended, a wider blob) with its catalogued flux in the image's band, on Gaussian sky noise. Calibrated images
 * are 32-bit float in nJy with a TAN-SIP WCS; raws are the same pixels as integer counts, RICE tile-compressed
 * the way observatories ship them; coadds are deeper TAN images. Seeded per image: the same files every time.
 */
public final class DemoImages {
    /** nJy per count of a raw, and the raw's bias level in counts. */
    static final double GAIN_NJY = 2.0;
    static final int BIAS = 1000;
    /** Sky noise of one visit, nJy per pixel (a coadd of four visits has half). */
    static final double NOISE_NJY = 12.0;
    static final double COADD_SEEING_ARCSEC = 1.0;

    private DemoImages() {
    }

    /** A catalog object as the renderer needs it: position, flux per band (g, r, i), extended or not. */
    record Star(double ra, double dec, double[] flux, boolean extended) {
    }

    /** Paths of the datasets' files, relative to the datastore root. */
    public static String calexpPath(int visit, int detector) {
        return "calexp/" + visit + "/calexp_DemoCam_" + visit + "_" + detector + ".fits";
    }

    public static String rawPath(int visit, int detector) {
        return "raw/" + visit + "/raw_DemoCam_" + visit + "_" + detector + ".fits.fz";
    }

    public static String coaddPath(String band) {
        return "deepCoadd/" + band + "/deepCoadd_0_0_" + band + ".fits";
    }

    /** Reads the objects around the field from the catalog. */
    static List<Star> stars(Connection c) throws SQLException {
        double half = 0.9;
        double dra = half / Math.cos(Math.toRadians(DemoSky.DEC));
        List<Star> stars = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(String.format(Locale.ROOT,
                "SELECT coord_ra, coord_dec, \"g_psfFlux\", \"r_psfFlux\", \"i_psfFlux\", \"r_extendedness\" "
                        + "FROM demo_dr1.\"Object\" WHERE coord_ra BETWEEN %f AND %f AND coord_dec BETWEEN %f AND %f",
                DemoSky.RA - dra, DemoSky.RA + dra, DemoSky.DEC - half, DemoSky.DEC + half))) {
            while (rs.next()) {
                stars.add(new Star(rs.getDouble(1), rs.getDouble(2), new double[] {rs.getDouble(3), rs.getDouble(4),
                    rs.getDouble(5)}, rs.getDouble(6) > 0.5));
            }
        }
        return stars;
    }

    /** Writes every calexp, raw and coadd under {@code repo}; returns the number of files written. */
    public static int write(Connection catalog, Path repo, int threads, PrintStream progress)
            throws SQLException, IOException {
        List<Star> stars = stars(catalog);
        List<DemoSky.Ccd> ccds = DemoSky.ccds();
        List<DemoSky.Patch> patches = DemoSky.patches();
        int total = 2 * ccds.size() + patches.size();
        progress.printf("  rendering %d images of %d×%d pixels from %,d catalog objects ...%n", total,
                DemoSky.SIZE, DemoSky.SIZE, stars.size());
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<?>> work = new ArrayList<>();
            for (DemoSky.Ccd ccd : ccds) {
                work.add(pool.submit(() -> {
                    DemoSky.Visit v = ccd.visit();
                    float[][] px = render(ccd.wcs(), stars, band(v.band()), v.seeingArcsec(), NOISE_NJY,
                            seed(v.id(), ccd.detector()));
                    ImageHDU calexp = (ImageHDU) Fits.makeHDU(ImageData.from(px));
                    Header h = calexp.getHeader();
                    describe(h, ccd.wcsCards(), v.band(), v.startMjdTai(), DemoSky.EXPOSURE_SECONDS);
                    h.addValue("VISIT", v.id(), "visit ID");
                    h.addValue("DETECTOR", ccd.detector(), "detector ID");
                    h.addValue("BUNIT", "nJy", "calibrated flux density per pixel");
                    write(repo.resolve(calexpPath(v.id(), ccd.detector())), single(calexp));
                    tick(progress, done, total);
                    writeRaw(repo.resolve(rawPath(v.id(), ccd.detector())), px, ccd);
                    tick(progress, done, total);
                    return null;
                }));
            }
            for (DemoSky.Patch p : patches) {
                work.add(pool.submit(() -> {
                    float[][] px = render(p.wcs(), stars, band(p.band()), COADD_SEEING_ARCSEC, NOISE_NJY / 2,
                            seed(9000 + band(p.band()), 0));
                    ImageHDU coadd = (ImageHDU) Fits.makeHDU(ImageData.from(px));
                    describe(coadd.getHeader(), p.wcsCards(), p.band(), Double.NaN, 0);
                    coadd.getHeader().addValue("BUNIT", "nJy", "calibrated flux density per pixel");
                    write(repo.resolve(coaddPath(p.band())), single(coadd));
                    tick(progress, done, total);
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing the demo images", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            throw new IOException("a demo image could not be written: " + cause.getMessage(), cause);
        } finally {
            pool.shutdownNow();
        }
        return total;
    }

    private static void tick(PrintStream progress, AtomicInteger done, int total) {
        int n = done.incrementAndGet();
        if (n % 12 == 0 || n == total) {
            progress.printf("  images: %d/%d%n", n, total);
        }
    }

    static int band(String band) {
        for (int i = 0; i < DemoSky.BANDS.length; i++) {
            if (DemoSky.BANDS[i].equals(band)) {
                return i;
            }
        }
        throw new IllegalArgumentException("not a demo band: " + band);
    }

    private static long seed(int a, int b) {
        return 0x5eed_2026_1121L ^ (a * 1_000_003L + b);
    }

    /**
     * The image: Gaussian noise of {@code noise}, plus each object inside as a normalised Gaussian of the seeing
     * (extended objects wider) holding its catalogued flux. Pixel (x, y) of the array is FITS pixel (x+1, y+1).
     */
    static float[][] render(Wcs wcs, List<Star> stars, int band, double seeingArcsec, double noise, long seed) {
        int n = DemoSky.SIZE;
        float[][] px = new float[n][n];
        SplittableRandom random = new SplittableRandom(seed);
        for (float[] row : px) {
            for (int x = 0; x < n; x++) {
                row[x] = (float) (noise * random.nextGaussian());
            }
        }
        double sigmaPoint = seeingArcsec / 2.3548 / (DemoSky.PIXEL_DEG * 3600);
        for (Star s : stars) {
            double[] p = wcs.icrsToPixel(s.ra(), s.dec());
            double x0 = p[0] - 1;
            double y0 = p[1] - 1;
            if (!(x0 > -30 && y0 > -30 && x0 < n + 30 && y0 < n + 30)) {
                continue;
            }
            double sigma = s.extended() ? Math.hypot(sigmaPoint, 2.0) : sigmaPoint;
            double flux = s.flux()[band];
            int r = (int) Math.ceil(sigma * (flux > 1e5 ? 8 : 5));
            int xa = Math.max(0, (int) Math.floor(x0) - r);
            int xb = Math.min(n - 1, (int) Math.ceil(x0) + r);
            int ya = Math.max(0, (int) Math.floor(y0) - r);
            int yb = Math.min(n - 1, (int) Math.ceil(y0) + r);
            double norm = flux / (2 * Math.PI * sigma * sigma);
            double k = -0.5 / (sigma * sigma);
            for (int y = ya; y <= yb; y++) {
                double dy2 = (y - y0) * (y - y0);
                for (int x = xa; x <= xb; x++) {
                    px[y][x] += (float) (norm * Math.exp(k * ((x - x0) * (x - x0) + dy2)));
                }
            }
        }
        return px;
    }

    /** The cards every demo image carries: telescope, filter, WCS, and its exposure's time when it has one. */
    private static void describe(Header h, Map<String, Object> wcs, String band, double startMjdTai,
            double exptime) throws FitsException {
        h.addValue("TELESCOP", "Demo Telescope", null);
        h.addValue("INSTRUME", DemoSky.INSTRUMENT, null);
        h.addValue("FILTER", "DemoCam-" + band, "physical filter");
        h.addValue("BAND", band, null);
        HeaderCards.addTo(h, wcs);
        if (!Double.isNaN(startMjdTai)) {
            h.addValue("TIMESYS", "TAI", null);
            h.addValue("MJD-OBS", startMjdTai, "start of the exposure");
            h.addValue("EXPTIME", exptime, "[s]");
        }
    }

    private static Fits single(ImageHDU hdu) throws FitsException {
        Fits f = new Fits();
        f.addHDU(hdu);
        return f;
    }

    /** The raw: counts = flux / gain + bias, as 32-bit integers in a RICE-compressed extension. */
    private static void writeRaw(Path file, float[][] px, DemoSky.Ccd ccd) throws FitsException, IOException {
        int n = px.length;
        int[][] counts = new int[n][n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                counts[y][x] = (int) Math.min(Integer.MAX_VALUE, Math.round(px[y][x] / GAIN_NJY + BIAS));
            }
        }
        ImageHDU hdu = (ImageHDU) Fits.makeHDU(ImageData.from(counts));
        Header h = hdu.getHeader();
        DemoSky.Visit v = ccd.visit();
        describe(h, ccd.wcsCards(), v.band(), v.startMjdTai(), DemoSky.EXPOSURE_SECONDS);
        h.addValue("EXPOSURE", v.id(), "exposure ID");
        h.addValue("DETECTOR", ccd.detector(), "detector ID");
        h.addValue("BUNIT", "adu", null);
        h.addValue("GAIN", GAIN_NJY, "[nJy/adu] of the calibrated image");
        write(file, CompressedFits.rice(hdu, n, 16));
    }

    /** Written beside the target and moved into place: a crash never leaves half a file under the real name. */
    private static void write(Path file, Fits f) throws IOException, FitsException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        try (f) {
            f.write(tmp.toFile());
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}

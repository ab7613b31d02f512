package org.vosuite.app.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vosuite.common.wcs.HeaderCards;
import org.vosuite.common.wcs.Wcs;
import org.vosuite.common.wcs.WcsException;

/**
 * Where the demo camera looked: DemoCam, a 2×2 mosaic of 2048×2048 detectors at 0.5"/pixel, took four dithered
 * visits in each of three bands on one field inside the catalog's footprint; the coadd is one 2048×2048 patch per
 * band at the field's centre. Everything here is fixed, so every machine builds the same release.
 */
public final class DemoSky {
    public static final String INSTRUMENT = "DemoCam";
    public static final String[] BANDS = {"g", "r", "i"};
    public static final int SIZE = 2048;
    public static final double PIXEL_DEG = 0.5 / 3600;
    public static final int DETECTORS = 4;
    public static final int VISITS_PER_BAND = 4;
    /** The field centre, inside the catalog's footprint (RA 150–170°, Dec −10–+5°). */
    public static final double RA = 160.0;
    public static final double DEC = -2.0;
    /** Start of the first exposure, TAI, as MJD (2025-11-18 03:00 TAI). */
    static final double FIRST_MJD_TAI = 61_002.125;
    static final double EXPOSURE_SECONDS = 30;
    /** Detector centres from the boresight, in pixels (a gap of 40 pixels between detectors). */
    private static final double HALF_PITCH = (SIZE + 40) / 2.0;

    private DemoSky() {
    }

    /** One visit: a band, a pointing, a rotation, the seeing, and its time. */
    public record Visit(int id, String band, double ra, double dec, double rotationDeg, double seeingArcsec,
            double startMjdTai) {
        public double endMjdTai() {
            return startMjdTai + EXPOSURE_SECONDS / 86400;
        }

        public String dayObs() {
            return "20251117";
        }
    }

    /** One detector of one visit, with the FITS WCS cards of its image. */
    public record Ccd(Visit visit, int detector, Map<String, Object> wcsCards) {
        public Wcs wcs() {
            return DemoSky.wcs(wcsCards);
        }
    }

    /** The coadd patch of a band. */
    public record Patch(String band, Map<String, Object> wcsCards) {
        public Wcs wcs() {
            return DemoSky.wcs(wcsCards);
        }
    }

    public static List<Visit> visits() {
        // dithers in degrees, and a small rotation per visit, as a real survey's would be
        double[][] dither = {{0, 0}, {0.08, 0.05}, {-0.06, 0.09}, {0.04, -0.08}};
        List<Visit> visits = new ArrayList<>();
        int id = 1001;
        int k = 0;
        for (String band : BANDS) {
            for (int v = 0; v < VISITS_PER_BAND; v++) {
                double dec = DEC + dither[v][1];
                double ra = RA + dither[v][0] / Math.cos(Math.toRadians(dec));
                visits.add(new Visit(id++, band, ra, dec, 1.5 * v - 2, 0.9 + 0.1 * ((k * 7) % 5),
                        FIRST_MJD_TAI + k * 40.0 / 86400));
                k++;
            }
        }
        return visits;
    }

    public static List<Ccd> ccds() {
        List<Ccd> ccds = new ArrayList<>();
        for (Visit v : visits()) {
            for (int d = 0; d < DETECTORS; d++) {
                ccds.add(ccd(v, d));
            }
        }
        return ccds;
    }

    static Ccd ccd(Visit v, int detector) {
        double rot = Math.toRadians(v.rotationDeg());
        // detector 0 south-east, 1 south-west, 2 north-east, 3 north-west of the boresight (before rotation)
        double px = (detector % 2 == 0 ? -1 : 1) * HALF_PITCH;
        double py = (detector < 2 ? -1 : 1) * HALF_PITCH;
        Map<String, Object> boresight = tan(v.ra(), v.dec(), rot, 0, 0);
        double[] centre = wcs(boresight).pixelToIcrs(SIZE / 2.0 + 0.5 + px, SIZE / 2.0 + 0.5 + py);
        Map<String, Object> cards = tan(centre[0], centre[1], rot, 0, 0);
        cards.put("CTYPE1", "RA---TAN-SIP");
        cards.put("CTYPE2", "DEC--TAN-SIP");
        // optical distortion of about two pixels at the corners, different per detector as real optics give
        double s = 1 + 0.15 * detector;
        cards.put("A_ORDER", 3);
        cards.put("B_ORDER", 3);
        cards.put("A_2_0", 4.0e-7 * s);
        cards.put("A_1_1", -3.0e-7);
        cards.put("A_0_2", 2.5e-7 * s);
        cards.put("A_3_0", 1.0e-10 * s);
        cards.put("B_2_0", -2.0e-7);
        cards.put("B_1_1", 3.5e-7 * s);
        cards.put("B_0_2", -4.0e-7);
        cards.put("B_0_3", 1.2e-10 * s);
        return new Ccd(v, detector, cards);
    }

    public static List<Patch> patches() {
        List<Patch> patches = new ArrayList<>();
        for (String band : BANDS) {
            patches.add(new Patch(band, tan(RA, DEC, 0, 0, 0)));
        }
        return patches;
    }

    /** TAN cards of a SIZE×SIZE image centred on (ra, dec), rotated by {@code rot} radians east of north. */
    private static Map<String, Object> tan(double ra, double dec, double rot, double dx, double dy) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("CTYPE1", "RA---TAN");
        c.put("CTYPE2", "DEC--TAN");
        c.put("CRPIX1", SIZE / 2.0 + 0.5 + dx);
        c.put("CRPIX2", SIZE / 2.0 + 0.5 + dy);
        c.put("CRVAL1", ra);
        c.put("CRVAL2", dec);
        c.put("CD1_1", -PIXEL_DEG * Math.cos(rot));
        c.put("CD1_2", PIXEL_DEG * Math.sin(rot));
        c.put("CD2_1", PIXEL_DEG * Math.sin(rot));
        c.put("CD2_2", PIXEL_DEG * Math.cos(rot));
        c.put("CUNIT1", "deg");
        c.put("CUNIT2", "deg");
        c.put("RADESYS", "ICRS");
        return c;
    }

    static Wcs wcs(Map<String, Object> cards) {
        Map<String, String> text = new LinkedHashMap<>();
        cards.forEach((k, v) -> text.put(k, String.valueOf(v)));
        text.put("NAXIS", "2");
        text.put("NAXIS1", String.valueOf(SIZE));
        text.put("NAXIS2", String.valueOf(SIZE));
        try {
            return Wcs.of(HeaderCards.of(text));
        } catch (WcsException e) {
            throw new IllegalStateException("the demo's own WCS is invalid: " + e.getMessage(), e);
        }
    }

    /**
     * The sky positions of an image's four outer pixel corners: south-west, south-east, north-east, north-west
     * (for north up, east left), the order sphgeom polygons in Butler registries use.
     */
    public static List<double[]> corners(Wcs wcs) {
        double lo = 0.5;
        double hi = SIZE + 0.5;
        List<double[]> out = new ArrayList<>();
        for (double[] p : new double[][] {{hi, lo}, {lo, lo}, {lo, hi}, {hi, hi}}) {
            out.add(wcs.pixelToIcrs(p[0], p[1]));
        }
        return out;
    }
}

package org.vosuite.soda.cutout;

import java.util.Locale;
import nom.tam.fits.Header;
import org.vosuite.common.wcs.HeaderCards;
import org.vosuite.common.wcs.Wcs;
import org.vosuite.common.wcs.WcsException;
import org.vosuite.soda.region.SkyRegion;

/**
 * The pixel range each axis of one image keeps under a {@link CutoutSpec}: the celestial axes from the region
 * through the full WCS (distortions included), a spectral axis from BAND, a time axis from TIME, a Stokes axis from
 * POL. Ranges are
 * 0-based starts and lengths in FITS axis order; null means the image has no pixel in the filters.
 */
final class AxisRanges {
    private static final double C = 299792458.0;
    private static final int GRID = 64;

    private AxisRanges() {
    }

    record Ranges(int[] start, int[] length) {
        long pixels() {
            long n = 1;
            for (int l : length) {
                n *= l;
            }
            return n;
        }
    }

    static Ranges of(Header h, int[] dims, CutoutSpec spec) throws WcsException {
        int n = dims.length;
        int[] start = new int[n];
        int[] length = dims.clone();
        HeaderCards cards = HeaderCards.of(h);
        if (spec.region() != null) {
            Wcs wcs = Wcs.of(cards);
            int[] axes = wcs.celestialPixelAxes();
            int[] box = celestialBox(wcs, spec.region(), dims[axes[0]], dims[axes[1]]);
            if (box == null) {
                return null;
            }
            start[axes[0]] = box[0] - 1;
            length[axes[0]] = box[1] - box[0] + 1;
            start[axes[1]] = box[2] - 1;
            length[axes[1]] = box[3] - box[2] + 1;
        }
        for (int i = 0; i < n; i++) {
            String type = cards.string("CTYPE" + (i + 1));
            if (type == null) {
                continue;
            }
            String t = type.toUpperCase(Locale.ROOT);
            int[] r = null;
            if (spec.band() != null && (t.startsWith("WAVE") || t.startsWith("AWAV") || t.startsWith("FREQ"))) {
                r = spectral(cards, i, dims[i], t.startsWith("FREQ"), spec.band());
            } else if (!spec.pol().isEmpty() && t.equals("STOKES")) {
                r = stokes(cards, i, dims[i], spec.pol());
            } else if (spec.time() != null && (t.equals("TIME") || t.equals("UTC") || t.equals("TAI")
                    || t.equals("TT") || t.equals("MJD"))) {
                r = time(cards, i, dims[i], spec.time());
            }
            if (r != null) {
                if (r[1] < r[0]) {
                    return null;
                }
                start[i] = r[0];
                length[i] = r[1] - r[0] + 1;
            }
        }
        return new Ranges(start, length);
    }

    /**
     * The 1-based inclusive pixel box {x0, x1, y0, y1} the region covers, or null. Two samples make it: the
     * region's boundary projected into the image (for regions inside or crossing the image) and a grid of image
     * pixels tested against the region (for regions that contain the image, or whose boundary leaves the
     * projection's domain).
     */
    static int[] celestialBox(Wcs wcs, SkyRegion region, int nx, int ny) {
        double minx = Double.POSITIVE_INFINITY;
        double maxx = Double.NEGATIVE_INFINITY;
        double miny = Double.POSITIVE_INFINITY;
        double maxy = Double.NEGATIVE_INFINITY;
        boolean touches = false;
        boolean allInside = true;
        for (double[] p : region.boundary()) {
            double[] px = wcs.icrsToPixel(p[0], p[1]);
            if (Double.isNaN(px[0]) || Double.isNaN(px[1])) {
                allInside = false;
                continue;
            }
            minx = Math.min(minx, px[0]);
            maxx = Math.max(maxx, px[0]);
            miny = Math.min(miny, px[1]);
            maxy = Math.max(maxy, px[1]);
            boolean inside = px[0] >= 0.5 && px[0] <= nx + 0.5 && px[1] >= 0.5 && px[1] <= ny + 0.5;
            touches |= inside;
            allInside &= inside;
        }
        // A boundary wholly inside the image bounds the region there: the grid could add nothing.
        for (int i = 0; i <= (allInside ? -1 : GRID); i++) {
            double x = 0.5 + (double) nx * i / GRID;
            for (int j = 0; j <= GRID; j++) {
                double y = 0.5 + (double) ny * j / GRID;
                double[] sky = wcs.pixelToIcrs(x, y);
                if (!Double.isNaN(sky[0]) && region.contains(sky[0], sky[1])) {
                    touches = true;
                    minx = Math.min(minx, x);
                    maxx = Math.max(maxx, x);
                    miny = Math.min(miny, y);
                    maxy = Math.max(maxy, y);
                }
            }
        }
        if (!touches) {
            return null;
        }
        int x0 = (int) Math.max(1, Math.floor(minx + 0.5));
        int x1 = (int) Math.min(nx, Math.floor(maxx + 0.5));
        int y0 = (int) Math.max(1, Math.floor(miny + 0.5));
        int y1 = (int) Math.min(ny, Math.floor(maxy + 0.5));
        if (x0 > x1 || y0 > y1) {
            return null;
        }
        return new int[] {x0, x1, y0, y1};
    }

    /** The linear world coordinate of pixel p (1-based) on axis i: CRVAL + CDELT·PC (or CD) · (p − CRPIX). */
    private static double linear(HeaderCards h, int i, double p) throws WcsException {
        String k = String.valueOf(i + 1);
        double scale = h.has("CD" + k + "_" + k) ? h.number("CD" + k + "_" + k, 1)
                : h.number("CDELT" + k, 1) * h.number("PC" + k + "_" + k, 1);
        return h.number("CRVAL" + k, 0) + scale * (p - h.number("CRPIX" + k, 0));
    }

    /** 0-based first and last pixel whose spectral bin overlaps the band (metres). */
    private static int[] spectral(HeaderCards h, int axis, int n, boolean frequency, double[] band)
            throws WcsException {
        String unit = h.string("CUNIT" + (axis + 1));
        double toSi = unitToSi(unit == null ? (frequency ? "Hz" : "m") : unit.trim());
        int first = Integer.MAX_VALUE;
        int last = -1;
        for (int p = 1; p <= n; p++) {
            double a = linear(h, axis, p - 0.5) * toSi;
            double b = linear(h, axis, p + 0.5) * toSi;
            double wa = frequency ? C / a : a;
            double wb = frequency ? C / b : b;
            double lo = Math.min(wa, wb);
            double hi = Math.max(wa, wb);
            if (hi >= band[0] && lo <= band[1]) {
                first = Math.min(first, p - 1);
                last = Math.max(last, p - 1);
            }
        }
        return last < 0 ? new int[] {1, 0} : new int[] {first, last};
    }

    /**
     * 0-based first and last pixel whose time bin overlaps the MJD interval. The axis counts CUNIT (default s;
     * d for CTYPE MJD) from MJDREF (default 0), as FITS time papers write it (Rots et al. 2015); the time scale's
     * offset from UTC (under a minute) is ignored, well below a pixel of any time axis we cut.
     */
    private static int[] time(HeaderCards h, int axis, int n, double[] mjd) throws WcsException {
        String unit = h.string("CUNIT" + (axis + 1));
        boolean mjdAxis = "MJD".equalsIgnoreCase(h.string("CTYPE" + (axis + 1)));
        double days = switch (unit == null ? (mjdAxis ? "d" : "s") : unit.trim()) {
            case "s" -> 1 / 86400.0;
            case "min" -> 1 / 1440.0;
            case "h" -> 1 / 24.0;
            case "d" -> 1;
            case "a", "yr" -> 365.25;
            default -> throw new WcsException("time unit '" + unit + "' is not supported");
        };
        double ref = h.number("MJDREF", 0);
        int first = Integer.MAX_VALUE;
        int last = -1;
        for (int p = 1; p <= n; p++) {
            double a = ref + linear(h, axis, p - 0.5) * days;
            double b = ref + linear(h, axis, p + 0.5) * days;
            if (Math.max(a, b) >= mjd[0] && Math.min(a, b) <= mjd[1]) {
                first = Math.min(first, p - 1);
                last = Math.max(last, p - 1);
            }
        }
        return last < 0 ? new int[] {1, 0} : new int[] {first, last};
    }

    private static double unitToSi(String unit) throws WcsException {
        return switch (unit) {
            case "m", "Hz" -> 1;
            case "cm" -> 1e-2;
            case "mm" -> 1e-3;
            case "um" -> 1e-6;
            case "nm" -> 1e-9;
            case "Angstrom", "angstrom" -> 1e-10;
            case "kHz" -> 1e3;
            case "MHz" -> 1e6;
            case "GHz" -> 1e9;
            default -> throw new WcsException("spectral unit '" + unit + "' is not supported");
        };
    }

    private static final String[] STOKES_POSITIVE = {null, "I", "Q", "U", "V"};
    private static final String[] STOKES_NEGATIVE = {null, "RR", "LL", "RL", "LR", "XX", "YY", "XY", "YX"};

    private static int[] stokes(HeaderCards h, int axis, int n, java.util.Set<String> pol) throws WcsException {
        int first = Integer.MAX_VALUE;
        int last = -1;
        for (int p = 1; p <= n; p++) {
            int v = (int) Math.round(linear(h, axis, p));
            String label = v > 0 && v < STOKES_POSITIVE.length ? STOKES_POSITIVE[v]
                    : v < 0 && -v < STOKES_NEGATIVE.length ? STOKES_NEGATIVE[-v] : null;
            if (label != null && pol.contains(label)) {
                first = Math.min(first, p - 1);
                last = Math.max(last, p - 1);
            }
        }
        return last < 0 ? new int[] {1, 0} : new int[] {first, last};
    }
}

package org.vosuite.soda.cutout;

import java.util.Locale;
import nom.tam.fits.Header;
import org.vosuite.common.units.VoUnit;
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

    /** A linear axis: world(p) = CRVAL + CDELT·PC (or CD) · (p − CRPIX) for 1-based pixel p. */
    private record LinearAxis(double crval, double crpix, double scale) {
        static LinearAxis of(HeaderCards h, int axis) throws WcsException {
            String k = String.valueOf(axis + 1);
            double scale = h.has("CD" + k + "_" + k) ? h.number("CD" + k + "_" + k, 1)
                    : h.number("CDELT" + k, 1) * h.number("PC" + k + "_" + k, 1);
            return new LinearAxis(h.number("CRVAL" + k, 0), h.number("CRPIX" + k, 0), scale);
        }

        double world(double p) {
            return crval + scale * (p - crpix);
        }
    }

    /** 0-based first and last pixel of 1..n that {@code keep} accepts; {1, 0} (empty) when none. */
    private static int[] selected(int n, java.util.function.IntPredicate keep) {
        int first = -1;
        int last = -1;
        for (int p = 1; p <= n; p++) {
            if (keep.test(p)) {
                first = first < 0 ? p - 1 : first;
                last = p - 1;
            }
        }
        return last < 0 ? new int[] {1, 0} : new int[] {first, last};
    }

    /** The pixels whose bin, its edges mapped by {@code value}, overlaps [lo, hi]. */
    private static int[] binsOverlapping(int n, LinearAxis axis, java.util.function.DoubleUnaryOperator value,
            double[] interval) {
        return selected(n, p -> {
            double a = value.applyAsDouble(axis.world(p - 0.5));
            double b = value.applyAsDouble(axis.world(p + 0.5));
            return Math.max(a, b) >= interval[0] && Math.min(a, b) <= interval[1];
        });
    }

    /** The factor from the axis's CUNIT (or {@code fallback}) to {@code target}, by VOUnits. */
    private static double unitFactor(HeaderCards h, int axis, String fallback, String target) throws WcsException {
        String unit = h.string("CUNIT" + (axis + 1));
        String u = unit == null || unit.isBlank() ? fallback : unit.trim();
        try {
            return VoUnit.parse(u).factorTo(VoUnit.parse(target));
        } catch (VoUnit.UnitException e) {
            throw new WcsException("CUNIT" + (axis + 1) + " = '" + u + "' cannot be converted to " + target + ": "
                    + e.getMessage());
        }
    }

    /** Pixels whose spectral bin overlaps the band (metres); FREQ axes are converted by λ = c/ν. */
    private static int[] spectral(HeaderCards h, int axis, int n, boolean frequency, double[] band)
            throws WcsException {
        return binsOverlapping(n, LinearAxis.of(h, axis), wavelength(h, axis, frequency), band);
    }

    /** World value of a spectral axis → wavelength in metres. */
    private static java.util.function.DoubleUnaryOperator wavelength(HeaderCards h, int axis, boolean frequency)
            throws WcsException {
        double toSi = unitFactor(h, axis, frequency ? "Hz" : "m", frequency ? "Hz" : "m");
        return w -> frequency ? C / (w * toSi) : w * toSi;
    }

    /**
     * Pixels whose time bin overlaps the MJD interval. The axis counts CUNIT (default s; d for CTYPE MJD) from
     * MJDREF (default 0), as FITS time papers write it (Rots et al. 2015); the time scale's offset from UTC (under
     * a minute) is ignored, well below a pixel of any time axis we cut.
     */
    private static int[] time(HeaderCards h, int axis, int n, double[] mjd) throws WcsException {
        return binsOverlapping(n, LinearAxis.of(h, axis), mjd(h, axis), mjd);
    }

    /** World value of a time axis → MJD. */
    private static java.util.function.DoubleUnaryOperator mjd(HeaderCards h, int axis) throws WcsException {
        boolean mjdAxis = "MJD".equalsIgnoreCase(h.string("CTYPE" + (axis + 1)));
        double days = unitFactor(h, axis, mjdAxis ? "d" : "s", "d");
        double ref = h.number("MJDREF", 0);
        return t -> ref + t * days;
    }

    /**
     * What an image's non-celestial axes span: wavelength (m) and MJD as {min, max} over the outer bin edges
     * (null without such an axis), and the Stokes parameters of a STOKES axis (empty without one).
     */
    record Extents(double[] band, double[] time, java.util.List<String> pol) {
    }

    static Extents extents(Header h, int[] dims) throws WcsException {
        HeaderCards cards = HeaderCards.of(h);
        double[] band = null;
        double[] time = null;
        java.util.List<String> pol = new java.util.ArrayList<>();
        for (int i = 0; i < dims.length; i++) {
            String type = cards.string("CTYPE" + (i + 1));
            String t = type == null ? "" : type.toUpperCase(Locale.ROOT);
            java.util.function.DoubleUnaryOperator value = null;
            if (t.startsWith("WAVE") || t.startsWith("AWAV") || t.startsWith("FREQ")) {
                value = wavelength(cards, i, t.startsWith("FREQ"));
            } else if (t.equals("TIME") || t.equals("UTC") || t.equals("TAI") || t.equals("TT") || t.equals("MJD")) {
                value = mjd(cards, i);
            } else if (t.equals("STOKES")) {
                LinearAxis ax = LinearAxis.of(cards, i);
                for (int p = 1; p <= dims[i]; p++) {
                    String label = stokesLabel((int) Math.round(ax.world(p)));
                    if (label != null) {
                        pol.add(label);
                    }
                }
                continue;
            }
            if (value != null) {
                LinearAxis ax = LinearAxis.of(cards, i);
                double a = value.applyAsDouble(ax.world(0.5));
                double b = value.applyAsDouble(ax.world(dims[i] + 0.5));
                double[] range = {Math.min(a, b), Math.max(a, b)};
                if (t.startsWith("WAVE") || t.startsWith("AWAV") || t.startsWith("FREQ")) {
                    band = range;
                } else {
                    time = range;
                }
            }
        }
        return new Extents(band, time, pol);
    }

    private static final String[] STOKES_POSITIVE = {null, "I", "Q", "U", "V"};
    private static final String[] STOKES_NEGATIVE = {null, "RR", "LL", "RL", "LR", "XX", "YY", "XY", "YX"};

    private static int[] stokes(HeaderCards h, int axis, int n, java.util.Set<String> pol) throws WcsException {
        LinearAxis ax = LinearAxis.of(h, axis);
        return selected(n, p -> {
            String label = stokesLabel((int) Math.round(ax.world(p)));
            return label != null && pol.contains(label);
        });
    }

    /** FITS Stokes code (Greisen & Calabretta 2002, Table 7) → SODA POL label, or null. */
    private static String stokesLabel(int v) {
        return v > 0 && v < STOKES_POSITIVE.length ? STOKES_POSITIVE[v]
                : v < 0 && -v < STOKES_NEGATIVE.length ? STOKES_NEGATIVE[-v] : null;
    }
}

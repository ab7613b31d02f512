package org.vosuite.soda.cutout;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import org.vosuite.common.sky.SkyMath;
import org.vosuite.common.wcs.HeaderCards;
import org.vosuite.common.wcs.Wcs;
import org.vosuite.common.wcs.WcsException;
import org.vosuite.soda.resolve.Dataset;

/**
 * What cutouts of a dataset can select, as a SODA service descriptor's VALUES state it (SODA §4.2): the sky the
 * images cover, as a covering circle (ra, dec, radius) and a covering convex polygon; the wavelength interval (m)
 * and MJD interval of spectral and time axes; the Stokes parameters of a STOKES axis. Read from the headers of
 * every image HDU (no pixel data); ObsCore's extent fills in axes the file does not have.
 *
 * @param circle  {ra, dec, radius} in degrees, null when no image has a celestial WCS
 * @param polygon ra1, dec1, ra2, dec2, … counter-clockwise, null with circle
 * @param band    {min, max} wavelength in metres, or null
 * @param time    {min, max} MJD, or null
 */
public record CutoutDomain(double[] circle, double[] polygon, double[] band, double[] time, List<String> pol) {
    /** Samples per image edge: distorted (SIP) edges curve between them, which {@link #MARGIN} covers. */
    private static final int EDGE_STEPS = 32;
    /** How much the covering shapes are enlarged, as a fraction of their size: about 0.1" for a 0.03° image. */
    private static final double MARGIN = 1e-3;

    public CutoutDomain {
        pol = List.copyOf(pol);
    }

    public static CutoutDomain of(Dataset d) throws IOException, CutoutException {
        List<double[]> points = new ArrayList<>();
        double[] band = null;
        double[] time = null;
        Set<String> pol = new LinkedHashSet<>();
        try (Fits in = new Fits(d.file().toFile())) {
            for (BasicHDU<?> hdu; (hdu = in.readHDU()) != null; ) {
                Header h = FitsCutout.imageHeader(hdu);
                if (h == null) {
                    continue;
                }
                int[] dims = FitsCutout.dims(h);
                try {
                    Wcs wcs = Wcs.of(HeaderCards.of(h));
                    int[] axes = wcs.celestialPixelAxes();
                    edges(wcs, dims[axes[0]], dims[axes[1]], points);
                } catch (WcsException e) {
                    // an image without celestial WCS: its other axes may still be cut
                }
                AxisRanges.Extents x;
                try {
                    x = AxisRanges.extents(h, dims);
                } catch (WcsException e) {
                    continue;
                }
                band = union(band, x.band());
                time = union(time, x.time());
                pol.addAll(x.pol());
            }
        } catch (FitsException e) {
            throw new CutoutException("the dataset's FITS file cannot be read: " + e.getMessage(), false);
        }
        if (band == null && !Double.isNaN(d.emMin()) && !Double.isNaN(d.emMax())) {
            band = new double[] {d.emMin(), d.emMax()};
        }
        if (time == null && !Double.isNaN(d.tMin()) && !Double.isNaN(d.tMax())) {
            time = new double[] {d.tMin(), d.tMax()};
        }
        if (pol.isEmpty() && d.polStates() != null) {
            for (String s : d.polStates().split("/")) {
                if (!s.isBlank()) {
                    pol.add(s.trim());
                }
            }
        }
        if (points.isEmpty()) {
            return new CutoutDomain(null, null, band, time, new ArrayList<>(pol));
        }
        double[] center = center(points);
        double radius = 0;
        for (double[] p : points) {
            radius = Math.max(radius, SkyMath.angle(center, p));
        }
        double[] c = SkyMath.raDec(center);
        return new CutoutDomain(new double[] {c[0], c[1], Math.toDegrees(radius) * (1 + MARGIN)},
                hull(center, points), band, time, new ArrayList<>(pol));
    }

    /** Points along an image's outer pixel edges (1-based pixels, so the edges are at 0.5 and n + 0.5). */
    private static void edges(Wcs wcs, int nx, int ny, List<double[]> out) {
        for (int i = 0; i < EDGE_STEPS; i++) {
            double t = i / (double) EDGE_STEPS;
            double x = 0.5 + t * nx;
            double y = 0.5 + t * ny;
            add(wcs, x, 0.5, out);
            add(wcs, nx + 0.5, y, out);
            add(wcs, nx + 1 - x, ny + 0.5, out);
            add(wcs, 0.5, ny + 1 - y, out);
        }
    }

    private static void add(Wcs wcs, double x, double y, List<double[]> out) {
        double[] sky = wcs.pixelToIcrs(x, y);
        if (!Double.isNaN(sky[0])) {
            out.add(SkyMath.unitVector(sky[0], sky[1]));
        }
    }

    private static double[] center(List<double[]> points) {
        double[] sum = new double[3];
        for (double[] p : points) {
            for (int i = 0; i < 3; i++) {
                sum[i] += p[i];
            }
        }
        return SkyMath.normalize(sum);
    }

    /**
     * The convex hull of the points in the gnomonic plane about {@code center} (ξ east, η north), counter-clockwise
     * there (Andrew's monotone chain), enlarged by {@link #MARGIN} about the centre, as ra, dec pairs. Great circles
     * are straight lines in that plane, so the hull's edges, drawn as great circles, enclose every point.
     */
    private static double[] hull(double[] center, List<double[]> points) {
        double[] pole = {0, 0, 1};
        double[] east = SkyMath.cross(pole, center);
        east = SkyMath.norm(east) < 1e-12 ? new double[] {0, 1, 0} : SkyMath.normalize(east);
        double[] north = SkyMath.cross(center, east);
        List<double[]> plane = new ArrayList<>();
        for (double[] p : points) {
            // Rounded to 1e-12 rad (2e-10°): points along an edge parallel to an axis then share that coordinate
            // exactly, so the sort orders them along the edge; rounding noise would scramble them, and the chain
            // would drop a corner as "collinear".
            double z = SkyMath.dot(p, center);
            plane.add(new double[] {Math.rint(SkyMath.dot(p, east) / z * 1e12) / 1e12,
                Math.rint(SkyMath.dot(p, north) / z * 1e12) / 1e12});
        }
        plane.sort((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
        List<double[]> h = new ArrayList<>();
        for (int pass = 0; pass < 2; pass++) {
            int start = h.size();
            for (int i = 0; i < plane.size(); i++) {
                double[] p = plane.get(pass == 0 ? i : plane.size() - 1 - i);
                while (h.size() >= start + 2 && turn(h.get(h.size() - 2), h.get(h.size() - 1), p) <= 0) {
                    h.remove(h.size() - 1);
                }
                h.add(p);
            }
            h.remove(h.size() - 1);
        }
        double[] out = new double[h.size() * 2];
        for (int i = 0; i < h.size(); i++) {
            double xi = h.get(i)[0] * (1 + MARGIN);
            double eta = h.get(i)[1] * (1 + MARGIN);
            double[] rd = SkyMath.raDec(SkyMath.normalize(new double[] {center[0] + xi * east[0] + eta * north[0],
                center[1] + xi * east[1] + eta * north[1], center[2] + xi * east[2] + eta * north[2]}));
            out[2 * i] = rd[0];
            out[2 * i + 1] = rd[1];
        }
        return out;
    }

    private static double turn(double[] a, double[] b, double[] c) {
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
    }

    private static double[] union(double[] a, double[] b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : new double[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])};
    }
}

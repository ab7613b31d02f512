package org.vosuite.common.healpix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosuite.common.sky.SkyMath;

/**
 * Cone and polygon coverage: no pixel a region touches may be missing (checked with sampled points and against
 * healpy's centre-inside result), and the result should not be much larger than healpy's inclusive one.
 */
class CoverageTest {
    private static final double ARCSEC = 1 / 3600.0;
    /** Keeps healpy's answers (and the test) small: regions get a coarser order when they would hold more. */
    private static final double MAX_PIXELS = 300_000;

    @TempDir
    Path dir;

    /**
     * A region under test: how healpy is asked about it, our coverage, points of the region, and a membership
     * test for unit vectors that does not use our coverage code.
     */
    private record Case(String healpyQuery, int order, PixelRanges ours, List<double[]> points,
            Predicate<double[]> contains) {
    }

    @Test
    void conesAgainstHealpy() throws Exception {
        Random rnd = new Random(42);
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            double ra = 360 * rnd.nextDouble();
            double dec = Math.toDegrees(Math.asin(2 * rnd.nextDouble() - 1));
            if (i % 6 == 0) {
                dec = (rnd.nextBoolean() ? 1 : -1) * (90 - 3 * rnd.nextDouble());
            } else if (i % 6 == 1) {
                ra = (360 + 4 * rnd.nextDouble() - 2) % 360;
            }
            double radius = ARCSEC * Math.pow(30 * 3600, rnd.nextDouble());
            int order = 6 + rnd.nextInt(7);
            while (order > 6 && (1 - Math.cos(Math.toRadians(radius))) / 2 * Healpix.npix(order) > MAX_PIXELS) {
                order--;
            }
            cases.add(cone(order, ra, dec, radius, rnd));
        }
        // Poles, ra = 0, touching a pole, nothing, the biggest cones.
        double[][] fixed = {
            {8, 0, 90, 5}, {7, 123, -90, 12}, {7, 0, 0, 10}, {9, 359.99, 45, 2}, {8, 10, 80, 10.0001},
            {12, 150, 2, ARCSEC}, {16, 359.9999, -89.9999, ARCSEC}, {10, 12.3, 45.6, 0}, {5, 45, 30, 60},
            {4, 200, -45, 90}, {4, 300, 10, 135}, {3, 0, 90, 179.99}, {3, 77, -12, 180},
        };
        for (double[] f : fixed) {
            cases.add(cone((int) f[0], f[1], f[2], f[3], rnd));
        }
        check("cones", cases);
    }

    private static Case cone(int order, double ra, double dec, double radiusDeg, Random rnd) {
        double[] c = SkyMath.unitVector(ra, dec);
        double r = Math.toRadians(radiusDeg);
        List<double[]> points = new ArrayList<>();
        for (int k = 0; k < 2000; k++) {
            double d;
            if (k < 1000) {
                d = Math.acos(1 - rnd.nextDouble() * (1 - Math.cos(r))); // uniform over the cap
            } else if (k < 1900) {
                d = r * (1 - 0.02 * rnd.nextDouble()); // next to the rim, where pixels get dropped
            } else {
                d = r;
            }
            points.add(SkyMath.raDec(offset(c, d, 2 * Math.PI * rnd.nextDouble())));
        }
        return new Case("C " + order + " " + ra + " " + dec + " " + radiusDeg, order,
                Coverage.cone(order, ra, dec, radiusDeg), points, v -> SkyMath.angle(c, v) <= r);
    }

    @Test
    void polygonsAgainstHealpy() throws Exception {
        Random rnd = new Random(1234);
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            double ra = 360 * rnd.nextDouble();
            double dec = Math.toDegrees(Math.asin(2 * rnd.nextDouble() - 1));
            if (i % 6 == 0) {
                dec = (rnd.nextBoolean() ? 1 : -1) * (90 - 5 * rnd.nextDouble());
            } else if (i % 6 == 1) {
                ra = (360 + 4 * rnd.nextDouble() - 2) % 360;
            }
            double size = 0.1 * Math.pow(300, rnd.nextDouble());
            cases.add(polygon(randomConvexPolygon(rnd, ra, dec, size), size, rnd));
        }
        double[][][] fixed = {
            {{0, 80}, {90, 80}, {180, 80}, {270, 80}}, // holds the north pole
            {{355, -5}, {5, -5}, {0, 5}}, // across ra = 0
            {{10, -75}, {82, -75}, {154, -75}, {226, -75}, {298, -75}, {10, -75}}, // south pole, closing vertex
            {{0, 0}, {90, 0}, {0, 90}}, // an octant
            {{0, 0}, {0, 90}, {90, 0}}, // the same, wound the other way
            {{40, 10}, {40, 10 + ARCSEC * 60}, {40.001, 10.0005}}, // small, thin
        };
        double[] sizes = {10, 5, 15, 45, 45, 0.02};
        for (int i = 0; i < fixed.length; i++) {
            cases.add(polygon(fixed[i], sizes[i], rnd));
        }
        check("polygons", cases);
    }

    /** Vertices of a convex polygon around (ra, dec): an ellipse's inscribed polygon on the gnomonic plane. */
    private static double[][] randomConvexPolygon(Random rnd, double ra, double dec, double sizeDeg) {
        int n = 3 + rnd.nextInt(6);
        double[] t = new double[n];
        boolean spread;
        do {
            for (int k = 0; k < n; k++) {
                t[k] = 2 * Math.PI * rnd.nextDouble();
            }
            Arrays.sort(t);
            spread = 2 * Math.PI + t[0] - t[n - 1] > Math.PI / n;
            for (int k = 1; k < n; k++) {
                spread &= t[k] - t[k - 1] > Math.PI / n;
            }
        } while (!spread); // no nearly-straight corners: healpy rejects them as degenerate
        double a = Math.tan(Math.toRadians(sizeDeg));
        double b = a * (0.3 + 0.7 * rnd.nextDouble());
        double tilt = Math.PI * rnd.nextDouble();
        Plane plane = new Plane(SkyMath.unitVector(ra, dec));
        double[][] vs = new double[n][];
        for (int k = 0; k < n; k++) {
            double x = a * Math.cos(t[k]);
            double y = b * Math.sin(t[k]);
            vs[k] = SkyMath.raDec(plane.toSphere(x * Math.cos(tilt) - y * Math.sin(tilt),
                    x * Math.sin(tilt) + y * Math.cos(tilt)));
        }
        if (rnd.nextBoolean()) {
            for (int k = 0; k < n / 2; k++) {
                double[] swap = vs[k];
                vs[k] = vs[n - 1 - k];
                vs[n - 1 - k] = swap;
            }
        }
        return vs;
    }

    /**
     * Points of the polygon: uniform on the gnomonic plane around its vertex mean (where its edges are straight),
     * on its edges, and its vertices.
     */
    private static Case polygon(double[][] raDec, double sizeDeg, Random rnd) {
        int n = raDec.length;
        double[] mean = new double[3];
        double[][] v = new double[n][];
        for (int k = 0; k < n; k++) {
            v[k] = SkyMath.unitVector(raDec[k][0], raDec[k][1]);
            for (int j = 0; j < 3; j++) {
                mean[j] += v[k][j];
            }
        }
        Plane plane = new Plane(SkyMath.normalize(mean));
        double[][] xy = new double[n][];
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (int k = 0; k < n; k++) {
            xy[k] = plane.toPlane(v[k]);
            minX = Math.min(minX, xy[k][0]);
            maxX = Math.max(maxX, xy[k][0]);
            minY = Math.min(minY, xy[k][1]);
            maxY = Math.max(maxY, xy[k][1]);
        }
        List<double[]> points = new ArrayList<>(Arrays.asList(raDec));
        while (points.size() < 1500) {
            double x = minX + (maxX - minX) * rnd.nextDouble();
            double y = minY + (maxY - minY) * rnd.nextDouble();
            if (insidePlanar(xy, x, y)) {
                points.add(SkyMath.raDec(plane.toSphere(x, y)));
            }
        }
        for (int k = 0; k < 500; k++) {
            int e = rnd.nextInt(n);
            double[] p = xy[e];
            double[] q = xy[(e + 1) % n];
            double s = rnd.nextDouble();
            points.add(SkyMath.raDec(plane.toSphere(p[0] + s * (q[0] - p[0]), p[1] + s * (q[1] - p[1]))));
        }
        double area = Math.PI * Math.pow(Math.toRadians(Math.min(sizeDeg, 60)), 2);
        int order = 6 + rnd.nextInt(7);
        while (order > 6 && area / (4 * Math.PI) * Healpix.npix(order) > MAX_PIXELS) {
            order--;
        }
        StringBuilder q = new StringBuilder("P ").append(order);
        for (double[] p : raDec) {
            q.append(' ').append(p[0]).append(' ').append(p[1]);
        }
        return new Case(q.toString(), order, Coverage.polygon(order, raDec), points, u -> {
            double[] uv = plane.toPlane(u);
            return SkyMath.dot(u, plane.centre()) > 0 && insidePlanar(xy, uv[0], uv[1]);
        });
    }

    private static boolean insidePlanar(double[][] xy, double x, double y) {
        int sign = 0;
        for (int k = 0; k < xy.length; k++) {
            double[] p = xy[k];
            double[] q = xy[(k + 1) % xy.length];
            double cross = (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
            int s = (int) Math.signum(cross);
            if (s != 0 && sign != 0 && s != sign) {
                return false;
            }
            sign = s != 0 ? s : sign;
        }
        return true;
    }

    /**
     * Asserts no false negatives (sampled points, healpy's centre-inside pixels) and a bounded excess over
     * healpy's inclusive result, and prints the numbers.
     */
    private void check(String what, List<Case> cases) throws Exception {
        List<String> queries = new ArrayList<>();
        for (Case c : cases) {
            queries.add(c.healpyQuery());
        }
        List<String> theirs = HealpyOracle.run(dir, """
                def ranges(p):
                    p = np.sort(np.asarray(p, dtype=np.int64))
                    if len(p) == 0:
                        return ''
                    cut = np.nonzero(np.diff(p) != 1)[0]
                    starts = np.concatenate(([p[0]], p[cut + 1]))
                    ends = np.concatenate((p[cut] + 1, [p[-1] + 1]))
                    return ' '.join('%d %d' % se for se in zip(starts, ends))
                rows = []
                for line in open(sys.argv[1]):
                    w = line.split()
                    nside = 2 ** int(w[1])
                    if w[0] == 'C':
                        vec = hp.ang2vec(float(w[2]), float(w[3]), lonlat=True)
                        r = np.radians(float(w[4]))
                        q = lambda inc: hp.query_disc(nside, vec, r, inclusive=inc, nest=True)
                    else:
                        radec = np.array([float(x) for x in w[2:]]).reshape(-1, 2)
                        if np.allclose(radec[0], radec[-1]):
                            radec = radec[:-1]
                        verts = hp.ang2vec(radec[:, 0], radec[:, 1], lonlat=True)
                        q = lambda inc: hp.query_polygon(nside, verts, inclusive=inc, nest=True)
                    rows.append(ranges(q(False)))
                    rows.append(ranges(q(True)))
                open(sys.argv[2], 'w').write('\\n'.join(rows) + '\\n')
                """, queries);
        assertEquals(2 * cases.size(), theirs.size());
        long points = 0;
        long falseNegatives = 0;
        long missingCentreInside = 0;
        long oursTotal = 0;
        long inclusiveTotal = 0;
        long inclusiveNotOurs = 0;
        long oursNotInclusive = 0;
        double worstRatio = 0;
        String worstCase = "";
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            for (double[] p : c.points()) {
                points++;
                if (!c.ours().contains(Healpix.ang2pix(c.order(), p[0], p[1]))) {
                    falseNegatives++;
                    System.out.println(what + ": " + c.healpyQuery() + " misses point " + Arrays.toString(p));
                }
            }
            PixelRanges exclusive = parseRanges(c.order(), theirs.get(2 * i));
            PixelRanges inclusive = parseRanges(c.order(), theirs.get(2 * i + 1));
            long ours = c.ours().pixelCount();
            long missing = c.ours().union(exclusive).pixelCount() - ours;
            if (missing > 0) {
                System.out.println(what + ": " + c.healpyQuery() + " lacks " + missing + " of healpy's pixels");
            }
            missingCentreInside += missing;
            inclusiveNotOurs += assertOutside(c, inclusive);
            long extra = inclusive.union(c.ours()).pixelCount() - inclusive.pixelCount();
            if (extra > 0) {
                System.out.println(what + ": " + c.healpyQuery() + " has " + extra + " pixels healpy's inclusive"
                        + " result lacks");
            }
            oursNotInclusive += extra;
            oursTotal += ours;
            inclusiveTotal += inclusive.pixelCount();
            double ratio = ours / (double) inclusive.pixelCount();
            if (ratio > worstRatio) {
                worstRatio = ratio;
                worstCase = c.healpyQuery() + " (" + ours + " vs " + inclusive.pixelCount() + ")";
            }
            assertTrue(ours <= 2 * inclusive.pixelCount() + 16,
                    c.healpyQuery() + ": " + ours + " pixels, healpy inclusive " + inclusive.pixelCount());
        }
        System.out.printf("%s: %d regions, %d sampled points, %d false negatives, %d of healpy's centre-inside"
                + " pixels missing; %d pixels vs healpy inclusive %d (ratio %.3f, worst %.3f for %s); %d of ours not"
                + " in healpy's inclusive result; %d of healpy's inclusive result not in ours, none touches its"
                + " region%n", what, cases.size(), points, falseNegatives, missingCentreInside, oursTotal,
                inclusiveTotal, oursTotal / (double) inclusiveTotal, worstRatio, worstCase, oursNotInclusive,
                inclusiveNotOurs);
        assertEquals(0, falseNegatives, what + ": sampled points outside the coverage");
        assertEquals(0, missingCentreInside, what + ": healpy's centre-inside pixels outside the coverage");
    }

    /**
     * Pixels healpy's inclusive query has and ours lacks must be healpy's extras: checks that no point of their
     * boundary (sampled 64 times an edge) nor their centre is in the region. Returns how many there are.
     */
    private static long assertOutside(Case c, PixelRanges inclusive) {
        long n = 0;
        double nside = 1L << c.order();
        for (long[] range : inclusive) {
            for (long pix = range[0]; pix < range[1]; pix++) {
                if (c.ours().contains(pix)) {
                    continue;
                }
                n++;
                FaceXY f = Healpix.nest2xyf(c.order(), pix);
                double[] centre = Healpix.vector(f.face(), (f.x() + 0.5) / nside, (f.y() + 0.5) / nside);
                assertTrue(!c.contains().test(centre), c.healpyQuery() + ": pixel " + pix);
                for (int k = 0; k <= 64; k++) {
                    double s = k / 64.0;
                    for (double[] e : new double[][] {{0, s}, {1, s}, {s, 0}, {s, 1}}) {
                        double[] p = Healpix.vector(f.face(), (f.x() + e[0]) / nside, (f.y() + e[1]) / nside);
                        assertTrue(!c.contains().test(p), c.healpyQuery() + ": pixel " + pix + " touches the region"
                                + " but is not in our coverage");
                    }
                }
            }
        }
        return n;
    }

    private static PixelRanges parseRanges(int order, String line) {
        String[] w = line.isBlank() ? new String[0] : line.trim().split(" ");
        long[] bounds = new long[w.length];
        for (int i = 0; i < w.length; i++) {
            bounds[i] = Long.parseLong(w[i]);
        }
        return PixelRanges.of(order, bounds);
    }

    @Test
    void tinyRegionsAtFineOrders() {
        Random rnd = new Random(5);
        for (double[] f : new double[][] {{29, 83.6, 22.01}, {24, 0, -89.99999}, {20, 359.99999, 0}}) {
            int order = (int) f[0];
            Case c = cone(order, f[1], f[2], ARCSEC, rnd);
            for (double[] p : c.points()) {
                assertTrue(c.ours().contains(Healpix.ang2pix(order, p[0], p[1])), c.healpyQuery());
            }
            // A 1" disc holds about 4π/3 arcsec² / pixel area pixels: pixel area is 4π sr / npix.
            double pixels = Math.PI * Math.pow(Math.toRadians(ARCSEC), 2) / (4 * Math.PI / Healpix.npix(order));
            assertTrue(c.ours().pixelCount() < 2 * pixels + 2000, c.healpyQuery() + ": " + c.ours().pixelCount());
        }
        double[][] triangle = {{150, 2}, {150 + ARCSEC, 2}, {150, 2 + ARCSEC}};
        Case t = polygon(triangle, ARCSEC, rnd);
        PixelRanges fine = Coverage.polygon(22, triangle);
        for (double[] p : t.points()) {
            assertTrue(fine.contains(Healpix.ang2pix(22, p[0], p[1])));
        }
    }

    @Test
    void degenerateAndWholeSkyCones() {
        for (int order : new int[] {0, 5, 17, 29}) {
            assertEquals(PixelRanges.all(order), Coverage.cone(order, 10, 20, 180));
            assertEquals(PixelRanges.all(order), Coverage.cone(order, 10, 20, 400));
            PixelRanges point = Coverage.cone(order, 12.3, 45.6, 0);
            assertTrue(point.contains(Healpix.ang2pix(order, 12.3, 45.6)));
            assertTrue(point.pixelCount() <= 4, point.toString());
        }
        assertEquals(Coverage.cone(9, 350, 10, 1), Coverage.cone(9, -10, 10, 1));
        // A cap centred on the north pole and reaching the equator: the 6·4^order pixels of the northern half.
        PixelRanges north = Coverage.cone(6, 0, 90, 90);
        assertTrue(north.pixelCount() >= 6L << 12 && north.pixelCount() < (6L << 12) + 4 * 4 * 64);
        assertThrows(IllegalArgumentException.class, () -> Coverage.cone(5, 0, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> Coverage.cone(5, 0, 91, 1));
        assertThrows(IllegalArgumentException.class, () -> Coverage.cone(30, 0, 0, 1));
    }

    @Test
    void polygonWindingAndValidation() {
        double[][] ccw = {{10, 10}, {20, 10}, {20, 20}, {10, 20}};
        double[][] cw = {{10, 20}, {20, 20}, {20, 10}, {10, 10}};
        double[][] closed = {{10, 10}, {20, 10}, {20, 20}, {10, 20}, {10, 10}};
        PixelRanges expected = Coverage.polygon(9, ccw);
        assertEquals(expected, Coverage.polygon(9, cw));
        assertEquals(expected, Coverage.polygon(9, closed));
        assertThrows(IllegalArgumentException.class, () -> Coverage.polygon(5, new double[][] {{0, 0}, {1, 1}}));
        assertThrows(IllegalArgumentException.class,
                () -> Coverage.polygon(5, new double[][] {{0, 0}, {1, 1}, {1, 1}, {0, 0}}));
        // Concave (a dart), self-crossing (a bow tie), all on the equator, an edge between antipodes.
        assertThrows(IllegalArgumentException.class,
                () -> Coverage.polygon(5, new double[][] {{0, 0}, {10, 5}, {0, 10}, {3, 5}}));
        assertThrows(IllegalArgumentException.class,
                () -> Coverage.polygon(5, new double[][] {{0, 0}, {10, 10}, {10, 0}, {0, 10}}));
        assertThrows(IllegalArgumentException.class,
                () -> Coverage.polygon(5, new double[][] {{0, 0}, {10, 0}, {20, 0}}));
        assertThrows(IllegalArgumentException.class,
                () -> Coverage.polygon(5, new double[][] {{0, 0}, {180, 0}, {90, 45}}));
        assertThrows(IllegalArgumentException.class,
                () -> Coverage.polygon(5, new double[][] {{0, 0}, {10, 95}, {90, 45}}));
    }

    /** Point at angle {@code d} from unit vector {@code c}, in direction {@code azimuth} around it. */
    private static double[] offset(double[] c, double d, double azimuth) {
        double[] e1 = SkyMath.normalize(Math.abs(c[2]) < 0.9
                ? SkyMath.cross(new double[] {0, 0, 1}, c) : SkyMath.cross(new double[] {1, 0, 0}, c));
        double[] e2 = SkyMath.cross(c, e1);
        double[] p = new double[3];
        for (int j = 0; j < 3; j++) {
            p[j] = c[j] * Math.cos(d) + (e1[j] * Math.cos(azimuth) + e2[j] * Math.sin(azimuth)) * Math.sin(d);
        }
        return p;
    }

    /** The gnomonic plane tangent at a unit vector: great circles are straight lines on it. */
    private record Plane(double[] centre, double[] e1, double[] e2) {
        Plane(double[] centre) {
            this(centre, axis(centre), SkyMath.cross(centre, axis(centre)));
        }

        private static double[] axis(double[] c) {
            return SkyMath.normalize(Math.abs(c[2]) < 0.9
                    ? SkyMath.cross(new double[] {0, 0, 1}, c) : SkyMath.cross(new double[] {1, 0, 0}, c));
        }

        double[] toPlane(double[] v) {
            double w = SkyMath.dot(v, centre);
            return new double[] {SkyMath.dot(v, e1) / w, SkyMath.dot(v, e2) / w};
        }

        double[] toSphere(double x, double y) {
            return SkyMath.normalize(new double[] {centre[0] + x * e1[0] + y * e2[0],
                centre[1] + x * e1[1] + y * e2[1], centre[2] + x * e1[2] + y * e2[2]});
        }
    }
}

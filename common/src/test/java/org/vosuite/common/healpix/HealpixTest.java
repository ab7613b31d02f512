package org.vosuite.common.healpix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosuite.common.sky.SkyMath;

/** Pixel numbers and pixel geometry against healpy. */
class HealpixTest {
    private static final int[] ANG2PIX_ORDERS = {0, 1, 3, 8, 13, 20, 29};
    private static final double Z_TWO_THIRDS_DEC = Math.toDegrees(Math.asin(2.0 / 3.0));

    @TempDir
    Path dir;

    @Test
    void ang2pixEqualsHealpy() throws Exception {
        List<double[]> points = ang2pixPoints(new Random(20260101));
        List<String> input = new ArrayList<>();
        for (double[] p : points) {
            input.add(p[0] + " " + p[1]);
        }
        StringBuilder orders = new StringBuilder();
        for (int o : ANG2PIX_ORDERS) {
            orders.append(orders.length() == 0 ? "" : ",").append(o);
        }
        List<String> theirs = HealpyOracle.run(dir, """
                radec = np.loadtxt(sys.argv[1], ndmin=2)
                cols = [hp.ang2pix(2**o, radec[:, 0], radec[:, 1], nest=True, lonlat=True) for o in (%s,)]
                np.savetxt(sys.argv[2], np.column_stack(cols), fmt='%%d')
                """.formatted(orders), input);
        assertEquals(points.size(), theirs.size());
        int mismatches = 0;
        StringBuilder firstMismatches = new StringBuilder();
        for (int i = 0; i < points.size(); i++) {
            String[] expected = theirs.get(i).trim().split(" ");
            for (int k = 0; k < ANG2PIX_ORDERS.length; k++) {
                long ours = Healpix.ang2pix(ANG2PIX_ORDERS[k], points.get(i)[0], points.get(i)[1]);
                if (ours != Long.parseLong(expected[k])) {
                    if (mismatches++ < 10) {
                        firstMismatches.append("\n  order ").append(ANG2PIX_ORDERS[k]).append(" ra=")
                                .append(points.get(i)[0]).append(" dec=").append(points.get(i)[1])
                                .append(": ours ").append(ours).append(", healpy ").append(expected[k]);
                    }
                }
            }
        }
        System.out.printf("ang2pix: %d points x %d orders = %d comparisons with healpy, %d mismatches%n",
                points.size(), ANG2PIX_ORDERS.length, points.size() * ANG2PIX_ORDERS.length, mismatches);
        assertEquals(0, mismatches, "ang2pix differs from healpy:" + firstMismatches);
    }

    /** Uniform points plus the places where rounding decides: poles, ra = 0/360, z = ±2/3, equator, corners. */
    private static List<double[]> ang2pixPoints(Random rnd) {
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i < 20000; i++) {
            pts.add(new double[] {360 * rnd.nextDouble(), Math.toDegrees(Math.asin(2 * rnd.nextDouble() - 1))});
        }
        double[] specialRa = {0, 360, 45, 90, 135, 180, 225, 270, 315, -0.0, 1e-12, 360 - 1e-12, 359.99999999};
        double[] specialDec = {90, -90, 0, -0.0, Z_TWO_THIRDS_DEC, -Z_TWO_THIRDS_DEC, 89.99999999, -89.99999999};
        for (double ra : specialRa) {
            for (double dec : specialDec) {
                pts.add(new double[] {ra, dec});
            }
        }
        for (int i = 0; i < 2000; i++) {
            double ra = 360 * rnd.nextDouble();
            switch (i % 8) {
                case 0 -> pts.add(new double[] {ra, 90 - Math.pow(10, -12 * rnd.nextDouble())});
                case 1 -> pts.add(new double[] {ra, -90 + Math.pow(10, -12 * rnd.nextDouble())});
                case 2 -> pts.add(new double[] {specialRa[rnd.nextInt(4)], 180 * rnd.nextDouble() - 90});
                case 3 -> pts.add(new double[] {ra, (rnd.nextBoolean() ? 1 : -1) * (Z_TWO_THIRDS_DEC
                        + (rnd.nextDouble() - 0.5) * Math.pow(10, -10 * rnd.nextDouble()))});
                case 4 -> pts.add(new double[] {ra, 0});
                case 5 -> pts.add(new double[] {ra, (rnd.nextDouble() - 0.5) * 1e-9});
                case 6 -> pts.add(new double[] {720 * rnd.nextDouble() - 360, 180 * rnd.nextDouble() - 90});
                default -> pts.add(new double[] {360 - 1e-9 * rnd.nextDouble(), 180 * rnd.nextDouble() - 90});
            }
        }
        // Pixel corners and centres of coarse pixels: on or next to boundaries at every finer order.
        for (int i = 0; i < 1000; i++) {
            int order = rnd.nextInt(8);
            long pix = (long) (rnd.nextDouble() * Healpix.npix(order));
            pts.add(Healpix.pix2ang(order, pix));
            pts.add(Healpix.corners(order, pix)[rnd.nextInt(4)]);
        }
        return pts;
    }

    @Test
    void centresAndCornersMatchHealpy() throws Exception {
        Random rnd = new Random(7);
        int[] orders = {0, 1, 2, 4, 7, 10, 13, 17, 21, 25, 29};
        List<long[]> pixels = new ArrayList<>();
        for (int order : orders) {
            long npix = Healpix.npix(order);
            for (int i = 0; i < 300; i++) {
                long pix = order <= 1 && i < npix ? i : (long) (rnd.nextDouble() * npix);
                if (i % 5 == 0 && order > 1) {
                    // Pixels at face corners: at the poles and where the polar and equatorial faces meet.
                    long last = (1L << order) - 1;
                    pix = Healpix.xyf2nest(order, (int) (rnd.nextBoolean() ? 0 : last),
                            (int) (rnd.nextBoolean() ? 0 : last), rnd.nextInt(12));
                }
                pixels.add(new long[] {order, pix});
            }
        }
        List<String> input = new ArrayList<>();
        for (long[] p : pixels) {
            input.add(p[0] + " " + p[1]);
        }
        List<String> theirs = HealpyOracle.run(dir, """
                rows = []
                for line in open(sys.argv[1]):
                    o, pix = (int(w) for w in line.split())
                    ra, dec = hp.pix2ang(2**o, pix, nest=True, lonlat=True)
                    b = hp.boundaries(2**o, pix, step=1, nest=True)
                    cra, cdec = hp.vec2ang(b.T, lonlat=True)
                    vals = [ra, dec] + [x for k in range(4) for x in (cra[k], cdec[k])]
                    rows.append(' '.join(repr(float(v)) for v in vals))
                open(sys.argv[2], 'w').write('\\n'.join(rows) + '\\n')
                """, input);
        assertEquals(pixels.size(), theirs.size());
        double worstCentre = 0;
        double worstCorner = 0;
        double worstPolarCorner = 0;
        for (int i = 0; i < pixels.size(); i++) {
            int order = (int) pixels.get(i)[0];
            long pix = pixels.get(i)[1];
            double[] v = parse(theirs.get(i));
            double[] centre = Healpix.pix2ang(order, pix);
            String what = "order " + order + " pixel " + pix;
            assertTrue(centre[0] >= 0 && centre[0] < 360, what);
            worstCentre = Math.max(worstCentre, Math.abs(centre[1] - v[1]));
            if (Math.abs(v[1]) < 89.999) {
                double dra = Math.abs(centre[0] - v[0]);
                worstCentre = Math.max(worstCentre, Math.min(dra, 360 - dra));
            }
            double[][] corners = Healpix.corners(order, pix);
            for (int k = 0; k < 4; k++) {
                double d = SkyMath.angularDistanceDeg(corners[k][0], corners[k][1], v[2 + 2 * k], v[3 + 2 * k]);
                double sinColatitude = Math.cos(Math.toRadians(corners[k][1]));
                // healpy's boundaries() derives sin θ from z, which leaves about 1e-16/sin θ rad of error next to
                // a pole (cornerNextToPoleIsExact shows ours is the exact one there).
                double tolerance = 1e-9 + (sinColatitude > 0 ? 3e-14 / sinColatitude : 0);
                if (sinColatitude > 1e-3) {
                    worstCorner = Math.max(worstCorner, d);
                } else {
                    worstPolarCorner = Math.max(worstPolarCorner, d);
                }
                assertTrue(d <= tolerance, what + " corner " + k + " is " + d + " deg from healpy's");
            }
            assertTrue(worstCentre <= 1e-9, what + " centre differs from healpy's by " + worstCentre + " deg");
        }
        System.out.printf("pix2ang/corners: %d pixels vs healpy, worst centre difference %.1e deg, worst corner"
                + " distance %.1e deg (%.1e deg within 0.06 deg of a pole)%n", pixels.size(), worstCentre, worstCorner,
                worstPolarCorner);
    }

    /** Next to a pole our corner agrees with a 40-digit evaluation (mpmath) where healpy's is 1e-8 deg off. */
    @Test
    void cornerNextToPoleIsExact() {
        double[] west = Healpix.corners(21, (1L << 43) - 1)[1];
        assertEquals(90.0, west[0]);
        assertEquals(89.99997769269558237988379, west[1], 1e-13);
    }

    private static double[] parse(String line) {
        String[] w = line.trim().split(" ");
        double[] v = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            v[i] = Double.parseDouble(w[i]);
        }
        return v;
    }

    @Test
    void nestedNumberingIsConsistent() {
        Random rnd = new Random(3);
        for (int order = 0; order <= Healpix.MAX_ORDER; order++) {
            assertEquals(1L << order, Healpix.nside(order));
            assertEquals(12L << (2 * order), Healpix.npix(order));
            for (int i = 0; i < 500; i++) {
                long pix = (long) (rnd.nextDouble() * Healpix.npix(order));
                FaceXY f = Healpix.nest2xyf(order, pix);
                assertEquals(pix, Healpix.xyf2nest(order, f.x(), f.y(), f.face()));
                double[] c = Healpix.pix2ang(order, pix);
                assertEquals(pix, Healpix.ang2pix(order, c[0], c[1]), "centre of " + pix + " at order " + order);
                if (order < Healpix.MAX_ORDER) {
                    long[] kids = Healpix.children(order, pix);
                    assertArrayEquals(new long[] {4 * pix, 4 * pix + 1, 4 * pix + 2, 4 * pix + 3}, kids);
                    for (long k : kids) {
                        assertEquals(pix, Healpix.parent(order + 1, k));
                    }
                    // A point's pixel at the next order is a child of its pixel at this order.
                    double ra = 360 * rnd.nextDouble();
                    double dec = Math.toDegrees(Math.asin(2 * rnd.nextDouble() - 1));
                    assertEquals(Healpix.ang2pix(order, ra, dec), Healpix.ang2pix(order + 1, ra, dec) >> 2);
                }
            }
        }
        assertEquals(new FaceXY(11, (1 << 29) - 1, (1 << 29) - 1), Healpix.nest2xyf(29, Healpix.npix(29) - 1));
        assertThrows(IllegalArgumentException.class, () -> Healpix.nside(30));
        assertThrows(IllegalArgumentException.class, () -> Healpix.ang2pix(3, 10, 90.5));
        assertThrows(IllegalArgumentException.class, () -> Healpix.ang2pix(3, Double.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> Healpix.pix2ang(0, 12));
        assertThrows(IllegalArgumentException.class, () -> Healpix.parent(0, 3));
        assertThrows(IllegalArgumentException.class, () -> Healpix.children(29, 0));
        assertThrows(IllegalArgumentException.class, () -> Healpix.xyf2nest(2, 4, 0, 0));
    }

    /** The bounding cap used by the coverage descent holds every point of its pixel's boundary. */
    @Test
    void pixelCapHoldsItsPixel() {
        Random rnd = new Random(11);
        for (int order = 0; order <= Healpix.MAX_ORDER; order++) {
            long npix = Healpix.npix(order);
            int count = order <= 2 ? (int) npix : 150;
            for (int i = 0; i < count; i++) {
                long pix = order <= 2 ? i : (long) (rnd.nextDouble() * npix);
                PixelCap cap = PixelCap.of(order, pix);
                FaceXY f = Healpix.nest2xyf(order, pix);
                double n = 1L << order;
                for (int k = 0; k <= 64; k++) {
                    double s = k / 64.0;
                    double[][] edge = {{0, s}, {1, s}, {s, 0}, {s, 1}};
                    for (double[] e : edge) {
                        double[] p = Healpix.vector(f.face(), (f.x() + e[0]) / n, (f.y() + e[1]) / n);
                        assertTrue(SkyMath.angle(cap.centre(), p) <= cap.radius(),
                                "order " + order + " pixel " + pix);
                    }
                }
            }
        }
    }
}

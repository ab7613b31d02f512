package org.vosuite.common.healpix;

/**
 * HEALPix in the nested scheme (Górski et al. 2005, ApJ 622, 759), orders 0 to 29 (nside = 2^order), angles in
 * degrees (ICRS ra, dec). Pixel numbers are {@code long}: 12·4^29 does not fit an int.
 */
public final class Healpix {
    public static final int MAX_ORDER = 29;

    /*
     * Inside face f a point has fractional coordinates (u, v) in [0,1]² (u along x, v along y). Two numbers place
     * the face on the sphere: its south corner (u = v = 0) lies on ring coordinate t = SOUTH_RING[f] (in units of
     * nside: 0 at the north pole, 1 at z = 2/3, 2 on the equator, 3 at z = -2/3, 4 at the south pole), and the
     * meridian through its north and south corners is at longitude MERIDIAN[f]·45°. Then t = SOUTH_RING - u - v
     * and the longitude offset from that meridian grows with u - v.
     */
    private static final int[] SOUTH_RING = {2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4};
    private static final int[] MERIDIAN = {1, 3, 5, 7, 0, 2, 4, 6, 1, 3, 5, 7};

    /** 2/π written out: {@code 2 / Math.PI} rounds differently in the last bit from what HEALPix C++ uses. */
    private static final double TWO_OVER_PI = 0.6366197723675813430755350534900574;
    private static final double TWO_THIRDS = 2.0 / 3.0;

    private Healpix() {
    }

    public static long nside(int order) {
        checkOrder(order);
        return 1L << order;
    }

    public static long npix(int order) {
        checkOrder(order);
        return 12L << (2 * order);
    }

    /**
     * The nested pixel holding (ra, dec). ra may be any finite angle (it is wrapped); dec must lie in [-90, 90].
     *
     * <p>The arithmetic follows HEALPix C++ step for step (colatitude and longitude in radians, the same switch
     * to sin θ within 0.01 rad of a pole), so a point on a pixel boundary falls in the same pixel as with healpy,
     * and an index computed here matches HiPS tiles and MOCs built by other tools. That also needs a cos as
     * accurate as glibc's: StrictMath's (fdlibm) is one ulp off often enough to move 20 of 2,000 pixel corners
     * into a neighbouring pixel, Math.cos moved none. A point exactly on a boundary may still land differently
     * with another maths library; coverage queries do not care, as every pixel touching a point is in them.
     */
    public static long ang2pix(int order, double raDeg, double decDeg) {
        checkOrder(order);
        checkAngles(raDeg, decDeg);
        double theta = Math.PI / 2.0 - Math.toRadians(decDeg);
        double z = Math.cos(theta);
        double za = Math.abs(z);
        double tt = wrap4(Math.toRadians(raDeg) * TWO_OVER_PI);
        long nside = 1L << order;
        if (za <= TWO_THIRDS) {
            return equatorialPixel(order, nside, z, tt);
        }
        // Near a pole 1 - |z| loses its digits to cancellation; sin θ still has them.
        boolean nearPole = theta < 0.01 || theta > 3.14159 - 0.01;
        double scale = nearPole
                ? nside * Math.sin(theta) / Math.sqrt((1.0 + za) / 3.0)
                : nside * Math.sqrt(3.0 * (1.0 - za));
        return polarPixel(order, nside, z, tt, scale);
    }

    /** In the equatorial belt pixel edges are straight lines of slope ±1 in (longitude, z·3/4) coordinates. */
    private static long equatorialPixel(int order, long nside, double z, double tt) {
        double a = nside * (0.5 + tt);
        double b = nside * (z * 0.75);
        long up = (long) (a - b); // index of the edge line rising to the north-east
        long down = (long) (a + b); // index of the edge line falling to the south-east
        long upFace = up >> order;
        long downFace = down >> order;
        int face;
        if (upFace == downFace) {
            face = (int) (upFace | 4); // equatorial face; upFace 4 is face 4 again, across ra = 0
        } else if (upFace < downFace) {
            face = (int) upFace;
        } else {
            face = (int) (downFace + 8);
        }
        return xyf2nest(order, (int) (down & (nside - 1)), (int) (nside - (up & (nside - 1)) - 1), face);
    }

    /** In a polar cap the edge lines converge at the pole: their spacing shrinks with the distance to it. */
    private static long polarPixel(int order, long nside, double z, double tt, double scale) {
        int column = Math.min(3, (int) tt);
        double tp = tt - column;
        // The clamps catch points a rounding error puts beyond the cap's outer edge.
        long east = Math.min((long) (tp * scale), nside - 1);
        long west = Math.min((long) ((1.0 - tp) * scale), nside - 1);
        return z > 0
                ? xyf2nest(order, (int) (nside - west - 1), (int) (nside - east - 1), column)
                : xyf2nest(order, (int) east, (int) west, column + 8);
    }

    /** x in [0, 4): longitude in units of 90°, wrapped the way HEALPix C++ does it. */
    private static double wrap4(double x) {
        if (x >= 0) {
            return x < 4.0 ? x : x % 4.0;
        }
        double r = x % 4.0 + 4.0;
        return r == 4.0 ? 0.0 : r;
    }

    /** {ra, dec} of the pixel centre in degrees, ra in [0, 360). */
    public static double[] pix2ang(int order, long pix) {
        FaceXY f = nest2xyf(order, pix);
        double n = 1L << order;
        return raDec(facePoint(f.face(), (f.x() + 0.5) / n, (f.y() + 0.5) / n));
    }

    /**
     * The four vertices as {ra, dec} in degrees, in the order north, west, south, east: the order healpy's
     * {@code boundaries(nside, pix, step=1)} returns them. A vertex on a pole has ra 0.
     */
    public static double[][] corners(int order, long pix) {
        FaceXY f = nest2xyf(order, pix);
        double n = 1L << order;
        double x0 = f.x() / n;
        double y0 = f.y() / n;
        double x1 = (f.x() + 1) / n;
        double y1 = (f.y() + 1) / n;
        return new double[][] {
            raDec(facePoint(f.face(), x1, y1)),
            raDec(facePoint(f.face(), x0, y1)),
            raDec(facePoint(f.face(), x0, y0)),
            raDec(facePoint(f.face(), x1, y0)),
        };
    }

    /** The pixel one order coarser that contains {@code pix}. */
    public static long parent(int order, long pix) {
        checkPixel(order, pix);
        if (order == 0) {
            throw new IllegalArgumentException("an order-0 pixel has no parent");
        }
        return pix >> 2;
    }

    /** The four pixels at {@code order + 1} that make up {@code pix}, in increasing order. */
    public static long[] children(int order, long pix) {
        checkPixel(order, pix);
        if (order == MAX_ORDER) {
            throw new IllegalArgumentException("pixels at order " + MAX_ORDER + " have no children");
        }
        long first = pix << 2;
        return new long[] {first, first + 1, first + 2, first + 3};
    }

    /** The nested number: face bits on top, then x and y bits interleaved (x in the even positions). */
    public static long xyf2nest(int order, int x, int y, int face) {
        checkOrder(order);
        long nside = 1L << order;
        if (face < 0 || face > 11 || x < 0 || x >= nside || y < 0 || y >= nside) {
            throw new IllegalArgumentException("no pixel x=" + x + " y=" + y + " face=" + face + " at order " + order);
        }
        return ((long) face << (2 * order)) | spreadBits(x) | (spreadBits(y) << 1);
    }

    public static FaceXY nest2xyf(int order, long pix) {
        checkPixel(order, pix);
        long inFace = pix & ((1L << (2 * order)) - 1);
        return new FaceXY((int) (pix >>> (2 * order)), (int) packBits(inFace), (int) packBits(inFace >>> 1));
    }

    /** Bit i of v moves to bit 2i (v < 2^32). */
    private static long spreadBits(long v) {
        v = (v | (v << 16)) & 0x0000FFFF0000FFFFL;
        v = (v | (v << 8)) & 0x00FF00FF00FF00FFL;
        v = (v | (v << 4)) & 0x0F0F0F0F0F0F0F0FL;
        v = (v | (v << 2)) & 0x3333333333333333L;
        return (v | (v << 1)) & 0x5555555555555555L;
    }

    /** Bit 2i of v moves to bit i; odd bits are dropped. */
    private static long packBits(long v) {
        v &= 0x5555555555555555L;
        v = (v | (v >>> 1)) & 0x3333333333333333L;
        v = (v | (v >>> 2)) & 0x0F0F0F0F0F0F0F0FL;
        v = (v | (v >>> 4)) & 0x00FF00FF00FF00FFL;
        v = (v | (v >>> 8)) & 0x0000FFFF0000FFFFL;
        return (v | (v >>> 16)) & 0x00000000FFFFFFFFL;
    }

    /**
     * {ra, dec} in degrees of fractional coordinates (u, v) ∈ [0, 1]² on base face {@code face}: u along the x of
     * {@link #nest2xyf}, v along its y. HiPS tiles sample their pixels' centres through this.
     */
    public static double[] faceToRaDec(int face, double u, double v) {
        return raDec(facePoint(face, u, v));
    }

    /** The unit vector of fractional face coordinates (u, v); used for pixel geometry. */
    static double[] vector(int face, double u, double v) {
        double[] p = facePoint(face, u, v);
        double ra = Math.toRadians(p[0]);
        return new double[] {p[2] * Math.cos(ra), p[2] * Math.sin(ra), p[1]};
    }

    /**
     * {ra in degrees, z, sin θ} of fractional face coordinates (u, v). sin θ comes from the ring coordinate, not
     * from sqrt(1 - z²), so it keeps full precision next to the poles.
     */
    private static double[] facePoint(int face, double u, double v) {
        double t = SOUTH_RING[face] - u - v;
        double z;
        double sinTheta;
        double ra;
        if (t < 1 || t > 3) {
            // Polar cap: the pixel rows are circles whose pixel count grows linearly with the distance r to the pole.
            double r = t < 1 ? t : 4 - t;
            double q = r * r / 3; // 1 - |z|
            z = t < 1 ? 1 - q : q - 1;
            sinTheta = r * Math.sqrt((2 - q) / 3);
            ra = r == 0 ? 0 : 45 * (MERIDIAN[face] + (u - v) / r);
        } else {
            z = (2 - t) * 2 / 3;
            sinTheta = Math.sqrt((1 - z) * (1 + z));
            ra = 45 * (MERIDIAN[face] + u - v);
        }
        if (ra < 0) {
            ra += 360;
        } else if (ra >= 360) {
            ra -= 360;
        }
        return new double[] {ra, z, sinTheta};
    }

    private static double[] raDec(double[] point) {
        return new double[] {point[0], Math.toDegrees(Math.atan2(point[1], point[2]))};
    }

    static void checkOrder(int order) {
        if (order < 0 || order > MAX_ORDER) {
            throw new IllegalArgumentException("HEALPix order must be 0 to " + MAX_ORDER + ", not " + order);
        }
    }

    static void checkPixel(int order, long pix) {
        checkOrder(order);
        if (pix < 0 || pix >= 12L << (2 * order)) {
            throw new IllegalArgumentException("no pixel " + pix + " at order " + order);
        }
    }

    static void checkAngles(double raDeg, double decDeg) {
        if (!Double.isFinite(raDeg)) {
            throw new IllegalArgumentException("ra must be finite, not " + raDeg);
        }
        if (!(decDeg >= -90 && decDeg <= 90)) {
            throw new IllegalArgumentException("dec must be in [-90, 90], not " + decDeg);
        }
    }
}

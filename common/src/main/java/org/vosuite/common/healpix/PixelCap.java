package org.vosuite.common.healpix;

import org.vosuite.common.sky.SkyMath;

/** A spherical cap that contains a whole pixel: its centre and an angular radius in radians. */
record PixelCap(double[] centre, double radius) {
    /*
     * The point of a pixel farthest from its centre lies on its boundary (distance from a point has no interior
     * maximum short of the antipode), and sampling each edge densely (256 points, every pixel of orders 0-4 and
     * thousands of random ones up to order 29) never found it farther than the farthest of the four corners
     * and four edge midpoints. The margins only absorb rounding.
     */
    private static final double RELATIVE_MARGIN = 1e-3;
    private static final double ABSOLUTE_MARGIN = 1e-14;

    static PixelCap of(int order, long pix) {
        FaceXY f = Healpix.nest2xyf(order, pix);
        double n = 1L << order;
        double[] centre = Healpix.vector(f.face(), (f.x() + 0.5) / n, (f.y() + 0.5) / n);
        double farthest = 0;
        for (int i = 0; i <= 2; i++) {
            for (int j = 0; j <= 2; j++) {
                if (i != 1 || j != 1) {
                    double[] p = Healpix.vector(f.face(), (f.x() + i / 2.0) / n, (f.y() + j / 2.0) / n);
                    farthest = Math.max(farthest, SkyMath.angle(centre, p));
                }
            }
        }
        return new PixelCap(centre, farthest * (1 + RELATIVE_MARGIN) + ABSOLUTE_MARGIN);
    }
}

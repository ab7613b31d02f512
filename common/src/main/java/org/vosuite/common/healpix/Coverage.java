package org.vosuite.common.healpix;

import org.vosuite.common.sky.SkyMath;

/**
 * The nested pixels, at one order, that a sky region touches. Results are inclusive: every pixel with a point in
 * the (closed) region is in the result, plus a few around its boundary that only come close. Exact membership is
 * for the caller to recheck.
 *
 * <p>The work grows with the number of boundary pixels at the requested order, about the region's perimeter
 * divided by the pixel size (roughly 58.6°/2^order): pick the order from the region size, then use
 * {@link PixelRanges#atOrder(int)} to reach the order of an index column.
 */
public final class Coverage {
    /**
     * A boundary pixel is kept only if one of its descendants this many orders finer may touch the region: the
     * pixel's bounding cap is rounder than the pixel, and looking closer drops most of the pixels it alone would
     * keep.
     */
    private static final int LOOK_CLOSER = 2;

    private Coverage() {
    }

    /** Pixels touching the cone of {@code radiusDeg} (0 to 180; more is the whole sky) around (ra, dec). */
    public static PixelRanges cone(int order, double raDeg, double decDeg, double radiusDeg) {
        Healpix.checkOrder(order);
        Healpix.checkAngles(raDeg, decDeg);
        if (!(radiusDeg >= 0)) {
            throw new IllegalArgumentException("cone radius must be 0 or more degrees, not " + radiusDeg);
        }
        double radius = Math.toRadians(Math.min(radiusDeg, 180));
        return of(order, new Cone(SkyMath.unitVector(raDeg, decDeg), radius));
    }

    /**
     * Pixels touching a convex spherical polygon with great-circle edges between consecutive vertices {ra, dec}
     * (degrees), winding either way; a closing vertex equal to the first is allowed. The polygon is the convex side
     * of its edges, so it is never larger than a hemisphere.
     *
     * @throws IllegalArgumentException for fewer than 3 distinct vertices, a non-convex or self-crossing polygon,
     *         vertices all on one great circle, or an edge between antipodal vertices
     */
    public static PixelRanges polygon(int order, double[][] verticesRaDec) {
        Healpix.checkOrder(order);
        return of(order, ConvexPolygon.of(verticesRaDec));
    }

    /** Hierarchical descent from the 12 base pixels: whole subtrees are taken or dropped as early as possible. */
    static PixelRanges of(int order, Region region) {
        PixelRanges.Builder out = PixelRanges.builder(order);
        for (int face = 0; face < 12; face++) {
            descend(region, 0, face, order, out);
        }
        return out.build();
    }

    private static void descend(Region region, int o, long pix, int order, PixelRanges.Builder out) {
        PixelCap cap = PixelCap.of(o, pix);
        Overlap overlap = region.classify(cap.centre(), cap.radius());
        if (overlap == Overlap.OUTSIDE) {
            return;
        }
        int shift = 2 * (order - o);
        if (overlap == Overlap.INSIDE) {
            out.add(pix << shift, (pix + 1) << shift);
        } else if (o < order) {
            for (long child = pix << 2; child < (pix << 2) + 4; child++) {
                descend(region, o + 1, child, order, out);
            }
        } else if (mayTouch(region, o, pix, Math.min(LOOK_CLOSER, Healpix.MAX_ORDER - o))) {
            out.addPixel(pix);
        }
    }

    /** Whether some descendant down to {@code depth} orders finer is not certainly outside. */
    private static boolean mayTouch(Region region, int o, long pix, int depth) {
        for (long child = pix << 2; depth > 0 && child < (pix << 2) + 4; child++) {
            PixelCap cap = PixelCap.of(o + 1, child);
            Overlap overlap = region.classify(cap.centre(), cap.radius());
            if (overlap == Overlap.INSIDE
                    || (overlap == Overlap.PARTIAL && (depth == 1 || mayTouch(region, o + 1, child, depth - 1)))) {
                return true;
            }
        }
        return depth == 0;
    }
}

package org.vosuite.common.healpix;

import java.util.ArrayList;
import java.util.List;
import org.vosuite.common.sky.SkyMath;

/**
 * A convex spherical polygon with great-circle edges: the intersection of the hemispheres on the inner side of
 * its edges. The vertices may wind either way; the interior is the convex side, never the larger complement.
 */
final class ConvexPolygon implements Region {
    /** Absorbs rounding in distances and side tests (about 20 nanoarcseconds). */
    private static final double EPSILON = 1e-13;

    private final double[][] vertices;
    /** Unit normal of edge i, oriented from vertex i to vertex i+1 (right-hand rule). */
    private final double[][] normals;
    /** +1 when the interior is on the positive side of the normals, -1 otherwise. */
    private final double side;

    private ConvexPolygon(double[][] vertices, double[][] normals, double side) {
        this.vertices = vertices;
        this.normals = normals;
        this.side = side;
    }

    /** The polygon of vertices {ra, dec} in degrees; a repeated closing vertex is allowed. */
    static ConvexPolygon of(double[][] raDec) {
        List<double[]> vs = new ArrayList<>();
        for (double[] p : raDec) {
            if (p == null || p.length != 2) {
                throw new IllegalArgumentException("a polygon vertex is {ra, dec}");
            }
            Healpix.checkAngles(p[0], p[1]);
            double[] v = SkyMath.unitVector(p[0], p[1]);
            if (vs.isEmpty() || !same(vs.get(vs.size() - 1), v)) {
                vs.add(v);
            }
        }
        while (vs.size() > 1 && same(vs.get(0), vs.get(vs.size() - 1))) {
            vs.remove(vs.size() - 1);
        }
        int n = vs.size();
        if (n < 3) {
            throw new IllegalArgumentException("a polygon needs at least 3 distinct vertices, not " + n);
        }
        double[][] vertices = vs.toArray(new double[0][]);
        double[][] normals = new double[n][];
        for (int i = 0; i < n; i++) {
            double[] c = robustCross(vertices[i], vertices[(i + 1) % n]);
            if (SkyMath.norm(c) < 2e-15) {
                throw new IllegalArgumentException("polygon vertices " + i + " and " + ((i + 1) % n)
                        + " are antipodal: the edge between them is undefined");
            }
            normals[i] = SkyMath.normalize(c);
        }
        return new ConvexPolygon(vertices, normals, orientation(vertices, normals));
    }

    /**
     * The side of the edges every vertex lies on. A vertex on the other side of any edge (beyond rounding) means
     * the polygon is not convex or crosses itself.
     */
    private static double orientation(double[][] vertices, double[][] normals) {
        int n = vertices.length;
        double largest = 0;
        for (int i = 0; i < n; i++) {
            for (double[] v : vertices) {
                double s = SkyMath.dot(normals[i], v);
                if (Math.abs(s) > Math.abs(largest)) {
                    largest = s;
                }
            }
        }
        if (Math.abs(largest) <= EPSILON) {
            throw new IllegalArgumentException("polygon vertices all lie on one great circle: it has no interior");
        }
        double side = Math.signum(largest);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (side * SkyMath.dot(normals[i], vertices[j]) < -EPSILON) {
                    throw new IllegalArgumentException("polygon is not convex (vertex " + j
                            + " lies outside edge " + i + "-" + ((i + 1) % n) + ")");
                }
            }
        }
        return side;
    }

    /**
     * 2·(a × b) computed as (a + b) × (b - a). For close vertices a × b cancels down to rounding noise of 1e-16,
     * which tilts a 1" edge's great circle by 1e-11 rad off its own vertices; b - a is exact there.
     */
    private static double[] robustCross(double[] a, double[] b) {
        double[] sum = {a[0] + b[0], a[1] + b[1], a[2] + b[2]};
        double[] diff = {b[0] - a[0], b[1] - a[1], b[2] - a[2]};
        return SkyMath.cross(sum, diff);
    }

    private static boolean same(double[] a, double[] b) {
        return SkyMath.dot(a, b) > 0 && SkyMath.norm(robustCross(a, b)) < 2e-15;
    }

    /*
     * A cap meets the polygon when its centre is inside or the boundary comes within the cap radius (the cap is
     * connected, so a cap with points on both sides crosses the boundary). Both tests are exact up to rounding,
     * so this is tight for any polygon size.
     */
    @Override
    public Overlap classify(double[] centre, double radius) {
        boolean inside = true;
        double nearest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < vertices.length; i++) {
            if (side * SkyMath.dot(normals[i], centre) < 0) {
                inside = false;
            }
            nearest = Math.min(nearest, distanceToEdge(i, centre));
        }
        if (nearest > radius + EPSILON) {
            return inside ? Overlap.INSIDE : Overlap.OUTSIDE;
        }
        return Overlap.PARTIAL;
    }

    /** Angular distance in radians from p to the minor arc of edge i. */
    private double distanceToEdge(int i, double[] p) {
        double[] a = vertices[i];
        double[] b = vertices[(i + 1) % vertices.length];
        double[] n = normals[i];
        // The foot of the perpendicular from p lies on the arc when it is after a and before b along the edge.
        if (SkyMath.dot(SkyMath.cross(a, p), n) >= 0 && SkyMath.dot(SkyMath.cross(p, b), n) >= 0) {
            return Math.asin(Math.min(1.0, Math.abs(SkyMath.dot(n, p))));
        }
        return Math.min(SkyMath.angle(p, a), SkyMath.angle(p, b));
    }
}

package org.vosuite.obscore.region;

/** The few 3-vector operations sphgeom's bounding circles need, with its formulas (so the numbers agree). */
final class Vectors {
    private Vectors() {
    }

    static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    static double[] normalize(double[] a) {
        double n = norm(a);
        return new double[] {a[0] / n, a[1] / n, a[2] / n};
    }

    static double[] minus(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }

    static double[] plus(double[] a, double[] b) {
        return new double[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]};
    }

    static double squaredDistance(double[] a, double[] b) {
        double[] d = minus(a, b);
        return dot(d, d);
    }

    /** The angle between two vectors, atan2(|a×b|, a·b) (0 when both are 0). */
    static double angle(double[] a, double[] b) {
        double s = norm(cross(a, b));
        double c = dot(a, b);
        return s == 0 && c == 0 ? 0 : Math.atan2(s, c);
    }

    /** sphgeom's robustCross: (b + a) × (b − a) = 2 (a × b), accurate for nearly equal vectors. */
    static double[] robustCross(double[] a, double[] b) {
        return cross(plus(b, a), minus(b, a));
    }

    /** A unit vector orthogonal to both (sphgeom's UnitVector3d::orthogonalTo(a, b)). */
    static double[] orthogonalTo(double[] a, double[] b) {
        double[] n = robustCross(a, b);
        if (norm(n) == 0) {
            // a and b parallel: any vector orthogonal to a
            n = Math.abs(a[0]) < 0.9 ? cross(a, new double[] {1, 0, 0}) : cross(a, new double[] {0, 1, 0});
        }
        return normalize(n);
    }
}

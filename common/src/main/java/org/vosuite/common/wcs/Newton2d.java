package org.vosuite.common.wcs;

/**
 * Inverts a smooth map of the plane near the identity (the SIP and TPV distortion polynomials) by Newton
 * iteration with a central-difference Jacobian.
 */
final class Newton2d {
    /** The forward map (x, y) → out. */
    @FunctionalInterface
    interface Map2 {
        void apply(double x, double y, double[] out);
    }

    private Newton2d() {
    }

    /**
     * Finds (x, y) with f(x, y) = target, starting at {@code xy}, into {@code xy}; NaN when the iteration does not
     * reproduce the target to {@code tolerance} relative to its size.
     */
    static void solve(Map2 f, double tx, double ty, double[] xy, double tolerance) {
        double x = xy[0];
        double y = xy[1];
        double[] v = new double[2];
        double[] a = new double[2];
        double[] b = new double[2];
        for (int i = 0; i < 100; i++) {
            f.apply(x, y, v);
            double fx = v[0] - tx;
            double fy = v[1] - ty;
            double h = 1e-7 * Math.max(1, Math.abs(x) + Math.abs(y));
            f.apply(x + h, y, a);
            f.apply(x - h, y, b);
            double j11 = (a[0] - b[0]) / (2 * h);
            double j21 = (a[1] - b[1]) / (2 * h);
            f.apply(x, y + h, a);
            f.apply(x, y - h, b);
            double j12 = (a[0] - b[0]) / (2 * h);
            double j22 = (a[1] - b[1]) / (2 * h);
            double det = j11 * j22 - j12 * j21;
            if (det == 0) {
                break;
            }
            double sx = (fx * j22 - fy * j12) / det;
            double sy = (fy * j11 - fx * j21) / det;
            x -= sx;
            y -= sy;
            if (Math.abs(sx) + Math.abs(sy) < 1e-15 * (1 + Math.abs(x) + Math.abs(y))) {
                break;
            }
        }
        // rounding may keep the last step from vanishing: accept what reproduces the target
        f.apply(x, y, v);
        boolean converged = Math.abs(v[0] - tx) + Math.abs(v[1] - ty) < tolerance * (1 + Math.abs(tx) + Math.abs(ty));
        xy[0] = converged ? x : Double.NaN;
        xy[1] = converged ? y : Double.NaN;
    }
}

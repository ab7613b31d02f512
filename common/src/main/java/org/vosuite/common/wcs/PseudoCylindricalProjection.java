package org.vosuite.common.wcs;

/** Pseudo-cylindrical projections (Paper II §5.3): SFL, PAR, MOL and AIT; the map is bounded in x. */
final class PseudoCylindricalProjection extends Projection {
    private static final double TOL = 1e-12;
    private final String kind;

    PseudoCylindricalProjection(String kind) {
        super(kind, 0.0, 0.0);
        this.kind = kind;
    }

    @Override
    public boolean nativeToPlane(double phi, double theta, double[] out) {
        switch (kind) {
            case "SFL" -> {
                out[0] = phi * Deg.cos(theta);
                out[1] = theta;
            }
            case "PAR" -> {
                out[0] = phi * (2 * Deg.cos(2 * theta / 3) - 1);
                out[1] = 180 * Deg.sin(theta / 3);
            }
            case "MOL" -> {
                double g = mollweideGamma(theta);
                out[0] = 2 * Math.sqrt(2) / Math.PI * phi * Math.cos(g);
                out[1] = Math.sqrt(2) * Deg.R0 * Math.sin(g);
            }
            default -> { // AIT
                double cthe = Deg.cos(theta);
                double g = Deg.R0 * Math.sqrt(2 / (1 + cthe * Deg.cos(phi / 2)));
                out[0] = 2 * g * cthe * Deg.sin(phi / 2);
                out[1] = g * Deg.sin(theta);
            }
        }
        return true;
    }

    /** γ with 2γ + sin 2γ = π sin θ, by bisection: Newton stalls near the poles where the derivative vanishes. */
    private static double mollweideGamma(double theta) {
        double target = Math.PI * Deg.sin(theta);
        double lo = -Math.PI / 2;
        double hi = Math.PI / 2;
        for (int i = 0; i < 80; i++) {
            double mid = 0.5 * (lo + hi);
            if (2 * mid + Math.sin(2 * mid) < target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    @Override
    public boolean planeToNative(double x, double y, double[] out) {
        double phi;
        double theta;
        switch (kind) {
            case "SFL" -> {
                if (Math.abs(y) > 90) {
                    return false;
                }
                theta = y;
                double c = Deg.cos(y);
                phi = c == 0 ? 0 : x / c;
            }
            case "PAR" -> {
                double s = y / 180;
                if (Math.abs(s) > 0.5 + TOL) {
                    return false;
                }
                theta = 3 * Deg.asin(s);
                double d = 1 - 4 * s * s;
                phi = d == 0 ? 0 : x / d;
            }
            case "MOL" -> {
                double s = y / (Math.sqrt(2) * Deg.R0);
                if (Math.abs(s) > 1) {
                    return false;
                }
                double g = Math.asin(s);
                double c = Math.cos(g);
                phi = c == 0 ? 0 : Math.PI * x / (2 * Math.sqrt(2) * c);
                double t = (2 * g + Math.sin(2 * g)) / Math.PI;
                theta = Deg.asin(Math.max(-1, Math.min(1, t)));
            }
            default -> { // AIT
                double a = Math.PI * x / 720;
                double b = Math.PI * y / 360;
                double z2 = 1 - a * a - b * b;
                if (z2 < 0.5 - TOL) {
                    return false;
                }
                double z = Math.sqrt(z2);
                phi = 2 * Deg.atan2(z * Math.PI * x / 360, 2 * z2 - 1);
                theta = Deg.asin(Math.max(-1, Math.min(1, Math.PI * y * z / 180)));
            }
        }
        if (Math.abs(phi) > 180 + TOL) {
            return false;
        }
        out[0] = phi;
        out[1] = theta;
        return true;
    }
}

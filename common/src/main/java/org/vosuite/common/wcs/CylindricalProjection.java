package org.vosuite.common.wcs;

/** Cylindrical projections (Paper II §5.2): x proportional to φ, y a function of θ alone. */
final class CylindricalProjection extends Projection {
    private final String kind;
    private final double mu;
    private final double lambda;

    CylindricalProjection(String kind, double[] pv) throws WcsException {
        super(kind, 0.0, 0.0);
        this.kind = kind;
        switch (kind) {
            case "CYP" -> {
                mu = param(pv, 1, 1);
                lambda = param(pv, 2, 1);
                if (mu == -lambda) {
                    throw new WcsException("CYP with PV2_1 = -PV2_2 is undefined");
                }
                if (lambda == 0) {
                    throw new WcsException("CYP with PV2_2 = 0 is undefined");
                }
            }
            case "CEA" -> {
                mu = 0;
                lambda = param(pv, 1, 1);
                if (lambda <= 0 || lambda > 1) {
                    throw new WcsException("CEA PV2_1 (lambda) must lie in (0, 1]");
                }
            }
            default -> {
                mu = 0;
                lambda = 1;
            }
        }
    }

    @Override
    public boolean nativeToPlane(double phi, double theta, double[] out) {
        switch (kind) {
            case "CYP" -> {
                double d = mu + Deg.cos(theta);
                if (d == 0) {
                    return false;
                }
                out[0] = lambda * phi;
                out[1] = Deg.R0 * (mu + lambda) * Deg.sin(theta) / d;
            }
            case "CEA" -> {
                out[0] = phi;
                out[1] = Deg.R0 * Deg.sin(theta) / lambda;
            }
            case "MER" -> {
                if (Math.abs(theta) >= 90) {
                    return false;
                }
                out[0] = phi;
                out[1] = Deg.R0 * Math.log(Deg.tan((90 + theta) / 2));
            }
            default -> {
                out[0] = phi;
                out[1] = theta;
            }
        }
        return true;
    }

    @Override
    public boolean planeToNative(double x, double y, double[] out) {
        if (Math.abs(kind.equals("CYP") ? x / lambda : x) > 180 + 1e-12) {
            return false; // wcslib's bounds: one turn of native longitude
        }
        switch (kind) {
            case "CYP" -> {
                double e = y / (Deg.R0 * (mu + lambda));
                double s = e * mu / Math.sqrt(e * e + 1);
                if (Math.abs(s) > 1) {
                    return false;
                }
                out[0] = x / lambda;
                out[1] = Deg.atan2(e, 1) + Deg.asin(s);
                return Math.abs(out[1]) <= 90 + 1e-12;
            }
            case "CEA" -> {
                double s = lambda * y / Deg.R0;
                if (Math.abs(s) > 1 + 1e-13) {
                    return false;
                }
                out[0] = x;
                out[1] = Deg.asin(Math.max(-1, Math.min(1, s)));
            }
            case "MER" -> {
                out[0] = x;
                out[1] = 2 * Deg.atan(Math.exp(y / Deg.R0)) - 90;
            }
            default -> {
                if (Math.abs(y) > 90) {
                    return false;
                }
                out[0] = x;
                out[1] = y;
            }
        }
        return true;
    }
}

package org.vosuite.common.wcs;

/**
 * Conic projections (Paper II §5.4): x = R sin Cφ, y = −R cos Cφ + Y0, with θa = PV2_1 (required) and
 * η = PV2_2 the half-separation of the standard parallels.
 */
final class ConicProjection extends Projection {
    private final String kind;
    private final double thetaA;
    private final double eta;
    private final double c;
    private final double y0;
    // COE: 1 + sin θ1 sin θ2 and γ; COO: ψ
    private final double k;
    private final double gamma;
    private final double psi;

    ConicProjection(String kind, double[] pv) throws WcsException {
        super(kind, 0.0, requiredThetaA(kind, pv));
        this.kind = kind;
        this.thetaA = requiredThetaA(kind, pv);
        this.eta = param(pv, 2, 0);
        double t1 = thetaA - eta;
        double t2 = thetaA + eta;
        double cc;
        double kk = 0;
        double gg = 0;
        double ps = 0;
        switch (kind) {
            case "COP" -> cc = Deg.sin(thetaA);
            case "COE" -> {
                gg = Deg.sin(t1) + Deg.sin(t2);
                cc = gg / 2;
                kk = 1 + Deg.sin(t1) * Deg.sin(t2);
            }
            case "COD" -> cc = eta == 0 ? Deg.sin(thetaA) : Deg.R0 * Deg.sin(thetaA) * Deg.sin(eta) / eta;
            default -> { // COO
                if (t1 == t2) {
                    cc = Deg.sin(t1);
                } else {
                    cc = Math.log(Deg.cos(t2) / Deg.cos(t1))
                            / Math.log(Deg.tan((90 - t2) / 2) / Deg.tan((90 - t1) / 2));
                }
                ps = Deg.R0 * Deg.cos(t1) / (cc * Math.pow(Deg.tan((90 - t1) / 2), cc));
            }
        }
        if (cc == 0 || Double.isNaN(cc)) {
            throw new WcsException(kind + " with PV2_1 = " + thetaA + " and PV2_2 = " + eta + " is undefined");
        }
        this.c = cc;
        this.k = kk;
        this.gamma = gg;
        this.psi = ps;
        this.y0 = radius(thetaA);
    }

    private static double requiredThetaA(String kind, double[] pv) throws WcsException {
        double t = param(pv, 1, Double.NaN);
        if (Double.isNaN(t)) {
            throw new WcsException(kind + " needs PV2_1 (theta_a) on the latitude axis");
        }
        if (t <= -90 || t >= 90 || t == 0) {
            throw new WcsException(kind + " PV2_1 (theta_a) must lie in (-90, 90) and not be 0");
        }
        return t;
    }

    private double radius(double theta) {
        return switch (kind) {
            case "COP" -> Deg.R0 * Deg.cos(eta) * (1 / Deg.tan(thetaA) - Deg.tan(theta - thetaA));
            case "COE" -> {
                double v = k - gamma * Deg.sin(theta);
                yield v < 0 ? Double.NaN : Deg.R0 / c * Math.sqrt(v);
            }
            case "COD" -> thetaA - theta + (eta == 0 ? Deg.R0 : eta / Deg.tan(eta)) / Deg.tan(thetaA);
            default -> psi * Math.pow(Deg.tan((90 - theta) / 2), c);
        };
    }

    @Override
    public boolean nativeToPlane(double phi, double theta, double[] out) {
        if (kind.equals("COP") && Math.abs(theta - thetaA) >= 90) {
            return false;
        }
        if (kind.equals("COO") && Math.abs(theta + Math.signum(c) * 90) < 1e-9) {
            return false; // the pole opposite the cone's apex lies at infinity
        }
        double r = radius(theta);
        if (Double.isNaN(r) || Double.isInfinite(r) || (kind.equals("COP") && r * c < 0)) {
            return false;
        }
        double a = c * phi;
        out[0] = r * Deg.sin(a);
        out[1] = -r * Deg.cos(a) + y0;
        return true;
    }

    @Override
    public boolean planeToNative(double x, double y, double[] out) {
        double dy = y0 - y;
        double r = Math.hypot(x, dy);
        if (c < 0) {
            r = -r;
        }
        double phi = r == 0 ? 0 : Deg.atan2(x / r, dy / r) / c;
        if (Math.abs(phi) > 180 + 1e-12) {
            return false;
        }
        double theta;
        switch (kind) {
            case "COP" -> theta = thetaA + Deg.atan(1 / Deg.tan(thetaA) - r / (Deg.R0 * Deg.cos(eta)));
            case "COE" -> {
                double w = r * c / Deg.R0;
                double s = (k - w * w) / gamma;
                if (Math.abs(s) > 1 + 1e-13) {
                    return false;
                }
                theta = Deg.asin(Math.max(-1, Math.min(1, s)));
            }
            case "COD" -> theta = thetaA + (eta == 0 ? Deg.R0 : eta / Deg.tan(eta)) / Deg.tan(thetaA) - r;
            default -> {
                if (r == 0) {
                    theta = c > 0 ? 90 : -90;
                } else {
                    theta = 90 - 2 * Deg.atan(Math.pow(r / psi, 1 / c));
                }
            }
        }
        if (Double.isNaN(theta) || Math.abs(theta) > 90 + 1e-12) {
            return false;
        }
        out[0] = phi;
        out[1] = theta;
        return true;
    }
}

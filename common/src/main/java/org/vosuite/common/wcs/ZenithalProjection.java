package org.vosuite.common.wcs;

/**
 * Zenithal projections (Paper II §5.1): native pole at the reference point, x = R sin φ, y = −R cos φ for the
 * ones where R depends on θ alone; AZP, SZP and the slant SIN have their own plane geometry.
 */
final class ZenithalProjection extends Projection {
    private enum Kind { AZP, SZP, TAN, STG, SIN, ARC, ZPN, ZEA, AIR }

    private final Kind kind;
    // AZP: mu, gamma; SZP: mu, xp, yp, zp, phic, thetac; SIN: xi, eta; AIR: cb; ZPN: coefficients and the
    // largest valid zenith distance
    private final double mu;
    private final double gamma;
    private final double xp;
    private final double yp;
    private final double zp;
    private final double phic;
    private final double thetac;
    private final double xi;
    private final double eta;
    private final double cb;
    private final double[] zpn;
    private final double zdMax;

    private ZenithalProjection(Kind kind, double[] pv) throws WcsException {
        super(kind.name(), 0.0, 90.0);
        this.kind = kind;
        double m = 0;
        double g = 0;
        double sx = 0;
        double sy = 0;
        double sz = 1;
        double slantXi = 0;
        double slantEta = 0;
        double c = -0.5;
        double[] poly = new double[0];
        double zmax = Math.PI;
        double pc = 0;
        double tc = 90;
        switch (kind) {
            case AZP -> {
                m = param(pv, 1, 0);
                g = param(pv, 2, 0);
                if (m == -1) {
                    throw new WcsException("AZP with PV2_1 = -1 is undefined");
                }
            }
            case SZP -> {
                m = param(pv, 1, 0);
                pc = param(pv, 2, 0);
                tc = param(pv, 3, 90);
                sx = -m * Deg.cos(tc) * Deg.sin(pc);
                sy = m * Deg.cos(tc) * Deg.cos(pc);
                sz = m * Deg.sin(tc) + 1;
                if (sz == 0) {
                    throw new WcsException("SZP parameters put the projection point at the sphere's centre");
                }
            }
            case SIN -> {
                slantXi = param(pv, 1, 0);
                slantEta = param(pv, 2, 0);
            }
            case AIR -> {
                double thetab = param(pv, 1, 90);
                if (thetab < -90 || thetab > 90) {
                    throw new WcsException("AIR PV2_1 (theta_b) must lie in [-90, 90]");
                }
                if (thetab != 90) {
                    double xib = Math.toRadians((90 - thetab) / 2);
                    c = Math.log(Math.cos(xib)) / (Math.tan(xib) * Math.tan(xib));
                }
            }
            case ZPN -> {
                int n = 0;
                for (int i = 0; i < Math.min(pv.length, 30); i++) {
                    if (!Double.isNaN(pv[i]) && pv[i] != 0) {
                        n = i;
                    }
                }
                poly = new double[n + 1];
                for (int i = 0; i <= n; i++) {
                    poly[i] = param(pv, i, 0);
                }
                if (n == 0) {
                    throw new WcsException("ZPN needs at least one non-zero PV2_m coefficient with m > 0");
                }
                zmax = firstMaximum(poly);
            }
            default -> {
            }
        }
        this.mu = m;
        this.gamma = g;
        this.xi = slantXi;
        this.eta = slantEta;
        this.xp = sx;
        this.yp = sy;
        this.zp = sz;
        this.phic = pc;
        this.thetac = tc;
        this.cb = c;
        this.zpn = poly;
        this.zdMax = zmax;
    }

    static ZenithalProjection zenithal(String code, double[] pv) throws WcsException {
        return new ZenithalProjection(Kind.valueOf(code), pv);
    }

    /** The zenith distance (radians) where the ZPN polynomial stops increasing, or π. */
    private static double firstMaximum(double[] p) {
        double prev = derivative(p, 0);
        int steps = 18000;
        for (int i = 1; i <= steps; i++) {
            double z = Math.PI * i / steps;
            double d = derivative(p, z);
            if (d <= 0 && prev > 0) {
                double lo = Math.PI * (i - 1) / steps;
                double hi = z;
                for (int k = 0; k < 100; k++) {
                    double mid = 0.5 * (lo + hi);
                    if (derivative(p, mid) > 0) {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
                return lo;
            }
            prev = d;
        }
        return Math.PI;
    }

    private static double poly(double[] p, double z) {
        double s = 0;
        for (int i = p.length - 1; i >= 0; i--) {
            s = s * z + p[i];
        }
        return s;
    }

    private static double derivative(double[] p, double z) {
        double s = 0;
        for (int i = p.length - 1; i >= 1; i--) {
            s = s * z + i * p[i];
        }
        return s;
    }

    @Override
    public boolean nativeToPlane(double phi, double theta, double[] out) {
        double sphi = Deg.sin(phi);
        double cphi = Deg.cos(phi);
        double sthe = Deg.sin(theta);
        double cthe = Deg.cos(theta);
        switch (kind) {
            case AZP -> {
                double denom = mu + sthe + cthe * cphi * Deg.tan(gamma);
                if (denom <= 0 || (Math.abs(mu) > 1 && sthe < -1 / mu)) {
                    return false;
                }
                double r = Deg.R0 * (mu + 1) * cthe / denom;
                out[0] = r * sphi;
                out[1] = -r * cphi / Deg.cos(gamma);
                return true;
            }
            case SZP -> {
                double t = 1 - sthe;
                double denom = zp - t;
                if (denom == 0 || (zp > 0 ? denom < 0 : denom > 0)) {
                    return false;
                }
                // seen from a projection point outside the sphere, only the far crossing of each ray counts
                double cosToC = Deg.cos(thetac) * cthe * Deg.cos(phi - phic) + Deg.sin(thetac) * sthe;
                if (Math.abs(mu) > 1 && mu * cosToC < -1) {
                    return false;
                }
                out[0] = Deg.R0 * (zp * cthe * sphi - xp * t) / denom;
                out[1] = -Deg.R0 * (zp * cthe * cphi + yp * t) / denom;
                return true;
            }
            case SIN -> {
                if (theta < -Deg.atan(xi * sphi - eta * cphi)) {
                    return false;
                }
                double t = 1 - sthe;
                out[0] = Deg.R0 * (cthe * sphi + xi * t);
                out[1] = -Deg.R0 * (cthe * cphi - eta * t);
                return true;
            }
            default -> {
                double r = radius(theta, sthe, cthe);
                if (Double.isNaN(r)) {
                    return false;
                }
                out[0] = r * sphi;
                out[1] = -r * cphi;
                return true;
            }
        }
    }

    private double radius(double theta, double sthe, double cthe) {
        return switch (kind) {
            case TAN -> sthe > 0 ? Deg.R0 * cthe / sthe : Double.NaN;
            case STG -> theta > -90 ? 2 * Deg.R0 * Deg.tan((90 - theta) / 2) : Double.NaN;
            case ARC -> 90 - theta;
            case ZEA -> 2 * Deg.R0 * Deg.sin((90 - theta) / 2);
            case ZPN -> {
                double z = Math.toRadians(90 - theta);
                yield z <= zdMax + 1e-12 ? Deg.R0 * poly(zpn, z) : Double.NaN;
            }
            case AIR -> theta > -90 ? airRadius(Math.toRadians((90 - theta) / 2)) : Double.NaN;
            default -> throw new IllegalStateException(kind.name());
        };
    }

    private double airRadius(double x) {
        if (x == 0) {
            return 0;
        }
        double s = Math.sin(x);
        // ln cos ξ as ½ ln(1 − sin²ξ): exact near the pole, where ln(cos ξ) would cancel away
        double lncos = 0.5 * Math.log1p(-s * s);
        double t = Math.tan(x);
        return 2 * Deg.R0 * (-lncos / t - cb * t);
    }

    @Override
    public boolean planeToNative(double x, double y, double[] out) {
        switch (kind) {
            case AZP -> {
                double yc = y * Deg.cos(gamma);
                double r = Math.hypot(x, yc);
                if (r == 0) {
                    out[0] = 0;
                    out[1] = 90;
                    return true;
                }
                double rho = r / (Deg.R0 * (mu + 1) + y * Deg.sin(gamma));
                double psi = Deg.atan2(1, rho);
                double s = rho * mu / Math.sqrt(rho * rho + 1);
                if (Math.abs(s) > 1) {
                    return false;
                }
                double omega = Deg.asin(s);
                double t1 = psi - omega;
                double t2 = psi + omega + 180;
                t1 = Deg.wrap180(t1);
                t2 = Deg.wrap180(t2);
                boolean ok1 = Math.abs(t1) <= 90;
                boolean ok2 = Math.abs(t2) <= 90;
                double theta;
                if (ok1 && ok2) {
                    theta = Math.abs(t1 - 90) < Math.abs(t2 - 90) ? t1 : t2;
                } else if (ok1) {
                    theta = t1;
                } else if (ok2) {
                    theta = t2;
                } else {
                    return false;
                }
                out[0] = Deg.atan2(x, -yc);
                out[1] = theta;
                double[] back = new double[2];
                return nativeToPlane(out[0], theta, back);
            }
            case SZP -> {
                double bx = x / Deg.R0;
                double by = y / Deg.R0;
                double x1 = (bx - xp) / zp;
                double y1 = (by - yp) / zp;
                double a = x1 * x1 + y1 * y1 + 1;
                double b = x1 * (bx - x1) + y1 * (by - y1);
                double c = (bx - x1) * (bx - x1) + (by - y1) * (by - y1) - 1;
                double d = b * b - a * c;
                if (d < 0) {
                    return false;
                }
                double s1 = (-b + Math.sqrt(d)) / a;
                double s2 = (-b - Math.sqrt(d)) / a;
                double s = Math.max(s1, s2);
                if (s > 1) {
                    s = s - 1 < 1e-13 ? 1 : Math.min(s1, s2);
                }
                if (s < -1 || s > 1) {
                    return false;
                }
                double t = 1 - s;
                out[0] = (bx - x1 * t == 0 && by - y1 * t == 0) ? 0 : Deg.atan2(bx - x1 * t, -(by - y1 * t));
                out[1] = Deg.asin(s);
                return true;
            }
            case SIN -> {
                double bx = x / Deg.R0;
                double by = y / Deg.R0;
                double c = bx * bx + by * by;
                double bb = bx * xi + by * eta + 1;
                double a = xi * xi + eta * eta + 1;
                double d = bb * bb - a * c;
                if (d < 0) {
                    return false;
                }
                // u = 1 − sin θ, the root nearer the pole, written to avoid cancellation
                double u = c / (bb + Math.sqrt(d));
                if (u < 0 || u > 2) {
                    return false;
                }
                double ex = bx - xi * u;
                double ey = by - eta * u;
                out[0] = (ex == 0 && ey == 0) ? 0 : Deg.atan2(ex, -ey);
                out[1] = Deg.atan2(1 - u, Math.sqrt(u * (2 - u)));
                return true;
            }
            default -> {
                double r = Math.hypot(x, y);
                double theta = theta(r);
                if (Double.isNaN(theta)) {
                    return false;
                }
                out[0] = r == 0 ? 0 : Deg.atan2(x, -y);
                out[1] = theta;
                return true;
            }
        }
    }

    private double theta(double r) {
        return switch (kind) {
            case TAN -> Deg.atan2(Deg.R0, r);
            case STG -> 90 - 2 * Deg.atan(r / (2 * Deg.R0));
            case ARC -> r <= 180 ? 90 - r : Double.NaN;
            case ZEA -> {
                double s = r / (2 * Deg.R0);
                yield s <= 1 + 1e-13 ? 90 - 2 * Deg.asin(Math.min(1, s)) : Double.NaN;
            }
            case ZPN -> {
                double target = r / Deg.R0;
                double z = solveIncreasing(t -> poly(zpn, t), target, 0, zdMax);
                yield Double.isNaN(z) ? Double.NaN : 90 - Math.toDegrees(z);
            }
            case AIR -> {
                if (r == 0) {
                    yield 90;
                }
                double x = solveIncreasing(this::airRadius, r, 0, Math.PI / 2 * (1 - 1e-15));
                yield Double.isNaN(x) ? Double.NaN : 90 - 2 * Math.toDegrees(x);
            }
            default -> throw new IllegalStateException(kind.name());
        };
    }
}

package org.vosuite.common.wcs;

import java.util.Locale;

/**
 * A FITS WCS spherical projection (Calabretta &amp; Greisen 2002, "Paper II"; HPX from Calabretta &amp; Roukema
 * 2007) between native spherical coordinates (φ, θ) and the projection plane (x, y), all in degrees with
 * r0 = 180/π. A point outside the projection's domain gives {@code false} and leaves {@code out} undefined.
 */
public abstract class Projection {
    private final String code;
    private final double phi0;
    private final double theta0;

    Projection(String code, double phi0, double theta0) {
        this.code = code;
        this.phi0 = phi0;
        this.theta0 = theta0;
    }

    /** The three-letter code, e.g. TAN. */
    public String code() {
        return code;
    }

    /** Native longitude of the fiducial point (where CRVAL applies). */
    public double phi0() {
        return phi0;
    }

    /** Native latitude of the fiducial point. */
    public double theta0() {
        return theta0;
    }

    /** (x, y) → (φ, θ) into out[0], out[1]. */
    public abstract boolean planeToNative(double x, double y, double[] out);

    /** (φ, θ) → (x, y) into out[0], out[1]. */
    public abstract boolean nativeToPlane(double phi, double theta, double[] out);

    /**
     * The projection for a code, with its parameters: {@code pv[m]} is PVi_m of the latitude axis (NaN when
     * absent, so that each projection applies its own defaults).
     */
    public static Projection of(String code, double[] pv) throws WcsException {
        String c = code.toUpperCase(Locale.ROOT);
        return switch (c) {
            case "AZP", "SZP", "TAN", "STG", "SIN", "ARC", "ZPN", "ZEA", "AIR" -> ZenithalProjection.zenithal(c, pv);
            case "CYP", "CEA", "CAR", "MER" -> new CylindricalProjection(c, pv);
            case "SFL", "GLS", "PAR", "MOL", "AIT" -> new PseudoCylindricalProjection(c.equals("GLS") ? "SFL" : c);
            case "COP", "COE", "COD", "COO" -> new ConicProjection(c, pv);
            case "HPX" -> new HealpixProjection(pv);
            default -> throw new WcsException("projection " + code + " is not supported (supported: AZP SZP TAN STG"
                    + " SIN ARC ZPN ZEA AIR CYP CEA CAR MER SFL PAR MOL AIT COP COE COD COO HPX)");
        };
    }

    static double param(double[] pv, int m, double fallback) {
        return m < pv.length && !Double.isNaN(pv[m]) ? pv[m] : fallback;
    }

    /** Solves f(t) = target for t in [lo, hi] where f increases; NaN when the target is out of range. */
    static double solveIncreasing(java.util.function.DoubleUnaryOperator f, double target, double lo, double hi) {
        double flo = f.applyAsDouble(lo) - target;
        double fhi = f.applyAsDouble(hi) - target;
        if (flo > 0 || fhi < 0) {
            return Double.NaN;
        }
        for (int i = 0; i < 200 && hi - lo > 1e-16 * Math.max(1, Math.abs(hi)); i++) {
            double mid = 0.5 * (lo + hi);
            if (f.applyAsDouble(mid) < target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }
}

package org.vosuite.common.wcs;

/**
 * Simple Imaging Polynomial distortion (Shupe et al. 2005): pixel offsets (u, v) from CRPIX become
 * (u + f(u, v), v + g(u, v)) before the linear transform. The inverse is solved by Newton iteration on the
 * forward polynomials (AP/BP, when present, only give the starting point) so that sky to pixel is the exact
 * inverse of pixel to sky.
 */
public final class SipDistortion {
    private final double[][] a;
    private final double[][] b;
    private final double[][] ap;
    private final double[][] bp;

    private SipDistortion(double[][] a, double[][] b, double[][] ap, double[][] bp) {
        this.a = a;
        this.b = b;
        this.ap = ap;
        this.bp = bp;
    }

    /** The SIP polynomials of a header whose celestial CTYPEs end in -SIP. */
    static SipDistortion of(HeaderCards h) throws WcsException {
        double[][] a = coefficients(h, "A", true);
        double[][] b = coefficients(h, "B", true);
        return new SipDistortion(a, b, coefficients(h, "AP", false), coefficients(h, "BP", false));
    }

    private static double[][] coefficients(HeaderCards h, String name, boolean required) throws WcsException {
        if (!h.has(name + "_ORDER")) {
            if (required) {
                throw new WcsException("CTYPE says -SIP but " + name + "_ORDER is missing");
            }
            return null;
        }
        int order = (int) h.number(name + "_ORDER", 0);
        if (order < 0 || order > 20) {
            throw new WcsException(name + "_ORDER must lie in 0..20");
        }
        double[][] c = new double[order + 1][order + 1];
        for (int p = 0; p <= order; p++) {
            for (int q = 0; p + q <= order; q++) {
                c[p][q] = h.number(name + "_" + p + "_" + q, 0);
            }
        }
        return c;
    }

    private static double eval(double[][] c, double u, double v) {
        double s = 0;
        double up = 1;
        for (int p = 0; p < c.length; p++) {
            double vq = 1;
            for (int q = 0; p + q < c.length; q++) {
                s += c[p][q] * up * vq;
                vq *= v;
            }
            up *= u;
        }
        return s;
    }

    private static double du(double[][] c, double u, double v) {
        double s = 0;
        for (int p = 1; p < c.length; p++) {
            for (int q = 0; p + q < c.length; q++) {
                s += c[p][q] * p * Math.pow(u, p - 1) * Math.pow(v, q);
            }
        }
        return s;
    }

    private static double dv(double[][] c, double u, double v) {
        double s = 0;
        for (int p = 0; p < c.length; p++) {
            for (int q = 1; p + q < c.length; q++) {
                s += c[p][q] * q * Math.pow(u, p) * Math.pow(v, q - 1);
            }
        }
        return s;
    }

    /** (u, v) → distorted (u', v') in place. */
    void forward(double[] uv) {
        double u = uv[0];
        double v = uv[1];
        uv[0] = u + eval(a, u, v);
        uv[1] = v + eval(b, u, v);
    }

    /** Distorted (u', v') → (u, v) in place; NaN when the iteration does not converge. */
    void inverse(double[] uv) {
        double tu = uv[0];
        double tv = uv[1];
        double u = tu;
        double v = tv;
        if (ap != null && bp != null) {
            u = tu + eval(ap, tu, tv);
            v = tv + eval(bp, tu, tv);
        }
        for (int i = 0; i < 100; i++) {
            double fu = u + eval(a, u, v) - tu;
            double fv = v + eval(b, u, v) - tv;
            double j11 = 1 + du(a, u, v);
            double j12 = dv(a, u, v);
            double j21 = du(b, u, v);
            double j22 = 1 + dv(b, u, v);
            double det = j11 * j22 - j12 * j21;
            if (det == 0) {
                break;
            }
            double su = (fu * j22 - fv * j12) / det;
            double sv = (fv * j11 - fu * j21) / det;
            u -= su;
            v -= sv;
            if (Math.abs(su) + Math.abs(sv) < 1e-14 * (1 + Math.abs(u) + Math.abs(v))) {
                break;
            }
        }
        // rounding may keep the last step from vanishing: accept what reproduces the target
        boolean converged = Math.abs(u + eval(a, u, v) - tu) + Math.abs(v + eval(b, u, v) - tv)
                < 1e-10 * (1 + Math.abs(tu) + Math.abs(tv));
        uv[0] = converged ? u : Double.NaN;
        uv[1] = converged ? v : Double.NaN;
    }
}

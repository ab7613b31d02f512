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
        if (ap != null && bp != null) {
            uv[0] = tu + eval(ap, tu, tv);
            uv[1] = tv + eval(bp, tu, tv);
        }
        Newton2d.solve((u, v, out) -> {
            out[0] = u + eval(a, u, v);
            out[1] = v + eval(b, u, v);
        }, tu, tv, uv, 1e-10);
    }
}

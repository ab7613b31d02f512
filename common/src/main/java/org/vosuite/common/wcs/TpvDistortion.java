package org.vosuite.common.wcs;

/**
 * The TPV polynomial distortion (the 40-term PVi_m convention of SCAMP, registered with the FITS WCS): applied to
 * intermediate world coordinates (ξ, η) before the TAN projection. For the longitude axis the terms are in
 * (ξ, η), for the latitude axis in (η, ξ). The inverse is solved by Newton iteration.
 */
public final class TpvDistortion {
    private final double[] lng;
    private final double[] lat;

    TpvDistortion(double[] lng, double[] lat) {
        this.lng = lng;
        this.lat = lat;
    }

    /** PV coefficients of one axis, 0..39; PVi_1 defaults to 1 (the identity when none is given). */
    static double[] coefficients(HeaderCards h, int axis, String alt) throws WcsException {
        double[] c = new double[40];
        for (int m = 0; m < 40; m++) {
            c[m] = h.number("PV" + axis + "_" + m + alt, m == 1 ? 1 : 0);
        }
        return c;
    }

    static double poly(double[] c, double x, double y) {
        double r = Math.hypot(x, y);
        double x2 = x * x;
        double y2 = y * y;
        double s = c[0] + c[1] * x + c[2] * y + c[3] * r;
        s += c[4] * x2 + c[5] * x * y + c[6] * y2;
        s += c[7] * x2 * x + c[8] * x2 * y + c[9] * x * y2 + c[10] * y2 * y + c[11] * r * r * r;
        double[] xp = new double[8];
        double[] yp = new double[8];
        xp[0] = 1;
        yp[0] = 1;
        for (int i = 1; i < 8; i++) {
            xp[i] = xp[i - 1] * x;
            yp[i] = yp[i - 1] * y;
        }
        int m = 12;
        for (int d = 4; d <= 7; d++) {
            for (int j = 0; j <= d; j++) {
                s += c[m++] * xp[d - j] * yp[j];
            }
            if (d == 5) {
                s += c[m++] * Math.pow(r, 5);
            }
            if (d == 7) {
                s += c[m++] * Math.pow(r, 7);
            }
        }
        return s;
    }

    void forward(double[] xy) {
        double x = xy[0];
        double y = xy[1];
        xy[0] = poly(lng, x, y);
        xy[1] = poly(lat, y, x);
    }

    void inverse(double[] xy) {
        Newton2d.solve((x, y, out) -> {
            out[0] = poly(lng, x, y);
            out[1] = poly(lat, y, x);
        }, xy[0], xy[1], xy, 1e-12);
    }
}

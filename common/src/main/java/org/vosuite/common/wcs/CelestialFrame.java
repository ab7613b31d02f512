package org.vosuite.common.wcs;

/**
 * The celestial frames a header may use, with the rotations to and from ICRS that astropy uses: FK5 J2000
 * through the frame bias of USNO Circular 179 (about 20 mas), Galactic through FK5 J2000 with the north galactic
 * pole at (192.8594812065348°, 27.12825118085622°) and l of the celestial pole 122.9319185680026°.
 */
public enum CelestialFrame {
    ICRS(null),
    FK5(fk5FromIcrs()),
    GALACTIC(multiply(galacticFromFk5(), fk5FromIcrs()));

    private final double[][] fromIcrs;

    CelestialFrame(double[][] fromIcrs) {
        this.fromIcrs = fromIcrs;
    }

    /** ICRS (α, δ) in degrees → this frame's (lon, lat). */
    public double[] fromIcrs(double ra, double dec) {
        return apply(fromIcrs, false, ra, dec);
    }

    /** This frame's (lon, lat) → ICRS (α, δ). */
    public double[] toIcrs(double lon, double lat) {
        return apply(fromIcrs, true, lon, lat);
    }

    /** {@code m} null: the identity (ICRS). */
    private static double[] apply(double[][] m, boolean transpose, double lon, double lat) {
        if (m == null) {
            return new double[] {lon, lat};
        }
        double cl = Deg.cos(lat);
        double[] v = {cl * Deg.cos(lon), cl * Deg.sin(lon), Deg.sin(lat)};
        double[] w = new double[3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                w[i] += (transpose ? m[j][i] : m[i][j]) * v[j];
            }
        }
        return new double[] {Deg.wrap360(Deg.atan2(w[1], w[0])), Deg.atan2(w[2], Math.hypot(w[0], w[1]))};
    }

    private static double[][] identity() {
        return new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    }

    /** The coordinate-system rotation by {@code deg} about axis 0 (x), 1 (y) or 2 (z), as astropy writes it. */
    private static double[][] rotation(double deg, int axis) {
        double c = Deg.cos(deg);
        double s = Deg.sin(deg);
        double[][] m = identity();
        int i = (axis + 1) % 3;
        int j = (axis + 2) % 3;
        m[i][i] = c;
        m[i][j] = s;
        m[j][i] = -s;
        m[j][j] = c;
        return m;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        double[][] r = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    r[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return r;
    }

    private static double[][] fk5FromIcrs() {
        double eta0 = -19.9 / 3600000.0;
        double xi0 = 9.1 / 3600000.0;
        double da0 = -22.9 / 3600000.0;
        return multiply(multiply(rotation(-eta0, 0), rotation(xi0, 1)), rotation(da0, 2));
    }

    private static double[][] galacticFromFk5() {
        return multiply(multiply(rotation(180 - 122.9319185680026, 2), rotation(90 - 27.12825118085622, 1)),
                rotation(192.8594812065348, 2));
    }
}

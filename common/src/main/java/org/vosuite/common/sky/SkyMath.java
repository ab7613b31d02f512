package org.vosuite.common.sky;

/**
 * Small spherical-geometry helpers on ICRS angles in degrees and unit vectors ({@code double[3]}: x towards
 * ra=0 dec=0, z towards the north pole).
 */
public final class SkyMath {
    private SkyMath() {
    }

    /**
     * Great-circle distance in degrees. Vincenty's form (atan2 of the cross and dot products) keeps full precision
     * at every separation, where the acos of the dot product loses it below about an arcsecond and near 180°.
     */
    public static double angularDistanceDeg(double ra1Deg, double dec1Deg, double ra2Deg, double dec2Deg) {
        double d1 = Math.toRadians(dec1Deg);
        double d2 = Math.toRadians(dec2Deg);
        double dra = Math.toRadians(ra2Deg - ra1Deg);
        double sd1 = Math.sin(d1);
        double cd1 = Math.cos(d1);
        double sd2 = Math.sin(d2);
        double cd2 = Math.cos(d2);
        double sdra = Math.sin(dra);
        double cdra = Math.cos(dra);
        double a = cd2 * sdra;
        double b = cd1 * sd2 - sd1 * cd2 * cdra;
        return Math.toDegrees(Math.atan2(Math.hypot(a, b), sd1 * sd2 + cd1 * cd2 * cdra));
    }

    /** The unit vector of (ra, dec) in degrees. */
    public static double[] unitVector(double raDeg, double decDeg) {
        double ra = Math.toRadians(raDeg);
        double dec = Math.toRadians(decDeg);
        double cd = Math.cos(dec);
        return new double[] {cd * Math.cos(ra), cd * Math.sin(ra), Math.sin(dec)};
    }

    /** {ra, dec} in degrees of a non-zero vector, ra in [0, 360). */
    public static double[] raDec(double[] v) {
        double ra = Math.toDegrees(Math.atan2(v[1], v[0]));
        if (ra < 0) {
            ra += 360;
            // A tiny negative angle rounds up to exactly 360 and must still land in [0, 360).
            if (ra >= 360) {
                ra = 0;
            }
        }
        return new double[] {ra, Math.toDegrees(Math.atan2(v[2], Math.hypot(v[0], v[1])))};
    }

    /** Angle in radians between two non-zero vectors; atan2 keeps it accurate near 0 and π. */
    public static double angle(double[] a, double[] b) {
        return Math.atan2(norm(cross(a, b)), dot(a, b));
    }

    public static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    public static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    public static double norm(double[] a) {
        return Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
    }

    /** {@code a} scaled to unit length. */
    public static double[] normalize(double[] a) {
        double n = norm(a);
        return new double[] {a[0] / n, a[1] / n, a[2] / n};
    }
}

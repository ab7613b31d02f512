package org.vosuite.common.wcs;

/**
 * Trigonometry in degrees. The FITS WCS papers state every projection in degrees; keeping their form makes the
 * code checkable against the papers line by line.
 */
final class Deg {
    static final double R0 = 180.0 / Math.PI;

    private Deg() {
    }

    static double sin(double d) {
        return Math.sin(Math.toRadians(d));
    }

    static double cos(double d) {
        return Math.cos(Math.toRadians(d));
    }

    static double tan(double d) {
        return Math.tan(Math.toRadians(d));
    }

    static double asin(double v) {
        return Math.toDegrees(Math.asin(v));
    }

    static double atan(double v) {
        return Math.toDegrees(Math.atan(v));
    }

    static double atan2(double y, double x) {
        return Math.toDegrees(Math.atan2(y, x));
    }

    /** Into [-180, 180]. */
    static double wrap180(double d) {
        double r = Math.IEEEremainder(d, 360.0);
        return r == -180.0 ? 180.0 : r;
    }

    /** Into [0, 360). */
    static double wrap360(double d) {
        double r = d % 360.0;
        if (r < 0) {
            r += 360.0;
        }
        return r >= 360.0 ? 0.0 : r;
    }
}

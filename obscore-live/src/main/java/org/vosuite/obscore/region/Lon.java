package org.vosuite.obscore.region;

/** sphgeom's conversions between unit vectors and longitude/latitude (degrees here). */
final class Lon {
    static final double DEG_PER_RAD = 57.2957795130823208767981548141;

    private Lon() {
    }

    /** {lon, lat} in degrees, lon in [0, 360], as sphgeom's LonLat(UnitVector3d). */
    static double[] lonLat(double[] v) {
        double d2 = v[0] * v[0] + v[1] * v[1];
        double lon = 0;
        if (d2 != 0) {
            lon = Math.atan2(v[1], v[0]);
            if (lon < 0) {
                lon += 2 * Math.PI;
            }
        }
        double lat = 0;
        if (v[2] != 0) {
            lat = Math.atan2(v[2], Math.sqrt(d2));
            if (Math.abs(lat) > Math.PI / 2) {
                lat = Math.copySign(Math.PI / 2, lat);
            }
        }
        return new double[] {lon * DEG_PER_RAD, lat * DEG_PER_RAD};
    }

    /** The unit vector at lon, lat in radians. */
    static double[] vector(double lon, double lat) {
        return new double[] {Math.cos(lon) * Math.cos(lat), Math.sin(lon) * Math.cos(lat), Math.sin(lat)};
    }
}

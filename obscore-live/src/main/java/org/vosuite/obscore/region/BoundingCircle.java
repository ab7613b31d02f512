package org.vosuite.obscore.region;

/**
 * A cap holding a region, as sphgeom computes it: ObsCore's s_ra, s_dec are its centre and s_fov its diameter.
 *
 * @param centre        unit vector
 * @param openingAngle  radians
 */
public record BoundingCircle(double[] centre, double openingAngle) {
    static final double MAX_ASIN_ERROR = 1.5e-8;
    static final double MAX_SQUARED_CHORD_LENGTH_ERROR = 2.5e-15;

    /** From a squared chord length, as sphgeom's {@code Circle(centre, cl2)}. */
    static BoundingCircle ofSquaredChord(double[] centre, double cl2) {
        double angle = cl2 < 0 ? -1 : cl2 >= 4 ? Math.PI : 2 * Math.asin(0.5 * Math.sqrt(cl2));
        return new BoundingCircle(centre, angle);
    }

    public double raDeg() {
        return Lon.lonLat(centre)[0];
    }

    public double decDeg() {
        return Lon.lonLat(centre)[1];
    }

    /** The diameter in degrees (ObsCore s_fov). */
    public double diameterDeg() {
        return openingAngle * Lon.DEG_PER_RAD * 2;
    }

    /** sphgeom's {@code Circle::expandTo}: the smallest cap holding this one and {@code x}. */
    BoundingCircle expandTo(BoundingCircle x) {
        double cc = Vectors.angle(centre, x.centre);
        if (cc + x.openingAngle + 4 * MAX_ASIN_ERROR <= openingAngle) {
            return this;
        }
        if (cc + openingAngle + 4 * MAX_ASIN_ERROR <= x.openingAngle) {
            return x;
        }
        double o = 0.5 * (cc + openingAngle + x.openingAngle);
        if (o + 2 * MAX_ASIN_ERROR >= Math.PI) {
            return new BoundingCircle(new double[] {0, 0, 1}, Math.PI);
        }
        double[] n = Vectors.orthogonalTo(centre, x.centre);
        double r = o - openingAngle;
        double[] nc = Vectors.cross(n, centre);
        double[] c = Vectors.normalize(new double[] {centre[0] * Math.cos(r) + nc[0] * Math.sin(r),
            centre[1] * Math.cos(r) + nc[1] * Math.sin(r), centre[2] * Math.cos(r) + nc[2] * Math.sin(r)});
        return new BoundingCircle(c, o + MAX_ASIN_ERROR);
    }
}

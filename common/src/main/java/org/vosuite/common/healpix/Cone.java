package org.vosuite.common.healpix;

import org.vosuite.common.sky.SkyMath;

/** The closed cap of angular radius {@code radius} (radians) around the unit vector {@code centre}. */
record Cone(double[] centre, double radius) implements Region {
    /** Absorbs rounding in the distances (about 2 nanoarcseconds). */
    private static final double EPSILON = 1e-14;

    @Override
    public Overlap classify(double[] capCentre, double capRadius) {
        if (radius >= Math.PI) {
            return Overlap.INSIDE;
        }
        double d = SkyMath.angle(centre, capCentre);
        if (d - capRadius > radius + EPSILON) {
            return Overlap.OUTSIDE;
        }
        if (d + capRadius < radius - EPSILON) {
            return Overlap.INSIDE;
        }
        return Overlap.PARTIAL;
    }
}

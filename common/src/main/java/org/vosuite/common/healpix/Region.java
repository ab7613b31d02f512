package org.vosuite.common.healpix;

/** A closed region of the sphere that can tell how it meets a spherical cap. */
interface Region {
    /**
     * How the region meets the cap of angular radius {@code radius} (radians, below π) around the unit vector
     * {@code centre}. OUTSIDE and INSIDE must be certain; PARTIAL is always a safe answer.
     */
    Overlap classify(double[] centre, double radius);
}

package org.vosuite.common.healpix;

/** How a region meets a spherical cap around a pixel. */
enum Overlap {
    /** Certainly no common point. */
    OUTSIDE,
    /** The cap, and so the pixel, lies wholly in the region. */
    INSIDE,
    /** Either may hold: the caller looks closer or keeps the pixel. */
    PARTIAL
}

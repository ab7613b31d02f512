package org.vosuite.hips.model;

import java.util.Locale;

/** One tile of a HiPS: HEALPix cell {@code npix} (nested) at {@code order}. */
public record HipsTile(int order, long npix) {
    /** {@code NorderK/DirD/NpixN.ext}, D = N rounded down to a multiple of 10000 (HiPS 1.0 §4.2). */
    public String path(String extension) {
        return String.format(Locale.ROOT, "Norder%d/Dir%d/Npix%d.%s", order, npix / 10000 * 10000, npix,
                extension);
    }

    public HipsTile parent() {
        return new HipsTile(order - 1, npix >> 2);
    }
}

package org.vosuite.common.image;

import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.ImageHDU;
import nom.tam.image.compression.hdu.CompressedImageHDU;

/** Tile-compressed FITS files laid out as fpack writes them: an empty primary HDU, then the compressed image. */
public final class CompressedFits {
    private CompressedFits() {
    }

    /**
     * The image RICE-compressed in tiles of {@code tileWidth}×{@code tileHeight} pixels (lossless for integer
     * pixels), as extension {@code IMAGE} after an empty primary HDU; its header cards (WCS and others) are kept.
     */
    public static Fits rice(ImageHDU image, int tileWidth, int tileHeight) throws FitsException {
        CompressedImageHDU c = CompressedImageHDU.fromImageHDU(image, tileWidth, tileHeight);
        c.setCompressAlgorithm("RICE_1");
        c.compress();
        c.getHeader().addValue("EXTNAME", "IMAGE", null);
        Fits f = new Fits();
        f.addHDU(Fits.makeHDU((Object) null));
        f.addHDU(c);
        return f;
    }
}

package org.vosuite.hips.build;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.vosuite.common.image.ImagePlane;
import org.vosuite.hips.model.HipsTile;
import org.vosuite.hips.model.PixelCut;
import org.vosuite.hips.write.TileFiles;

/**
 * {@code Norder3/Allsky.*} (HiPS 1.0 §4.3.2): the 768 order-3 tiles, each reduced to 64 pixels by block means
 * ({@link ImagePlane#binned}),
 * packed 27 to a row, left to right and top to bottom in display order; missing tiles blank. Clients draw the
 * whole sky from it before they fetch tiles.
 */
final class Allsky {
    static final int ORDER = 3;
    static final int SIDE = 64;
    static final int ACROSS = 27;
    static final int TILES = 768;

    private Allsky() {
    }

    /** {width, height} of the Allsky image. */
    static int[] size() {
        return new int[] {ACROSS * SIDE, (TILES + ACROSS - 1) / ACROSS * SIDE};
    }

    static void write(Path out, int tileWidth, List<String> formats, PixelCut cut) throws IOException {
        int tiles = TILES;
        int width = size()[0];
        int height = size()[1];
        float[] sky = new float[width * height];
        Arrays.fill(sky, Float.NaN);
        for (int n = 0; n < tiles; n++) {
            float[] t = TileFiles.readFits(out.resolve(new HipsTile(ORDER, n).path("fits")), tileWidth);
            if (t == null) {
                continue;
            }
            float[] small = new ImagePlane(tileWidth, tileWidth, t).binned(SIDE).pixels();
            int col0 = (n % ACROSS) * SIDE;
            // display row n / 27 from the top; FITS rows count from the bottom
            int row0 = height - (n / ACROSS + 1) * SIDE;
            for (int r = 0; r < SIDE; r++) {
                System.arraycopy(small, r * SIDE, sky, (row0 + r) * width + col0, SIDE);
            }
        }
        Path dir = out.resolve("Norder" + ORDER);
        for (String format : formats) {
            if (format.equals("fits")) {
                TileFiles.writeFits(dir.resolve("Allsky.fits"), width, height, sky, null);
            } else {
                TileFiles.writeImage(dir.resolve("Allsky." + format), format, width, height, sky, cut);
            }
        }
    }
}

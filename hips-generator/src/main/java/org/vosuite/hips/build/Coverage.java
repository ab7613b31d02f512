package org.vosuite.hips.build;

import java.util.Set;
import java.util.TreeSet;
import org.vosuite.common.healpix.Healpix;
import org.vosuite.common.wcs.CelestialFrame;

/**
 * The deepest-order tiles an image touches: its pixels sampled at a quarter of a tile's size, and every pixel along
 * its four edges, so that a tile holding only a sliver of the image along an edge is not missed.
 */
final class Coverage {
    private Coverage() {
    }

    static Set<Long> tiles(SourceImage s, int order, CelestialFrame frame) {
        Set<Long> out = new TreeSet<>();
        int nx = s.width;
        int ny = s.height;
        double tileDeg = Math.toDegrees(Math.sqrt(Math.PI / 3)) / (1L << order);
        int step = (int) Math.max(1, Math.min(Math.min(nx, ny), tileDeg / 4 / s.pixelDeg));
        for (int y = 1; y <= ny; y += step) {
            for (int x = 1; x <= nx; x += step) {
                add(s, x, y, order, frame, out);
            }
        }
        for (int x = 1; x <= nx; x++) {
            add(s, x, 1, order, frame, out);
            add(s, x, ny, order, frame, out);
        }
        for (int y = 1; y <= ny; y++) {
            add(s, 1, y, order, frame, out);
            add(s, nx, y, order, frame, out);
        }
        return out;
    }

    private static void add(SourceImage s, double x, double y, int order, CelestialFrame frame, Set<Long> out) {
        double[] rd = s.wcs.pixelToIcrs(x, y);
        if (!Double.isNaN(rd[0])) {
            double[] lb = frame.fromIcrs(rd[0], rd[1]);
            out.add(Healpix.ang2pix(order, lb[0], lb[1]));
        }
    }
}

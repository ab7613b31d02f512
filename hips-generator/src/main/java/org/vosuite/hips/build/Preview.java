package org.vosuite.hips.build;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.vosuite.common.sky.SkyMath;
import org.vosuite.common.wcs.CelestialFrame;
import org.vosuite.hips.model.PixelCut;
import org.vosuite.hips.write.TileFiles;

/**
 * The survey's {@code preview.jpg} (HiPS 1.0 §4.4.4: a small image of the survey) and {@code index.html} (a page
 * that views it with Aladin Lite from the CDS distribution). The preview is the initial view, 256 pixels across, a
 * gnomonic projection (north up, east left) sampled straight from the inputs through the pixel cut.
 */
final class Preview {
    static final int SIDE = 256;

    private Preview() {
    }

    /** @param view {lon, lat, fov} in degrees in the survey's frame */
    static void write(Path out, List<SourceImage> images, CelestialFrame frame, double[] view, PixelCut cut,
            String title, ImageCache cache) throws IOException {
        double[] c = SkyMath.unitVector(view[0], view[1]);
        double[] east = SkyMath.cross(new double[] {0, 0, 1}, c);
        east = SkyMath.norm(east) < 1e-12 ? new double[] {0, 1, 0} : SkyMath.normalize(east);
        double[] north = SkyMath.cross(c, east);
        double step = Math.tan(Math.toRadians(view[2])) / SIDE;
        float[] px = new float[SIDE * SIDE];
        for (int row = 0; row < SIDE; row++) {
            double eta = (row - SIDE / 2.0 + 0.5) * step;
            for (int col = 0; col < SIDE; col++) {
                double xi = -(col - SIDE / 2.0 + 0.5) * step;
                double[] v = SkyMath.normalize(new double[] {c[0] + xi * east[0] + eta * north[0],
                    c[1] + xi * east[1] + eta * north[1], c[2] + xi * east[2] + eta * north[2]});
                double[] lb = SkyMath.raDec(v);
                double[] rd = frame.toIcrs(lb[0], lb[1]);
                double sum = 0;
                int n = 0;
                for (SourceImage s : images) {
                    double[] p = s.wcs.icrsToPixel(rd[0], rd[1]);
                    if (Double.isNaN(p[0]) || p[0] < 0 || p[1] < 0 || p[0] > s.width + 1 || p[1] > s.height + 1) {
                        continue;
                    }
                    float value = Sampler.BILINEAR.sample(cache.get(s), p[0], p[1]);
                    if (!Float.isNaN(value)) {
                        sum += value;
                        n++;
                    }
                }
                px[row * SIDE + col] = n == 0 ? Float.NaN : (float) (sum / n);
            }
        }
        TileFiles.writeImage(out.resolve("preview.jpg"), "jpg", SIDE, SIDE, px, cut);
        writeIndex(out, frame, view, title);
    }

    /** {@code index.html}: the survey in Aladin Lite, at {@code view} {lon, lat, fov}. */
    static void writeIndex(Path out, CelestialFrame frame, double[] view, String title) throws IOException {
        Files.writeString(out.resolve("index.html"), """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>%1$s</title>
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <style>body{margin:0;font-family:system-ui,sans-serif}#al{width:100vw;height:100vh}</style></head>
                <body><div id="al"></div>
                <script src="https://aladin.cds.unistra.fr/AladinLite/api/v3/latest/aladin.js" charset="utf-8"></script>
                <script>
                A.init.then(() => {
                  // the survey is this page's folder; its properties give frame, orders and formats
                  const here = location.href.replace(/[^/]*$/, '');
                  A.aladin('#al', {survey: here, target: '%2$s', fov: %3$s, cooFrame: '%4$s'});
                });
                </script></body></html>
                """.formatted(title.replace("<", "&lt;"), String.format(Locale.ROOT, "%.6f %.6f", view[0],
                view[1]), String.format(Locale.ROOT, "%.5f", view[2]), frame == CelestialFrame.ICRS ? "equatorial"
                : "galactic"), StandardCharsets.UTF_8);
    }

    /**
     * A colour survey's preview.jpg: the red, green and blue bands' previews (same view, same size) as the three
     * channels. Each band keeps its own stretch, so the colours are indicative; without the three band previews
     * there is none.
     */
    static void writeColour(Path out, List<Path> bands) throws IOException {
        BufferedImage[] in = new BufferedImage[3];
        for (int i = 0; i < 3; i++) {
            Path p = bands.get(i).resolve("preview.jpg");
            if (!Files.isRegularFile(p) || (in[i] = ImageIO.read(p.toFile())) == null) {
                return;
            }
        }
        int w = in[0].getWidth();
        int h = in[0].getHeight();
        if (in[1].getWidth() != w || in[2].getWidth() != w || in[1].getHeight() != h || in[2].getHeight() != h) {
            return;
        }
        BufferedImage rgb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                rgb.setRGB(x, y, (in[0].getRGB(x, y) & 0xff) << 16 | (in[1].getRGB(x, y) & 0xff) << 8
                        | in[2].getRGB(x, y) & 0xff);
            }
        }
        ImageIO.write(rgb, "jpg", out.resolve("preview.jpg").toFile());
    }
}

package org.vosuite.hips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosuite.common.BrowserScript;
import org.vosuite.common.PythonOracle;
import org.vosuite.hips.build.HipsBuilder;
import org.vosuite.hips.http.HipsRouter;

/**
 * Aladin Lite 3.8.2 (npm, test-only: GPL-3) draws a survey we built, served by our HiPS router, in Debian's headless
 * Chromium (WebGL2 through SwiftShader), driven by playwright-core. The survey is a star field: the screenshot
 * (kept in target/hips-browser/) must show bright stars on the sky background, and the page must have fetched the
 * properties, the Allsky and deepest-order PNG tiles from us with 200. Needs `npm ci` in js-tests/ at the top of
 * the repository and the chromium package (scripts/test does both).
 */
class AladinLiteTest {
    @TempDir
    Path dir;

    @Test
    void aladinLiteDrawsTheSurveyInHeadlessChromium() throws Exception {
        Path aladin = BrowserScript.ALADIN_LITE;
        assertTrue(Files.exists(aladin), "run `npm ci` in " + BrowserScript.JS_TESTS + " (scripts/test does)");
        Path in = Files.createDirectories(dir.resolve("in"));
        List<String> stars = PythonOracle.run(dir, "import numpy as np\nfrom astropy.io import fits\nfrom astropy.wcs import WCS",
                "apt-get install python3-astropy", """
                rng = np.random.default_rng(5)
                n = 1024
                bright = []
                for k in range(2):
                    w = WCS(naxis=2)
                    w.wcs.ctype = ['RA---TAN', 'DEC--TAN']
                    w.wcs.crpix = [n / 2 + 0.5, n / 2 + 0.5]
                    w.wcs.crval = [150.0 + 0.1 * k, 2.0]
                    w.wcs.cdelt = [-0.4 / 3600, 0.4 / 3600]
                    img = rng.normal(100, 3, size=(n, n)).astype(np.float32)
                    yy, xx = np.mgrid[0:41, 0:41]
                    for s in range(150):
                        x0, y0 = rng.integers(30, n - 30, 2)
                        flux = rng.uniform(2000, 40000)
                        img[y0 - 20:y0 + 21, x0 - 20:x0 + 21] += (flux
                            * np.exp(-((xx - 20) ** 2 + (yy - 20) ** 2) / 18.0)).astype(np.float32)
                        if flux > 20000:
                            ra, dec = w.all_pix2world([[x0, y0]], 0)[0]
                            bright.append('%.8f %.8f' % (ra, dec))
                    fits.PrimaryHDU(img, header=w.to_header()).writeto(open(sys.argv[1]).read().strip() + '/s%d.fits' % k)
                open(sys.argv[2], 'w').write('\\n'.join(bright) + '\\n')
                """, List.of(in.toString()));
        Path surveys = dir.resolve("hips");
        HipsBuilder.build(new HipsOptions(List.of(in), surveys.resolve("stars"), -1, null, null, 512, "equatorial",
                null, List.of("fits", "png"), 2, "Star field", "ivo://example.org/P/test/stars", null, "bilinear", "mean", 512L << 20, false),
                new java.io.PrintWriter(System.out, true));
        Path page = Files.createDirectories(dir.resolve("page"));
        Files.copy(aladin, page.resolve("aladin.js"));
        Vertx vertx = Vertx.vertx();
        try {
            Router router = Router.router(vertx);
            HipsRouter.mount(vertx, router, "/hips", surveys);
            router.route("/page/*").handler(StaticHandler.create(FileSystemAccess.ROOT, page.toString()));
            HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            String base = "http://127.0.0.1:" + server.actualPort();
            Files.writeString(page.resolve("index.html"), """
                    <!DOCTYPE html><html><head><meta charset="utf-8"><title>survey</title></head>
                    <body style="margin:0"><div id="al" style="width:640px;height:640px"></div>
                    <script type="module">
                    import A from './aladin.js';
                    await A.init;
                    A.aladin('#al', {survey: '%s/hips/stars', target: '150.05 2.0', fov: 0.12,
                      showReticle: false, showFrame: false, showLayersControl: false, showGotoControl: false,
                      showZoomControl: false, showFullscreenControl: false, showCooGridControl: false,
                      showSimbadPointerControl: false, showProjectionControl: false, showContextMenu: false});
                    window.alReady = true;
                    </script></body></html>
                    """.formatted(base));
            Path shots = Files.createDirectories(Path.of("target/hips-browser").toAbsolutePath());
            Path shot = shots.resolve("aladin-lite-stars.png");
            List<String> out = BrowserScript.run("screenshot.mjs", 180, base + "/page/index.html", shot.toString());
            String json = out.get(out.size() - 1);
            assertTrue(json.contains("\"url\":\"/hips/stars/properties\",\"status\":200"), json);
            assertTrue(json.matches("(?s).*\"url\":\"/hips/stars/Norder\\d+/Dir\\d+/Npix\\d+\\.png\",\"status\":200.*"),
                    json);
            assertTrue(!json.matches("(?s).*\"status\":(4|5)\\d\\d.*") || json.contains("Npix"), json);
            System.out.println("Aladin Lite screenshot: " + shot);
            BufferedImage img = ImageIO.read(shot.toFile());
            // every bright input star inside the view (away from the edges and the coordinates box at the top)
            // is a bright spot where a TAN view of 0.12° centred on (150.05, 2.0), north up, east left, puts it
            double scale = img.getWidth() / 0.12;
            double[] c = {Math.toRadians(150.05), Math.toRadians(2.0)};
            int inView = 0;
            int seen = 0;
            for (String line : stars) {
                String[] f = line.trim().split(" ");
                double ra = Math.toRadians(Double.parseDouble(f[0]));
                double dec = Math.toRadians(Double.parseDouble(f[1]));
                double cosc = Math.sin(c[1]) * Math.sin(dec) + Math.cos(c[1]) * Math.cos(dec) * Math.cos(ra - c[0]);
                double xi = Math.cos(dec) * Math.sin(ra - c[0]) / cosc;
                double eta = (Math.cos(c[1]) * Math.sin(dec) - Math.sin(c[1]) * Math.cos(dec) * Math.cos(ra - c[0]))
                        / cosc;
                int x = (int) Math.round(img.getWidth() / 2.0 - Math.toDegrees(xi) * scale);
                int y = (int) Math.round(img.getHeight() / 2.0 - Math.toDegrees(eta) * scale);
                if (x < 15 || y < 50 || x >= img.getWidth() - 15 || y >= img.getHeight() - 30) {
                    continue;
                }
                inView++;
                int best = 0;
                for (int dy = -4; dy <= 4; dy++) {
                    for (int dx = -4; dx <= 4; dx++) {
                        int rgb = img.getRGB(x + dx, y + dy);
                        best = Math.max(best, ((rgb >> 16 & 0xff) + (rgb >> 8 & 0xff) + (rgb & 0xff)) / 3);
                    }
                }
                if (best > 150) {
                    seen++;
                }
            }
            System.out.println("Aladin Lite: " + seen + " of " + inView + " bright input stars drawn where expected");
            assertTrue(inView >= 10, "bright stars in the view: " + inView);
            assertTrue(seen >= inView * 0.9, seen + " of " + inView + " bright stars drawn where they are");
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}

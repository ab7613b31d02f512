package org.vosuite.hips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosuite.common.PythonOracle;
import org.vosuite.hips.build.HipsBuilder;
import org.vosuite.hips.http.HipsRouter;
import org.vosuite.hips.model.HipsTile;
import org.vosuite.hips.write.PropertiesFile;

/**
 * A survey built from three images astropy writes (TAN with SIP, plain TAN, and a RICE-compressed extension; they
 * overlap), checked by independent tools: Hipsgen's LINT (Debian's aladin), and tile values against a reference
 * computed with healpy (pixel centres) and astropy + scipy (the images' WCS, bilinear sampling), at deepest and
 * parent orders. The served survey: CORS, content types, 404s, the HiPS list, and LINT over HTTP.
 */
class HipsGeneratorTest {
    @TempDir
    static Path dir;
    static Path survey;
    static HipsBuilder.Result result;

    @BeforeAll
    static void build() throws Exception {
        Path in = writeInputs(dir, dir.resolve("in"), 1.0);
        survey = dir.resolve("hips/demo-g");
        result = HipsBuilder.build(new HipsOptions(List.of(in), survey, -1, null, null, 256, "equatorial", null,
                List.of("fits", "png"), 2, "Test survey", "ivo://example.org/P/test/g",
                new double[] {4.0e-7, 5.5e-7}, "bilinear", "mean", 512L << 20, false), new java.io.PrintWriter(System.out, true));
    }

    /**
     * Three overlapping 600×600 images (TAN-SIP, TAN, a RICE-compressed extension) of smooth content times
     * {@code scale}, with MJD-OBS and EXPTIME, written by astropy into {@code in}.
     */
    static Path writeInputs(Path work, Path in, double scale) throws Exception {
        Files.createDirectories(in);
        PythonOracle.run(work, "import numpy as np\nfrom astropy.io import fits\nfrom astropy.wcs import WCS",
                "apt-get install python3-astropy", """
                d, scale = open(sys.argv[1]).read().split()
                scale = float(scale)
                n = 600
                yy, xx = np.mgrid[0:n, 0:n]
                for k, (ra, dec, sip, comp) in enumerate([(150.0, 2.0, True, False), (150.05, 2.03, False, False),
                                                          (149.98, 2.06, False, True)]):
                    w = WCS(naxis=2)
                    w.wcs.ctype = ['RA---TAN', 'DEC--TAN']
                    w.wcs.crpix = [n / 2 + 0.5, n / 2 + 0.5]
                    w.wcs.crval = [ra, dec]
                    w.wcs.cd = [[-0.4 / 3600 * np.cos(0.2), 0.4 / 3600 * np.sin(0.2)],
                                [0.4 / 3600 * np.sin(0.2), 0.4 / 3600 * np.cos(0.2)]]
                    h = w.to_header()
                    if sip:
                        h['CTYPE1'] = 'RA---TAN-SIP'
                        h['CTYPE2'] = 'DEC--TAN-SIP'
                        h['A_ORDER'] = 2
                        h['B_ORDER'] = 2
                        h['A_2_0'] = 2e-6
                        h['B_0_2'] = -1.5e-6
                        h['A_1_1'] = 1e-6
                    h['MJD-OBS'] = 60310.1 + k
                    h['EXPTIME'] = 30.0
                    img = (scale * (1000 + 0.5 * xx + 0.3 * yy + 800 * np.exp(-((xx - 200 - 50 * k) ** 2
                           + (yy - 300) ** 2) / (2 * 40.0 ** 2)))).astype(np.float32)
                    if comp:
                        fits.HDUList([fits.PrimaryHDU(), fits.CompImageHDU(np.round(img).astype(np.int32),
                                      header=h, compression_type='RICE_1')]).writeto(d + '/c%d.fits' % k)
                    else:
                        fits.PrimaryHDU(img, header=h).writeto(d + '/i%d.fits' % k)
                open(sys.argv[2], 'w').write('ok\\n')
                """, List.of(in + " " + scale));
        return in;
    }

    @Test
    void orderFollowsTheInputPixels() {
        // 0.4" pixels, 256-pixel tiles: order 11 has 0.403" pixels (not finer than the input's), order 12 0.201"
        assertEquals(11, result.order());
        assertEquals(10, HipsBuilder.orderFor(0.8 / 3600, 256));
        assertEquals(3, HipsBuilder.orderFor(1.0, 512));
    }

    @Test
    void hipsgenLintFindsAHips10Survey() throws Exception {
        List<String> lint = lint(survey.toString());
        String all = String.join("\n", lint);
        try (var s = Files.list(survey)) {
            all += "\n" + s.map(Path::toString).sorted().toList();
        }
        assertTrue(lint.stream().anyMatch(l -> l.contains("IVOA HiPS 1.0 compatible")), all);
        assertTrue(lint.stream().anyMatch(l -> l.contains("is fully IVOA HiPS 1.0 compatible")), all);
        assertTrue(lint.stream().noneMatch(l -> l.contains("WARN") || l.contains("ERROR")), all);
        Map<String, String> p = PropertiesFile.read(survey.resolve("properties"));
        assertEquals("60310.100000", p.get("t_min"));
        assertEquals("11", p.get("hips_order"));
    }

    /** Tiles of the deepest order and one and two orders up, against healpy + astropy + scipy. */
    @Test
    void tileValuesEqualAnIndependentReprojection() throws Exception {
        List<String> lines = new ArrayList<>();
        List<Path> deepest;
        try (var s = Files.walk(survey.resolve("Norder" + result.order()))) {
            deepest = s.filter(p -> p.toString().endsWith(".fits")).sorted().toList();
        }
        assertTrue(deepest.size() >= 4, "tiles: " + deepest.size());
        for (int depth = 0; depth <= 2; depth++) {
            int order = result.order() - depth;
            for (int i = 0; i < deepest.size(); i += Math.max(1, deepest.size() / 5)) {
                long npix = Long.parseLong(deepest.get(i).getFileName().toString().replaceAll("\\D", "")) >> (2
                        * depth);
                Path tile = survey.resolve(new HipsTile(order, npix).path("fits"));
                lines.add(tile + " " + order + " " + npix + " " + depth);
            }
        }
        List<String> out = PythonOracle.run(dir, """
                import glob
                import numpy as np
                import healpy as hp
                from astropy.io import fits
                from astropy.wcs import WCS
                from scipy.ndimage import map_coordinates""", "apt-get install python3-healpy python3-astropy", """
                d, width = '%s', 256
                shift = 8
                images = []
                for f in sorted(glob.glob(d + '/*.fits')):
                    with fits.open(f) as hl:
                        h = [x for x in hl if x.data is not None][0]
                        images.append((WCS(h.header), h.data.astype(np.float64)))
                def sample(order, cells):
                    ra, dec = hp.pix2ang(2 ** order, cells, nest=True, lonlat=True)
                    total = np.zeros(len(cells))
                    count = np.zeros(len(cells))
                    edge = np.zeros(len(cells), bool)
                    for w, data in images:
                        x, y = w.all_world2pix(ra, dec, 0)
                        ny, nx = data.shape
                        inside = (x >= 1) & (y >= 1) & (x <= nx - 2) & (y <= ny - 2)
                        edge |= (x > -2) & (y > -2) & (x < nx + 1) & (y < ny + 1) & ~inside
                        v = map_coordinates(data, [y, x], order=1, mode='nearest')
                        total += np.where(inside, v, 0)
                        count += inside
                    return np.where((count > 0) & ~edge, total / np.maximum(count, 1), np.nan)
                def interleave(ix, iy):
                    r = np.zeros_like(ix)
                    for b in range(shift):
                        r |= ((ix >> b) & 1) << (2 * b) | ((iy >> b) & 1) << (2 * b + 1)
                    return r
                rng = np.random.default_rng(3)
                out = []
                for line in open(sys.argv[1]).read().splitlines():
                    path, order, npix, depth = line.split()
                    order, npix, depth = int(order), int(npix), int(depth)
                    tile = fits.getdata(path).astype(np.float64)
                    col = rng.integers(0, width, 300)
                    row = rng.integers(0, width, 300)
                    cell = npix * 4 ** shift + interleave(width - 1 - row, col)
                    k = 4 ** depth
                    below = (cell[:, None] * k + np.arange(k)[None, :]).ravel()
                    ref = sample(order + shift + depth, below).reshape(-1, k).mean(axis=1)
                    ours = tile[row, col]
                    both = ~np.isnan(ref) & ~np.isnan(ours)
                    diff = np.abs(ours[both] - ref[both]) / ref[both]
                    out.append('%%d %%d %%d %%.3e' %% (order, depth, both.sum(), diff.max() if both.any() else 0))
                open(sys.argv[2], 'w').write('\\n'.join(out) + '\\n')
                """.formatted(dir.resolve("in")), lines);
        System.out.println("tile values vs healpy+astropy (order depth compared maxRelDiff):\n" + String.join("\n",
                out));
        int compared = 0;
        for (String l : out) {
            String[] f = l.split(" ");
            compared += Integer.parseInt(f[2]);
            // bilinear on both sides: the difference is the grid interpolation of positions (deepest) and, for
            // parents, blank children at the images' edges that we leave out and the reference leaves out too
            assertTrue(Double.parseDouble(f[3]) < 2e-4, l);
        }
        assertTrue(compared > 1000, "pixels compared: " + compared);
    }

    @Test
    void servedWithCorsAndListedAndLintedOverHttp() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            Router router = Router.router(vertx);
            HipsRouter.mount(vertx, router, "/hips", survey.getParent());
            HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            String base = "http://127.0.0.1:" + server.actualPort() + "/hips";
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<byte[]> props = http.send(HttpRequest.newBuilder(URI.create(base + "/demo-g/properties"))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, props.statusCode());
            assertEquals("*", props.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
            String tilePath;
            try (var s = Files.walk(survey.resolve("Norder" + result.order()))) {
                tilePath = survey.relativize(s.filter(p -> p.toString().endsWith(".png")).findFirst().orElseThrow())
                        .toString();
            }
            HttpResponse<byte[]> tile = http.send(HttpRequest.newBuilder(URI.create(base + "/demo-g/" + tilePath))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, tile.statusCode());
            assertEquals("image/png", tile.headers().firstValue("Content-Type").orElse(""));
            assertTrue(tile.headers().firstValue("Cache-Control").orElse("").contains("max-age=86400"));
            assertEquals(404, http.send(HttpRequest.newBuilder(URI.create(base + "/demo-g/Norder3/Dir0/Npix700.png"))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode());
            assertEquals(404, http.send(HttpRequest.newBuilder(URI.create(base + "/nosuch/properties")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
            int traversal = http.send(HttpRequest.newBuilder(URI.create(base + "/demo-g/..%2F..%2Fin%2Fi0.fits"))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            assertTrue(traversal == 404 || traversal == 400 || traversal == 403, "traversal: " + traversal);
            String list = http.send(HttpRequest.newBuilder(URI.create(base + "/list")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(list.contains("hips_service_url     = " + base + "/demo-g") && list.contains(
                    "creator_did          = ivo://example.org/P/test/g"), list);
            List<String> lint = lint(base + "/demo-g");
            assertTrue(lint.stream().anyMatch(l -> l.contains("IVOA HiPS 1.0 compatible")), String.join("\n",
                    lint));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    /** Hipsgen's LINT (Debian's aladin package). */
    static List<String> lint(String where) throws Exception {
        Path jar = Path.of("/usr/share/java/aladin.jar");
        assertTrue(Files.exists(jar), "Hipsgen is needed: apt-get install aladin");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Djava.awt.headless=true", "-cp", jar.toString(), "cds.allsky.HipsGen", "out=" + where,
                "LINT").redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File(
                "/dev/null"))).start();
        List<String> lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
                .lines().toList();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS));
        return lines;
    }
}

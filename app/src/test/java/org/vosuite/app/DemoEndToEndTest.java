package org.vosuite.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.vosuite.app.demo.DemoButlerExport;
import org.vosuite.app.demo.DemoImages;
import org.vosuite.common.BrowserScript;
import org.vosuite.common.PythonOracle;

/**
 * {@code vo demo} as a newcomer runs it: a separate process started on a clean data folder (the small size), then
 * every service checked with the clients astronomers use — pyvo (sync, async, upload, DataLink, SODA, with astropy
 * checking that the images show the catalog's stars where the catalog puts them), {@code stilts taplint} and
 * {@code datalinklint}, Hipsgen's LINT on the served surveys, the portal in headless Chromium (screenshots in
 * target/demo-portal/), live ObsCore following a registry change, and a restart that reuses the data.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoEndToEndTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    static Path data;
    static int port;
    static String base;
    static Demo demo;

    /** A running {@code vo demo} process and what it printed. */
    record Demo(Process process, List<String> out, Path err, double readySeconds) {
        void stop() throws InterruptedException {
            process.destroy(); // SIGTERM: the shutdown hooks stop the server, the live ObsCore and PostgreSQL
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "vo demo stops on SIGTERM");
        }
    }

    @BeforeAll
    static void start() throws Exception {
        data = dir.resolve("demo-data");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        base = "http://127.0.0.1:" + port;
        demo = launch("first");
        System.out.printf("vo demo --size small, first run: ready in %.1f s%n", demo.readySeconds());
        String progress = Files.readString(demo.err());
        assertTrue(progress.contains("images: 99/99") && progress.contains("hips: order  9")
                && progress.contains("generated Butler registry and ObsCore"), progress);
    }

    @AfterAll
    static void stop() throws Exception {
        if (demo != null && demo.process().isAlive()) {
            demo.stop();
        }
    }

    /** Starts {@code vo demo} in its own JVM (the launcher's main class on this build's classpath). */
    static Demo launch(String name) throws Exception {
        Path err = dir.resolve("demo-" + name + ".err");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "org.vosuite.app.VoCommand", "demo", "--size", "small",
                "--data-dir", data.toString(), "--port", String.valueOf(port))
                .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    out.add(line);
                    if (line.startsWith("Stop with Ctrl-C")) {
                        ready.countDown();
                    }
                }
            } catch (java.io.IOException e) {
                // the process ended
            }
            ready.countDown();
        });
        reader.setDaemon(true);
        reader.start();
        assertTrue(ready.await(15, TimeUnit.MINUTES), "vo demo became ready");
        assertTrue(p.isAlive(), "vo demo is serving:\n" + String.join("\n", out) + "\n" + Files.readString(err));
        return new Demo(p, out, err, (System.nanoTime() - t0) / 1e9);
    }

    @Test
    @Order(1)
    void theBannerSaysWhereEverythingIs() {
        String all = String.join("\n", demo.out());
        for (String s : List.of("ready: " + base + "/tap", "SODA: " + base + "/soda/sync", "HiPS: " + base
                + "/hips/list", "served at " + base + "/", "pyvo.dal.TAPService(\"" + base + "/tap\")",
                "TAP URL " + base + "/tap")) {
            assertTrue(all.contains(s), s + " in\n" + all);
        }
    }

    /**
     * pyvo against every service; astropy checks a SODA cutout around the brightest catalog objects of an r-band
     * calexp: each is a star whose centroid lies where astropy's SIP WCS puts the catalog position, holding the
     * catalogued r flux.
     */
    @Test
    @Order(2)
    void pyvoQueriesFollowsDataLinkAndCutsOutStarsWhereTheCatalogSays() throws Exception {
        List<String> out = PythonOracle.run(dir, """
                import io
                import numpy as np
                import pyvo
                from astropy.io import fits
                from astropy.wcs import WCS
                from astropy.table import Table""", "apt-get install python3-pyvo python3-astropy", """
                base = open(sys.argv[1]).read().strip()
                tap = pyvo.dal.TAPService(base + '/tap')
                out = []
                res = tap.run_sync("SELECT obs_publisher_did, obs_id, dataproduct_subtype, s_ra, s_dec, s_fov, "
                                   "access_url, access_format, access_estsize, em_min, em_max, t_min, t_max "
                                   "FROM ivoa.ObsCore WHERE obs_id = '00001005_000'")
                row = res[0]
                out.append('sync %d %s %s %d %.3g %.3g' % (len(res), row['dataproduct_subtype'],
                           row['access_format'], row['access_estsize'], row['em_min'], row['em_max']))
                n = tap.run_async("SELECT COUNT(*) AS n FROM demo_dr1.Source").to_table()['n'][0]
                counts = tap.run_async("SELECT dataproduct_subtype, COUNT(*) AS n FROM ivoa.ObsCore "
                                       "GROUP BY dataproduct_subtype ORDER BY dataproduct_subtype").to_table()
                out.append('async %d %s' % (n, ' '.join('%s=%d' % (r['dataproduct_subtype'], r['n'])
                                                        for r in counts)))
                bright = tap.run_sync("SELECT TOP 3 objectId, coord_ra, coord_dec, r_psfFlux FROM demo_dr1.Object "
                                      "WHERE 1 = CONTAINS(POINT('ICRS', coord_ra, coord_dec), CIRCLE('ICRS', %f, %f, "
                                      "0.12)) ORDER BY r_psfFlux DESC" % (row['s_ra'], row['s_dec'])).to_table()
                up = Table({'ra': np.array(bright['coord_ra']), 'dec': np.array(bright['coord_dec']),
                            'tag': np.arange(len(bright))})
                m = tap.run_sync("SELECT u.tag, o.objectId FROM TAP_UPLOAD.mine AS u JOIN demo_dr1.Object AS o "
                                 "ON 1 = CONTAINS(POINT('ICRS', o.coord_ra, o.coord_dec), "
                                 "CIRCLE('ICRS', u.ra, u.dec, 0.00003)) ORDER BY u.tag", uploads={'mine': up}).to_table()
                out.append('upload %d %s' % (len(m), list(m['objectId']) == list(bright['objectId'])))
                links = row.getdatalink()
                out.append('datalink ' + ' '.join(sorted(set(links['semantics']))))
                this = next(links.bysemantics('#this', include_narrower=False))
                data = this.getdataset().read()
                out.append('this %d %d %s' % (len(data), this.content_length, data[:6].decode()))
                proc = links.get_first_proc()
                for obj in bright:
                    cut = proc.processed(circle=(obj['coord_ra'], obj['coord_dec'], 0.003)).read()
                    with fits.open(io.BytesIO(cut)) as h:
                        img = h[0].data.astype(float)
                        w = WCS(h[0].header)
                    x, y = w.all_world2pix([[obj['coord_ra'], obj['coord_dec']]], 0)[0]
                    yy, xx = np.mgrid[0:img.shape[0], 0:img.shape[1]]
                    near = (xx - x) ** 2 + (yy - y) ** 2 <= 100
                    s = img[near].sum()
                    cx = (img[near] * xx[near]).sum() / s
                    cy = (img[near] * yy[near]).sum() / s
                    out.append('star %.4f %.4f %.1f %.1f' % (cx - x, cy - y, s, obj['r_psfFlux']))
                open(sys.argv[2], 'w').write('\\n'.join(out) + '\\n')
                """, List.of(base));
        String all = String.join("\n", out);
        System.out.println(all);
        assertTrue(out.get(0).matches("sync 1 lsst.calexp application/x-votable\\+xml;content=datalink "
                + "1\\d{4} 5.52e-07 6.91e-07"), all);
        assertTrue(out.get(1).equals("async 200000 lsst.calexp=48 lsst.deepCoadd=3 lsst.raw=48"), all);
        assertEquals("upload 3 True", out.get(2), all);
        assertEquals("datalink #cutout #documentation #preview #progenitor #this", out.get(3), all);
        assertTrue(out.get(4).matches("this (\\d+) \\1 SIMPLE"), all);
        List<String> stars = out.stream().filter(l -> l.startsWith("star ")).toList();
        assertEquals(3, stars.size(), all);
        for (String star : stars) {
            String[] f = star.split(" ");
            double dx = Double.parseDouble(f[1]);
            double dy = Double.parseDouble(f[2]);
            double sum = Double.parseDouble(f[3]);
            double flux = Double.parseDouble(f[4]);
            assertTrue(Math.hypot(dx, dy) < 0.1, "the star sits where astropy puts the catalog position: " + star);
            // a 10-pixel aperture holds all of a star and 99.99% of a galaxy (σ ≤ 2.3 px); its noise is
            // 12 nJy × √314 ≈ 210 nJy
            assertEquals(flux, sum, 0.01 * flux + 1100, "the star holds the catalog flux: " + star);
        }
    }

    /** The IVOA validators on the served services. */
    @Test
    @Order(3)
    void taplintAndDatalinklintAcceptTheServices() throws Exception {
        List<String> lint = DemoReleaseTest.runClient(List.of("stilts", "taplint", "tapurl=" + base + "/tap",
                "stages=TMV TME TMS TMC CPV CAP AVV QGE QPO QAS UWS MDQ OBS UPL EXA"));
        String totals = lint.stream().filter(l -> l.startsWith("Totals:")).findFirst().orElse("no totals");
        assertEquals("Totals: Errors: 0; Warnings: 0", totals.replaceAll("; Infos.*", ""), String.join("\n",
                lint.stream().filter(l -> l.matches("^[EWF]-.*")).toList()));
        String ids = csv("SELECT obs_publisher_did FROM ivoa.ObsCore WHERE obs_id IN ('00001005_000', "
                + "'DC_O_20251117_001005_000', '0_0_r') ORDER BY obs_id").lines().skip(1)
                .map(id -> "ID=" + URLEncoder.encode(id.replace("\"", ""), StandardCharsets.UTF_8))
                .reduce((a, b) -> a + "&" + b).orElseThrow();
        assertEquals(3, ids.split("&").length, ids);
        List<String> dl = DemoReleaseTest.runClient(List.of("stilts", "datalinklint", "votable=" + base
                + "/datalink/links?" + ids));
        // Debian's stilts 3.4.7 knows only the DataLink 1.0 terms: #documentation rows are its only errors
        long documentation = dl.stream().filter(l -> l.matches("^E-SMCO-\\d+ Unknown predicate 'documentation'.*"))
                .count();
        assertEquals(3, documentation, String.join("\n", dl));
        assertTrue(dl.stream().anyMatch(l -> l.startsWith("Totals: Errors: 3; Warnings: 0;")), String.join("\n", dl));
    }

    /** Hipsgen's LINT reads every served survey over HTTP: the three bands and the colour survey. */
    @Test
    @Order(4)
    void hipsgenLintsTheServedSurveys() throws Exception {
        String list = get("/hips/list");
        for (String survey : List.of("g", "r", "i", "color")) {
            assertTrue(list.matches("(?s).*hips_service_url\\s*= " + base + "/hips/" + survey + "\n.*"), list);
            List<String> lint = DemoReleaseTest.runClient(List.of(Path.of(System.getProperty("java.home"), "bin",
                    "java").toString(), "-Xmx512m", "-Djava.awt.headless=true", "-cp", "/usr/share/java/aladin.jar",
                    "cds.allsky.HipsGen", "out=" + base + "/hips/" + survey, "LINT"));
            String all = String.join("\n", lint);
            assertTrue(all.contains("is fully IVOA HiPS 1.0 compatible"), all);
            assertTrue(lint.stream().noneMatch(l -> l.contains("WARN") || l.contains("ERROR")), all);
        }
    }

    /**
     * The portal in Debian's headless Chromium (playwright-core): survey tiles and footprints drawn, an example
     * query's table, a bad query's error as the service wrote it, a click on the sky running a cone search, a
     * row's DataLink links and a SODA cutout, and catalog sources when zoomed in.
     */
    @Test
    @Order(5)
    void thePortalShowsTheReleaseInHeadlessChromium() throws Exception {
        Path shots = Files.createDirectories(Path.of("target/demo-portal").toAbsolutePath());
        List<String> out = BrowserScript.run("portal.mjs", 600, base, shots.toString());
        String json = out.get(out.size() - 1);
        System.out.println("portal: " + json);
        System.out.println("portal screenshots: " + shots);
        assertTrue(json.matches("(?s).*\"name\":\"sky\",\"tiles\":[1-9]\\d*,\"footprints\":99,.*"), json);
        assertTrue(json.contains("\"surveys\":[\"Demo DR1 colour (i, r, g)\",\"Demo DR1 g band\",\"Demo DR1 i band\","
                + "\"Demo DR1 r band\"]"), json);
        assertTrue(json.matches("(?s).*\"name\":\"example\",\"example\":\"A first look at ivoa.ObsCore\","
                + "\"examples\":\\d+,\"rows\":10,.*\"error\":null.*"), json);
        assertTrue(json.contains("\"name\":\"error\",\"error\":\"line 1, column 21: Object 'NoSuchTable' not found "
                + "within 'ivoa'   (HTTP 400)\""), json);
        assertTrue(json.matches("(?s).*\"name\":\"cone\",.*CONTAINS\\(POINT\\('ICRS', s_ra, s_dec\\).*"
                + "\"rows\":[1-9]\\d*\\}.*"), json);
        assertTrue(json.contains("\"links\":[\"#this\",\"#preview\",\"#cutout\",\"#cutout\",\"#progenitor\","
                + "\"#documentation\"]"), json);
        assertTrue(json.matches("(?s).*\"cutout\":\\{\"url\":\"" + base + "/soda/sync\\?ID=[^\"]+&CIRCLE=[^\"]+\","
                + "\"width\":\\d{3},\"height\":\\d{3},\"bytes\":\\d+\\}.*"), json);
        assertTrue(json.matches("(?s).*\"preview\":\\{\"complete\":true,\"width\":1024\\}.*"), json);
        assertTrue(json.matches("(?s).*\"name\":\"sources\",\"sources\":[1-9]\\d*\\}.*"), json);
        assertTrue(json.matches("(?s).*\"failed\":\\[(\\{\"path\":\"/tap/sync\",\"status\":400\\})?\\],"
                + "\"unreachable\":\\[\\].*"), "only the bad query failed, and the page asked nothing of other hosts: "
                + json);
        // the only page errors: the npm copy of Aladin Lite is an ES module, which the page first tries as the
        // CDS's classic script
        assertTrue(json.endsWith("\"errors\":[\"Uncaught SyntaxError: Unexpected token 'export'\",\"Script error.\"]}"),
                json);
        assertTrue(json.matches("(?s).*\"name\":\"survey\",\"tiles\":[1-9]\\d*\\}.*"), "the g survey's tiles: "
                + json);
        for (String shot : List.of("1-sky.png", "2-example-query.png", "3-datalink-cutout.png", "4-sources.png")) {
            assertTrue(Files.size(shots.resolve(shot)) > 20_000, shot);
        }
    }

    /**
     * Live ObsCore: a calexp registered in a new run of the demo registry with {@code vo obscore import-export}
     * while the demo serves shows up in TAP, and leaves when its dataset is deleted.
     */
    @Test
    @Order(6)
    void liveObsCoreFollowsTheRegistry() throws Exception {
        String registry = "jdbc:sqlite:" + data.resolve("repo/gen3.sqlite3");
        String id = DemoButlerExport.datasetId("calexp", "rerun-1005-0").toString();
        Path export = dir.resolve("rerun.yaml");
        Files.writeString(export, """
                description: Butler Data Repository Export
                version: 1.0.2
                universe_version: 7
                universe_namespace: daf_butler
                data:
                - {type: collection, collection_type: RUN, name: demo/runs/calexp-rerun, doc: a rerun, host: null, timespan_begin: null, timespan_end: null}
                - type: dataset
                  dataset_type: calexp
                  run: demo/runs/calexp-rerun
                  records:
                  - dataset_id: [!uuid '%s']
                    data_id: [{instrument: DemoCam, detector: 0, visit: 1005}]
                    path: %s
                    formatter: demo.FitsFormatter
                """.formatted(id, DemoImages.calexpPath(1005, 0)));
        var cli = VoCommand.commandLine(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(
                System.err, true));
        assertEquals(0, cli.execute("obscore", "import-export", export.toString(), "--registry", registry,
                "--directory", data.resolve("repo").toString()));
        String query = "SELECT COUNT(*) FROM ivoa.ObsCore WHERE obs_publisher_did LIKE '%" + id + "'";
        assertTrue(waitForCount(query, "1"), "the new calexp appears in ObsCore");
        try (Connection c = DriverManager.getConnection(registry); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>(List.of("file_datastore_records"));
            try (var rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE "
                    + "'dataset_tags_%'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            String hex = id.replace("-", "");
            for (String t : tables) {
                s.executeUpdate("DELETE FROM " + t + " WHERE dataset_id = '" + hex + "'");
            }
            // the count includes the outbox row the registry's trigger writes
            assertTrue(s.executeUpdate("DELETE FROM dataset WHERE id = '" + hex + "'") >= 1);
        }
        assertTrue(waitForCount(query, "0"), "the deleted calexp leaves ObsCore");
    }

    /** Stopped and started again on the same folder: nothing rebuilt, the same rows, serving again. */
    @Test
    @Order(7)
    void aRestartReusesTheDataFolder() throws Exception {
        Path calexp = data.resolve("repo").resolve(DemoImages.calexpPath(1001, 0));
        var written = Files.getLastModifiedTime(calexp);
        String before = csv("SELECT COUNT(*) FROM ivoa.ObsCore");
        demo.stop();
        demo = launch("second");
        System.out.printf("vo demo --size small, second run: ready in %.1f s%n", demo.readySeconds());
        assertTrue(Files.readString(demo.err()).contains("reusing the release built earlier"),
                Files.readString(demo.err()));
        assertEquals(written, Files.getLastModifiedTime(calexp), "the images were not rendered again");
        assertEquals(before, csv("SELECT COUNT(*) FROM ivoa.ObsCore"));
        assertTrue(get("/hips/color/properties").contains("creator_did"));
    }

    private static boolean waitForCount(String query, String expected) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (csv(query).lines().skip(1).findFirst().orElse("").equals(expected)) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    static String csv(String adql) throws Exception {
        return get("/tap/sync?REQUEST=doQuery&LANG=ADQL&RESPONSEFORMAT=csv&QUERY=" + URLEncoder.encode(adql,
                StandardCharsets.UTF_8));
    }

    static String get(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return r.body();
    }
}

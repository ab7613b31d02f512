package org.vosuite.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
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
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.vosuite.app.demo.DemoCatalog;
import org.vosuite.app.demo.DemoRelease;
import org.vosuite.app.demo.DemoServices;
import org.vosuite.app.server.SuiteServer;
import org.vosuite.common.PythonOracle;
import org.vosuite.common.db.EmbeddedDatabase;
import org.vosuite.common.http.BearerTokens;
import org.vosuite.common.uws.JobManager;

/**
 * The small demo release built into the embedded PostgreSQL (once for the class) and served over HTTP, as
 * `./vo demo --size small` does: sync and async queries, pyvo with an uploaded cross-match checked by brute force,
 * and a server process killed while a job executes.
 */
class DemoReleaseTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    static EmbeddedDatabase db;
    static String url;

    @BeforeAll
    static void build() throws Exception {
        PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
        db = EmbeddedDatabase.start(dir.resolve("pg"), 0);
        url = db.ensureDatabase("demo");
        assertFalse(DemoRelease.isBuilt(url, DemoCatalog.Size.SMALL));
        DemoRelease.build(url, DemoCatalog.Size.SMALL, quiet);
        assertTrue(DemoRelease.isBuilt(url, DemoCatalog.Size.SMALL));
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    static SuiteServer serve(String jobs) throws Exception {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        return SuiteServer.start(new SuiteServer.Settings("127.0.0.1", 0, "TAP_SCHEMA", DemoCommand.DEMO_LIMITS, 4,
                JobManager.Settings.DEFAULT, dir.resolve(jobs), BearerTokens.NONE), ds);
    }

    @Test
    void sodaAndDatalinkServeTheDatasetsObsCorePublishes() throws Exception {
        Path repo = dir.resolve("repo");
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort(); // ObsCore's access_url needs the server's URL before it starts
        }
        String base = "http://127.0.0.1:" + port;
        List<SodaCutouts.Row> rows = SodaCutouts.prepare(url, repo, base + "/datalink/links");
        assertTrue(rows.size() >= 8, "datasets with files: " + rows.size());
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        SuiteServer.Services services = new SuiteServer.Services(new SuiteServer.SodaSettings(
                SodaCutouts.registryUrl(repo), repo, List.of(repo), 50_000_000L), new SuiteServer.DatalinkOptions(
                DataLinks.MAX_IDS, null, "demo", dir.resolve("previews"), DemoServices.queries()),
                DemoServices.manifest(), DemoServices.docs(), null, null);
        try (SuiteServer server = SuiteServer.start(new SuiteServer.Settings("127.0.0.1", port, "TAP_SCHEMA",
                DemoCommand.DEMO_LIMITS, 4, JobManager.Settings.DEFAULT, dir.resolve("soda-jobs"), BearerTokens.NONE),
                ds, services)) {
            assertEquals(base, server.baseUrl());
            SodaCutouts.check(server.baseUrl() + "/soda", rows, dir, repo);
            DataLinks.check(server.baseUrl(), rows, dir, repo);
        }
    }

    @Test
    void servesTheReleaseAndASecondStartReusesIt() throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*), min(coord_ra) >= 150, max(coord_ra) <= 170, "
                        + "(SELECT count(*) FROM demo_dr1.\"Source\") FROM demo_dr1.\"Object\"")) {
            rs.next();
            assertEquals(100_000, rs.getLong(1));
            assertTrue(rs.getBoolean(2) && rs.getBoolean(3));
            assertEquals(200_000, rs.getLong(4));
        }
        try (SuiteServer server = serve("jobs-serve")) {
            String q = "SELECT TOP 5 o.objectId, o.coord_ra, s.sourceId FROM demo_dr1.Object AS o JOIN "
                    + "demo_dr1.Source AS s ON s.objectId = o.objectId WHERE o.coord_dec BETWEEN 0 AND 1 "
                    + "ORDER BY o.objectId";
            HttpResponse<String> r = csv(server, q);
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(6, r.body().split("\n").length, r.body());
            assertTrue(r.body().startsWith("objectId,coord_ra,sourceId\n"), r.body());
            // ObsCore from the DemoCam registry: a cone on the image centres finds the images of detector 1 of
            // visit 100 (centred on 160.1, -2) and detector 0 of visit 101 (160.2, -2), raw and calexp, and the
            // coadd of patch 1 (160.15, -2)
            String cone = "SELECT obs_id, dataproduct_subtype, lsst_visit, lsst_detector FROM ivoa.ObsCore WHERE "
                    + "1 = CONTAINS(POINT('ICRS', s_ra, s_dec), CIRCLE('ICRS', 160.15, -2.0, 0.06)) ORDER BY "
                    + "dataproduct_subtype, lsst_visit";
            HttpResponse<String> images = csv(server, cone);
            assertEquals("obs_id,dataproduct_subtype,lsst_visit,lsst_detector\n"
                    + "00000100_001,lsst.calexp,100,1\n00000101_000,lsst.calexp,101,0\n0_1_g,lsst.deepCoadd,,\n"
                    + "DC_O_20250101_000100,lsst.raw,100,1\nDC_O_20250101_000101,lsst.raw,101,0\n", images.body());
        }
        // A second start finds the release and does not rebuild it.
        assertTrue(DemoRelease.isBuilt(db.ensureDatabase("demo"), DemoCatalog.Size.SMALL));
        assertFalse(DemoRelease.isBuilt(db.ensureDatabase("demo"), DemoCatalog.Size.MEDIUM));
    }

    /** A sync TAP query over HTTP GET, as CSV. */
    static HttpResponse<String> csv(SuiteServer server, String adql) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/tap/sync?LANG=ADQL&RESPONSEFORMAT="
                + "csv&QUERY=" + URLEncoder.encode(adql, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The clients' own checks against the served release: {@code stilts taplint} with every stage that applies
     * (sync, async/UWS, uploads, metadata, capabilities, examples, ObsCore) must report no error and no warning;
     * TOPCAT's TAP metadata reader (Debian's starlink-vo, which topcat and stilts share) must list every table with
     * its columns, units and foreign keys, as TOPCAT's table browser shows them.
     */
    @Test
    void taplintAndTopcatsMetadataReaderAcceptTheService() throws Exception {
        try (SuiteServer server = serve("jobs-taplint")) {
            String tap = server.baseUrl() + "/tap";
            List<String> lint = runClient(List.of("stilts", "taplint", "tapurl=" + tap,
                    "stages=TMV TME TMS TMC CPV CAP AVV QGE QPO QAS UWS MDQ OBS UPL EXA"));
            String totals = lint.stream().filter(l -> l.startsWith("Totals:")).findFirst().orElse("no totals");
            List<String> problems = lint.stream().filter(l -> l.matches("^[EWF]-.*")).toList();
            assertEquals("Totals: Errors: 0; Warnings: 0", totals.replaceAll("; Infos.*", ""), String.join("\n",
                    problems));
            Path browse = dir.resolve("TopcatBrowse.java");
            try (var in = DemoReleaseTest.class.getResourceAsStream("/clients/TopcatBrowse.java")) {
                Files.copy(in, browse);
            }
            List<String> tables = runClient(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-cp", "/usr/share/java/starlink-ttools.jar", browse.toString(), tap));
            String all = String.join("\n", tables);
            assertTrue(all.contains("reader VOSI-1.1"), all);
            assertTrue(all.contains("table demo_dr1.Object columns 51 units "), all);
            assertTrue(all.contains("table demo_dr1.Source columns 21 units ") && all.contains("table ivoa.ObsCore "
                    + "columns 39") && all.contains("table TAP_SCHEMA.columns columns 14"), all);
            assertTrue(all.matches("(?s).*table demo_dr1.Source columns 21 units [1-9]\\d* keys 2 description true.*"),
                    all);
        }
    }

    /** Runs a client program (Debian's stilts or starlink jars: `apt-get install stilts`), its output as lines. */
    static List<String> runClient(List<String> command) throws Exception {
        Process p;
        try {
            // stdin closed: a client that would prompt for a missing parameter fails instead of waiting
            p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (java.io.IOException e) {
            throw new AssertionError(command.get(0) + " is needed for this test: apt-get install stilts", e);
        }
        List<String> lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
                .lines().toList();
        assertTrue(p.waitFor(600, TimeUnit.SECONDS), "the client finished");
        assertEquals(0, p.exitValue(), String.join("\n", lines));
        return lines;
    }

    /**
     * pyvo (Debian's python3-pyvo) runs an async query, then uploads 10,000 targets (half within 0.5" of a catalog
     * object, half random) and cross-matches them at 1" with run_async(uploads=...); the pairs are compared with a
     * brute-force computation of every target-object distance (numpy, unit vectors) in the same script.
     */
    @Test
    void pyvoAsyncAndAnUploadedCrossMatchAgreeWithBruteForce() throws Exception {
        try (SuiteServer server = serve("jobs-pyvo")) {
            List<String> out = PythonOracle.run(dir, "import numpy as np\nimport pyvo\n"
                    + "from astropy.table import Table", "apt-get install python3-pyvo python3-astropy", """
                    url = open(sys.argv[1]).read().strip()
                    tap = pyvo.dal.TAPService(url)
                    cat = tap.run_async("SELECT objectId, coord_ra, coord_dec FROM demo_dr1.Object",
                                        maxrec=200000).to_table()
                    n = len(cat)
                    rng = np.random.default_rng(20261121)
                    pick = rng.choice(n, 5000, replace=False)
                    ra = np.concatenate([np.asarray(cat['coord_ra'])[pick] + rng.uniform(-1, 1, 5000) * 0.3 / 3600,
                                         rng.uniform(150, 170, 5000)])
                    dec = np.concatenate([np.asarray(cat['coord_dec'])[pick] + rng.uniform(-1, 1, 5000) * 0.3 / 3600,
                                          rng.uniform(-10, 5, 5000)])
                    targets = Table({'id': np.arange(10000, dtype=np.int32), 'ra': ra, 'dec': dec})
                    got = tap.run_async(
                        "SELECT u.id, o.objectId FROM TAP_UPLOAD.targets AS u JOIN demo_dr1.Object AS o "
                        "ON 1 = CONTAINS(POINT('ICRS', o.coord_ra, o.coord_dec), CIRCLE('ICRS', u.ra, u.dec, "
                        "1.0 / 3600))", uploads={'targets': targets}, maxrec=100000).to_table()
                    got = set(zip(np.asarray(got['id']).tolist(), np.asarray(got['objectid' if 'objectid' in
                              got.colnames else 'objectId']).tolist()))
                    def unit(r, d):
                        r, d = np.radians(r), np.radians(d)
                        return np.stack([np.cos(d) * np.cos(r), np.cos(d) * np.sin(r), np.sin(d)], axis=1)
                    c = unit(np.asarray(cat['coord_ra']), np.asarray(cat['coord_dec']))
                    t = unit(ra, dec)
                    limit = np.cos(np.radians(1.0 / 3600))
                    ids = np.asarray(cat['objectId'])
                    expected = set()
                    for i in range(0, 10000, 500):
                        dots = t[i:i + 500] @ c.T
                        a, b = np.nonzero(dots >= limit)
                        expected.update(zip((a + i).tolist(), ids[b].tolist()))
                    with open(sys.argv[2], 'w') as f:
                        f.write('%d\\n%d\\n%d\\n%d\\n' % (n, len(expected), len(got), len(expected ^ got)))
                    """, List.of(server.baseUrl() + "/tap"));
            assertEquals(100_000, Integer.parseInt(out.get(0)), "pyvo run_async read the whole catalog");
            int expected = Integer.parseInt(out.get(1));
            assertTrue(expected >= 5000, "every near target has its object: " + expected);
            assertEquals(expected, Integer.parseInt(out.get(2)), "pairs found by the service");
            assertEquals(0, Integer.parseInt(out.get(3)), "pairs differing from brute force");
        }
    }

    /**
     * `vo serve` in its own process: a job executes, the process is killed (SIGKILL), a new process on the same
     * database and jobs folder finds that job in ERROR with the reason, and the other jobs as they were.
     */
    @Test
    void aKilledServerLeavesNoJobExecutingAndLosesNothing() throws Exception {
        Path config = dir.resolve("serve.yaml");
        int port;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Files.writeString(config, "server: {host: 127.0.0.1, port: " + port + "}\ndatabase: {url: \"" + url
                + "\"}\nasync: {jobsDir: jobs-kill, maxRunning: 1}\n");
        String base = "http://127.0.0.1:" + port + "/tap/async";
        Process p = startServer(config);
        String done;
        String pending;
        String running;
        try {
            done = create(base, "SELECT TOP 3 objectId FROM demo_dr1.Object ORDER BY objectId", true);
            assertTrue(waitFor(done, "COMPLETED"));
            pending = create(base, "SELECT TOP 1 objectId FROM demo_dr1.Object", false);
            running = create(base, "SELECT COUNT(*) AS n FROM demo_dr1.Object AS a, demo_dr1.Object AS b", true);
            assertTrue(waitFor(running, "EXECUTING"));
        } finally {
            p.destroyForcibly(); // SIGKILL: no shutdown hook runs
            p.waitFor(30, TimeUnit.SECONDS);
        }
        cancelOrphans();
        Process again = startServer(config);
        try {
            assertEquals("ERROR", get(running + "/phase").trim());
            assertTrue(get(running).contains("restarted"), "the job says why it failed");
            assertEquals("COMPLETED", get(done + "/phase").trim());
            assertTrue(get(done + "/results/result").contains("<TABLE"), "the result survived");
            assertEquals("PENDING", get(pending + "/phase").trim());
            assertTrue(get(base).contains(pending));
        } finally {
            again.destroy();
            again.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static Process startServer(Path config) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "org.vosuite.app.VoCommand", "serve", "--config",
                config.toString()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("ready: ")) {
                Thread drain = new Thread(() -> {
                    try {
                        out.transferTo(java.io.Writer.nullWriter());
                    } catch (java.io.IOException ignored) {
                        // the process ended
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return p;
            }
        }
        throw new AssertionError("the server process ended before it was ready (exit " + p.waitFor() + ")");
    }

    /** The killed process's statement still runs in PostgreSQL until it notices; stop it. */
    private static void cancelOrphans() throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE query LIKE '%AS \"b\"%' AND pid "
                    + "<> pg_backend_pid()");
        }
    }

    private static String create(String base, String query, boolean run) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base)).header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("LANG=ADQL&QUERY="
                        + URLEncoder.encode(query, StandardCharsets.UTF_8) + (run ? "&PHASE=RUN" : ""))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(303, r.statusCode(), r.body());
        return r.headers().firstValue("Location").orElseThrow();
    }

    private static String get(String u) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(u)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static boolean waitFor(String job, String phase) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (get(job + "/phase").trim().equals(phase)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }
}

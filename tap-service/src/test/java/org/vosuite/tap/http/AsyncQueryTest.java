package org.vosuite.tap.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.vosuite.common.http.BearerTokens;
import org.vosuite.common.uws.JobManager;
import org.vosuite.common.uws.JobStore;
import org.vosuite.common.uws.LocalResultStore;
import org.vosuite.tap.TapLimits;
import org.vosuite.tap.TapService;
import org.vosuite.tap.exec.AsyncQueries;
import org.vosuite.tap.upload.UploadLimits;
import uk.ac.starlink.table.StarTable;

/**
 * Async TAP (UWS 1.1) and uploads over real HTTP against a real PostgreSQL: the job life cycle, WAIT, ABORT and the
 * execution duration cancelling the running statement, one job at a time with the rest QUEUED, persistence across
 * a restart of the job manager, bearer tokens, and inline uploads (good and hostile) in sync and async.
 */
class AsyncQueryTest {
    static final String ALICE = "Bearer tok-alice";
    static final String BOB = "Bearer tok-bob";
    /** 50^5 rows to count: long enough to be caught executing, aborted or timed out. */
    static final String SLOW = "SELECT COUNT(*) AS n FROM demo_dr1.Object AS a, demo_dr1.Object AS b, "
            + "demo_dr1.Object AS c, demo_dr1.Object AS d, demo_dr1.Object AS e, demo_dr1.Object AS f";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static Vertx vertx;
    static HttpServer server;
    static String base;
    static String jdbcUrl;
    static PGSimpleDataSource ds;
    static TapService tap;
    static JobManager jobs;
    static Path jobsDir;

    @BeforeAll
    static void start() throws Exception {
        jdbcUrl = DemoDatabase.create();
        ds = org.vosuite.common.db.PostgresDataSources.of(jdbcUrl, null, null);
        tap = TapService.adqlOnPostgres(ds, "TAP_SCHEMA", new TapLimits(1000, 10_000, Duration.ofSeconds(30),
                new UploadLimits(100, 20_000, false, List.of())));
        jobsDir = Files.createTempDirectory("tap-jobs");
        jobs = newManager();
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        TapRouter.mount(vertx, router, "/tap", tap, 4, new TapRouter.Async(jobs, BearerTokens.of(Map.of(
                "tok-alice", "alice", "tok-bob", "bob"))));
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").toCompletionStage()
                .toCompletableFuture().get();
        base = "http://127.0.0.1:" + server.actualPort() + "/tap";
    }

    static JobManager newManager() throws Exception {
        JobManager m = new JobManager("tap", new JobStore(ds), new LocalResultStore(jobsDir), new AsyncQueries(tap),
                new JobManager.Settings(1, Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofDays(1),
                        Duration.ofDays(2), Duration.ofSeconds(5)));
        m.start();
        return m;
    }

    @AfterAll
    static void stop() throws Exception {
        jobs.close();
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    static HttpResponse<String> send(HttpRequest.Builder b, String auth) throws Exception {
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String url, String auth) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)), auth);
    }

    static HttpResponse<String> post(String url, String form, String auth) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)), auth);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Creates a job (303 to it) and returns its URL. */
    static String create(String query, String extra, String auth) throws Exception {
        HttpResponse<String> r = post(base + "/async", "LANG=ADQL&QUERY=" + enc(query) + extra, auth);
        assertEquals(303, r.statusCode(), r.body());
        return r.headers().firstValue("Location").orElseThrow();
    }

    static String phase(String job, String auth) throws Exception {
        return get(job + "/phase", auth).body().trim();
    }

    /** Blocks with UWS WAIT until the job leaves the active phases (or 30 s). */
    static String waitDone(String job, String auth) throws Exception {
        for (int i = 0; i < 10; i++) {
            String doc = get(job + "?WAIT=5", auth).body();
            String p = tag(doc, "phase");
            if (!List.of("PENDING", "QUEUED", "EXECUTING").contains(p)) {
                return p;
            }
        }
        return phase(job, auth);
    }

    static String tag(String xml, String name) {
        Matcher m = Pattern.compile("<uws:" + name + ">([^<]*)</uws:" + name + ">").matcher(xml);
        return m.find() ? m.group(1) : null;
    }

    static StarTable result(String job) throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(job + "/results/result")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        return SyncQueryTest.votable(r.body());
    }

    /** Whether PostgreSQL is running a statement containing this text. */
    static boolean databaseRuns(String text) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND "
                        + "query LIKE '%" + text + "%' AND pid <> pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }

    @Test
    void jobLifeCycle() throws Exception {
        String job = create("SELECT objectId, coord_ra FROM demo_dr1.Object WHERE objectId <= 3 ORDER BY objectId",
                "&RUNID=life", null);
        String doc = get(job, null).body();
        assertEquals("PENDING", tag(doc, "phase"));
        assertEquals("life", tag(doc, "runId"));
        assertTrue(doc.contains("version=\"1.1\"") && doc.contains("<uws:parameter id=\"QUERY\">"), doc);
        // parameters can change while PENDING
        assertEquals(303, post(job + "/parameters", "MAXREC=2", null).statusCode());
        assertEquals(303, post(job + "/executionduration", "EXECUTIONDURATION=30", null).statusCode());
        assertEquals("30", get(job + "/executionduration", null).body().trim());
        assertEquals(303, post(job + "/destruction", "DESTRUCTION=2099-01-01T00:00:00Z", null).statusCode());
        assertFalse(get(job + "/destruction", null).body().startsWith("2099"), "capped to the maximum lifetime");
        assertEquals("", get(job + "/quote", null).body().trim());
        assertEquals(200, get(job + "/owner", null).statusCode());
        HttpResponse<String> run = post(job + "/phase", "PHASE=RUN", null);
        assertEquals(303, run.statusCode());
        assertEquals(job, run.headers().firstValue("Location").orElseThrow());
        assertEquals("COMPLETED", waitDone(job, null));
        StarTable t = result(job);
        assertEquals(2, t.getRowCount(), "MAXREC=2 posted to the parameters");
        String results = get(job + "/results", null).body();
        assertTrue(results.contains("id=\"result\"") && results.contains(job + "/results/result"), results);
        assertEquals(409, post(job + "/parameters", "MAXREC=5", null).statusCode(), "no changes once finished");
        assertEquals(400, post(job + "/phase", "PHASE=SLEEP", null).statusCode());
        assertEquals(404, get(job + "/error", null).statusCode(), "a completed job has no error");
        // DELETE answers 303 to the list; the job and its files are gone
        HttpResponse<String> del = send(HttpRequest.newBuilder(URI.create(job)).DELETE(), null);
        assertEquals(303, del.statusCode());
        assertEquals(base + "/async", del.headers().firstValue("Location").orElseThrow());
        assertEquals(404, get(job, null).statusCode());
        assertFalse(Files.exists(jobsDir.resolve(job.substring(job.lastIndexOf('/') + 1))));
        // POST ACTION=DELETE does the same
        String other = create("SELECT TOP 1 objectId FROM demo_dr1.Object", "", null);
        assertEquals(303, post(other, "ACTION=DELETE", null).statusCode());
        assertEquals(404, get(other, null).statusCode());
        assertEquals(404, get(base + "/async/nosuchjob", null).statusCode());
    }

    @Test
    void phaseRunAtCreationAndErrorsAsJobErrors() throws Exception {
        String job = create("SELECT nosuch FROM demo_dr1.Object", "&PHASE=RUN", null);
        assertEquals("ERROR", waitDone(job, null));
        String doc = get(job, null).body();
        assertTrue(doc.contains("<uws:errorSummary") && doc.contains("nosuch"), doc);
        HttpResponse<String> err = get(job + "/error", null);
        assertEquals(200, err.statusCode());
        assertTrue(err.body().contains("QUERY_STATUS") && err.body().contains("nosuch"), err.body());
        String noLang = post(base + "/async", "QUERY=x&PHASE=RUN", null).headers().firstValue("Location")
                .orElseThrow();
        assertEquals("ERROR", waitDone(noLang, null));
        assertTrue(get(noLang, null).body().contains("missing LANG"));
    }

    @Test
    void abortAndExecutionDurationCancelTheStatementAndJobsQueue() throws Exception {
        String slow = create(SLOW, "&PHASE=RUN", null);
        String queued = create("SELECT TOP 1 objectId FROM demo_dr1.Object", "&PHASE=RUN", null);
        // WAIT with PHASE: returns once the job is no longer QUEUED
        get(slow + "?WAIT=5&PHASE=QUEUED", null);
        assertEquals("EXECUTING", phase(slow, null));
        assertEquals("QUEUED", phase(queued, null), "one job at a time (maxRunning 1): the second waits");
        long t0 = System.nanoTime();
        String waited = get(slow + "?WAIT=1", null).body();
        assertEquals("EXECUTING", tag(waited, "phase"));
        assertTrue(System.nanoTime() - t0 >= 900_000_000L, "WAIT=1 blocked for about a second");
        assertTrue(databaseRuns("demo_dr1"));
        assertEquals(303, post(slow + "/phase", "PHASE=ABORT", null).statusCode());
        assertEquals("ABORTED", phase(slow, null));
        assertEquals("COMPLETED", waitDone(queued, null), "the queued job ran once the slot was free");
        for (int i = 0; i < 50 && databaseRuns("AS \"f\""); i++) {
            Thread.sleep(100);
        }
        assertFalse(databaseRuns("AS \"f\""), "ABORT cancelled the SQL statement");

        String timed = create(SLOW, "&EXECUTIONDURATION=1&PHASE=RUN", null);
        assertEquals("ERROR", waitDone(timed, null));
        assertTrue(get(timed, null).body().contains("exceeded its execution duration of 1 s"));
        for (int i = 0; i < 50 && databaseRuns("AS \"f\""); i++) {
            Thread.sleep(100);
        }
        assertFalse(databaseRuns("AS \"f\""), "the execution duration cancelled the SQL statement");
    }

    @Test
    void jobsSurviveARestartAndInterruptedOnesAreErrors() throws Exception {
        String done = create("SELECT TOP 2 objectId FROM demo_dr1.Object", "&PHASE=RUN", null);
        assertEquals("COMPLETED", waitDone(done, null));
        String pending = create("SELECT TOP 2 objectId FROM demo_dr1.Object", "", null);
        // a job the database says is executing, as a killed process leaves it
        String id = pending.substring(pending.lastIndexOf('/') + 1);
        String stuck = create("SELECT TOP 2 objectId FROM demo_dr1.Object", "", null);
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
            s.execute("UPDATE vosuite_uws.job SET phase = 'EXECUTING' WHERE id = '"
                    + stuck.substring(stuck.lastIndexOf('/') + 1) + "'");
        }
        JobManager second = newManager(); // what a restart does on start-up
        second.close();
        assertEquals("COMPLETED", phase(done, null));
        assertEquals(2, result(done).getRowCount());
        assertEquals("PENDING", phase(pending, null), id);
        assertEquals("ERROR", phase(stuck, null));
        assertTrue(get(stuck, null).body().contains("restarted"), "the error says what happened");
    }

    @Test
    void bearerTokensOwnJobsAndHideOthers() throws Exception {
        String mine = create("SELECT TOP 1 objectId FROM demo_dr1.Object", "", ALICE);
        assertEquals("alice", get(mine + "/owner", ALICE).body().trim());
        assertEquals(404, get(mine, BOB).statusCode(), "bob cannot see alice's job");
        assertEquals(404, get(mine, null).statusCode());
        assertEquals(401, get(mine, "Bearer wrong").statusCode());
        assertEquals(403, get(base + "/async", null).statusCode(), "anonymous listing is refused");
        String list = get(base + "/async", ALICE).body();
        assertTrue(list.contains(mine), list);
        assertFalse(get(base + "/async", BOB).body().contains(mine));
        String caps = get(base + "/capabilities", null).body();
        assertTrue(caps.contains("ivo://ivoa.net/sso#token") && caps.contains("upload-inline"), caps);
    }

    @Test
    void jobListFilters() throws Exception {
        String a = create("SELECT TOP 1 objectId FROM demo_dr1.Object", "", ALICE);
        Thread.sleep(20);
        String b = create("SELECT TOP 1 objectId FROM demo_dr1.Object", "&PHASE=RUN", ALICE);
        assertEquals("COMPLETED", waitDone(b, ALICE));
        String pendingOnly = get(base + "/async?PHASE=PENDING", ALICE).body();
        assertTrue(pendingOnly.contains(a) && !pendingOnly.contains(b), pendingOnly);
        String last = get(base + "/async?LAST=1", ALICE).body();
        assertTrue(last.contains(b) && !last.contains(a), last);
        String created = tag(get(a, ALICE).body(), "creationTime");
        String after = get(base + "/async?AFTER=" + created, ALICE).body();
        assertTrue(after.contains(b) && !after.contains(a), after);
        assertEquals(400, get(base + "/async?PHASE=NAPPING", ALICE).statusCode());
        assertEquals(400, get(base + "/async?LAST=-3", ALICE).statusCode());
        assertEquals(400, get(base + "/async?AFTER=yesterday", ALICE).statusCode());
    }

    static String votable(String... rows) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?>\n<VOTABLE version=\"1.4\" "
                + "xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\"><RESOURCE><TABLE>"
                + "<FIELD name=\"id\" datatype=\"int\"/><FIELD name=\"ra\" datatype=\"double\" unit=\"deg\"/>"
                + "<FIELD name=\"dec\" datatype=\"double\" unit=\"deg\"/><DATA><TABLEDATA>");
        for (String r : rows) {
            sb.append("<TR>");
            for (String cell : r.split(" ")) {
                sb.append("<TD>").append(cell).append("</TD>");
            }
            sb.append("</TR>");
        }
        return sb.append("</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>\n").toString();
    }

    static final String XMATCH = "SELECT u.id, o.objectId FROM TAP_UPLOAD.targets AS u JOIN demo_dr1.Object AS o "
            + "ON 1 = CONTAINS(POINT('ICRS', o.coord_ra, o.coord_dec), CIRCLE('ICRS', u.ra, u.dec, 0.001)) "
            + "ORDER BY u.id";

    @Test
    void syncUploadCrossMatch() throws Exception {
        // objects i are at (i * 0.1, -30 + i * 0.01); target 1 is on object 5, target 2 near nothing
        HttpResponse<String> r = send(new Multipart().field("LANG", "ADQL").field("QUERY", XMATCH)
                .field("UPLOAD", "targets,param:t1").field("RESPONSEFORMAT", "csv")
                .file("t1", votable("1 0.5 -29.95", "2 10 10", "3 1.0002 -29.9")).post(base + "/sync"), null);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("id,objectId\n1,5\n3,10\n", r.body());
        // the temporary table is gone with the request
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_class WHERE relname = 'targets'")) {
            rs.next();
            assertEquals(0, rs.getInt(1));
        }
        // CSV uploads too, queried with the published columns
        HttpResponse<String> csv = send(new Multipart().field("LANG", "ADQL").field("QUERY", "SELECT t.name, "
                + "o.r_psfFlux FROM TAP_UPLOAD.T AS t JOIN demo_dr1.Object AS o ON o.objectId = t.oid ORDER BY t.oid")
                .field("UPLOAD", "T,param:p").field("RESPONSEFORMAT", "csv").file("p", "oid,name\n7,seven\n9,nine\n")
                .post(base + "/sync"), null);
        assertEquals("name,r_psfFlux\nseven,1007.0\nnine,1009.0\n", csv.body());
    }

    @Test
    void asyncUploadCrossMatch() throws Exception {
        HttpResponse<String> r = send(new Multipart().field("LANG", "ADQL").field("QUERY", XMATCH)
                .field("UPLOAD", "targets,param:t1").field("PHASE", "RUN")
                .file("t1", votable("1 0.5 -29.95", "2 10 10")).post(base + "/async"), null);
        assertEquals(303, r.statusCode(), r.body());
        String job = r.headers().firstValue("Location").orElseThrow();
        assertEquals("COMPLETED", waitDone(job, null), get(job, null).body());
        StarTable t = result(job);
        assertEquals(1, t.getRowCount());
        assertEquals(5L, ((Number) t.getCell(0, 1)).longValue());
        assertTrue(get(job + "/parameters", null).body().contains("byReference=\"true\""));
    }

    /** Sends a sync upload and returns the DALI error text (asserting the status). */
    static String refused(int status, String upload, String content) throws Exception {
        HttpResponse<String> r = send(new Multipart().field("LANG", "ADQL").field("QUERY", "SELECT * FROM "
                + "TAP_UPLOAD.t").field("UPLOAD", upload).file("p", content).post(base + "/sync"), null);
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.body().contains("QUERY_STATUS") && r.body().contains("ERROR"), r.body());
        return r.body();
    }

    @Test
    void hostileAndOversizedUploadsAreRefusedWithTheReason() throws Exception {
        String bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE lol [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;"
                + "&a;&a;&a;&a;\">]>\n<VOTABLE><RESOURCE><TABLE><FIELD name=\"x\" datatype=\"char\" arraysize=\"*\"/>"
                + "<DATA><TABLEDATA><TR><TD>&b;</TD></TR></TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>";
        assertTrue(refused(400, "t,param:p", bomb).contains("DTD"));
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE v [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><VOTABLE/>";
        assertTrue(refused(400, "t,param:p", xxe).contains("DTD"));
        String href = "<?xml version=\"1.0\"?><VOTABLE><RESOURCE><TABLE><FIELD name=\"x\" datatype=\"int\"/><DATA>"
                + "<BINARY><STREAM href=\"file:///etc/passwd\"/></BINARY></DATA></TABLE></RESOURCE></VOTABLE>";
        assertTrue(refused(400, "t,param:p", href).contains("href"));
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 101; i++) {
            many.append(i).append(" 1 2,");
        }
        assertTrue(refused(400, "t,param:p", votable(many.toString().split(","))).contains("more than 100 rows"));
        String big = "x\n" + "1\n".repeat(1_200_000);
        assertTrue(refused(413, "t,param:p", big).contains("20000 bytes"), "the byte limit is said");
        String arrays = "<?xml version=\"1.0\"?><VOTABLE><RESOURCE><TABLE><FIELD name=\"p\" datatype=\"double\" "
                + "arraysize=\"2\"/><DATA><TABLEDATA><TR><TD>1 2</TD></TR></TABLEDATA></DATA></TABLE></RESOURCE>"
                + "</VOTABLE>";
        assertTrue(refused(400, "t,param:p", arrays).contains("arrays"));
        String notVoTable = "<?xml version=\"1.0\"?><html><body>not a table</body></html>";
        assertTrue(refused(400, "t,param:p", notVoTable).contains("not a readable VOTable or CSV"));
        assertTrue(refused(400, "t,http://example.org/t.xml", votable("1 2 3")).contains("disabled"));
        assertTrue(refused(400, "t,param:nopart", votable("1 2 3")).contains("does not have"));
        assertTrue(refused(400, "select,param:p", votable("1 2 3")).contains("identifier")
                || refused(400, "1t,param:p", votable("1 2 3")).contains("identifier"));
        // the service still answers afterwards
        assertEquals(200, SyncQueryTest.HTTP.send(HttpRequest.newBuilder(URI.create(base + "/availability"))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    }
}

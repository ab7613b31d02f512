package org.vosuite.tap.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.ByteArrayInputStream;
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
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.vosuite.felis.Cli;
import org.vosuite.felis.TestPostgres;
import org.vosuite.tap.TapLimits;
import org.vosuite.tap.TapService;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StarTableFactory;
import uk.ac.starlink.util.ByteArrayDataSource;

/** Sync TAP over real HTTP against a real PostgreSQL loaded with felis, results read back with STIL. */
class SyncQueryTest {
    static Vertx vertx;
    static HttpServer server;
    static String base;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        String url = TestPostgres.newDatabase();
        Path schema = Files.createTempFile("demo_dr1", ".yaml");
        try (var in = SyncQueryTest.class.getResourceAsStream("/sdm_schemas/demo_dr1.yaml")) {
            Files.copy(in, schema, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        assertEquals(0, Cli.felis("create", "--engine-url", url, "--initialize", schema.toString()).exit());
        assertEquals(0, Cli.felis("init-tap-schema", "--engine-url", url).exit());
        assertEquals(0, Cli.felis("load-tap-schema", "--engine-url", url, schema.toString()).exit());
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("INSERT INTO demo_dr1.\"Object\" (\"objectId\", coord_ra, coord_dec, r_psfFlux) "
                    .replace("r_psfFlux", "\"r_psfFlux\"")
                    + "SELECT i, i * 0.1, -30 + i * 0.01, 1000 + i FROM generate_series(1, 50) AS i");
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        TapService tap = TapService.adqlOnPostgres(ds, "TAP_SCHEMA",
                new TapLimits(20, 1000, Duration.ofSeconds(30)));
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        TapRouter.mount(vertx, router, "/tap", tap, 4);
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").toCompletionStage()
                .toCompletableFuture().get();
        base = "http://127.0.0.1:" + server.actualPort() + "/tap";
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    static HttpResponse<byte[]> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpResponse<byte[]> sync(String query, String extra) throws Exception {
        String body = "LANG=ADQL&QUERY=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + extra;
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/sync"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static StarTable votable(byte[] bytes) throws Exception {
        return new StarTableFactory().makeStarTable(new ByteArrayDataSource("result", bytes), "votable");
    }

    @Test
    void rowsAndMetadataFromTapSchema() throws Exception {
        HttpResponse<byte[]> r = sync("SELECT objectId, coord_ra, r_psfFlux FROM demo_dr1.Object "
                + "WHERE coord_dec < -29.9 ORDER BY objectId", "");
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        StarTable t = votable(r.body());
        assertEquals(9, t.getRowCount(), "dec -29.99 .. -29.91");
        ColumnInfo ra = t.getColumnInfo(1);
        assertEquals("coord_ra", ra.getName());
        assertEquals("deg", ra.getUnitString());
        assertEquals("pos.eq.ra;meta.main", ra.getUCD());
        assertEquals(Long.valueOf(1), t.getCell(0, 0));
        assertEquals(0.1, (Double) t.getCell(0, 1), 1e-12);
        assertEquals("nJy", t.getColumnInfo(2).getUnitString());
        String text = new String(r.body(), StandardCharsets.UTF_8);
        assertTrue(text.contains("<INFO name=\"QUERY_STATUS\" value=\"OK\"/>"), text);
        assertTrue(text.contains("BINARY2"), text);
    }

    @Test
    void maxrecOverflowIsDeclaredAfterTheRows() throws Exception {
        HttpResponse<byte[]> r = sync("SELECT objectId FROM demo_dr1.Object", "&MAXREC=7");
        StarTable t = votable(r.body());
        assertEquals(7, t.getRowCount());
        String text = new String(r.body(), StandardCharsets.UTF_8);
        assertTrue(text.indexOf("value=\"OVERFLOW\"") > text.indexOf("</TABLE>"), text);
        StarTable defaultLimit = votable(sync("SELECT objectId FROM demo_dr1.Object", "").body());
        assertEquals(20, defaultLimit.getRowCount(), "the configured default MAXREC");
    }

    @Test
    void userErrorsAreDaliErrorsWith400() throws Exception {
        HttpResponse<byte[]> r = sync("SELECT nosuch FROM demo_dr1.Object", "");
        assertEquals(400, r.statusCode());
        String text = new String(r.body(), StandardCharsets.UTF_8);
        assertTrue(text.contains("value=\"ERROR\"") && text.contains("nosuch"), text);
        HttpResponse<byte[]> noLang = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/sync?QUERY=x")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(400, noLang.statusCode());
        assertTrue(new String(noLang.body(), StandardCharsets.UTF_8).contains("missing LANG"));
    }

    @Test
    void csvAndTableDataFormats() throws Exception {
        HttpResponse<byte[]> csv = sync("SELECT objectId, coord_ra FROM demo_dr1.Object ORDER BY objectId",
                "&RESPONSEFORMAT=csv&MAXREC=2");
        assertEquals("text/csv;header=present", csv.headers().firstValue("Content-Type").orElse(""));
        assertEquals("objectId,coord_ra\n1,0.1\n2,0.2\n", new String(csv.body(), StandardCharsets.UTF_8));
        StarTable td = votable(sync("SELECT objectId FROM demo_dr1.Object", "&RESPONSEFORMAT=votable/td&MAXREC=3")
                .body());
        assertEquals(3, td.getRowCount());
    }

    @Test
    void vosiTablesCapabilitiesAvailability() throws Exception {
        String tables = new String(get("/tables").body(), StandardCharsets.UTF_8);
        assertTrue(tables.contains("<name>demo_dr1.Object</name>"), tables);
        assertTrue(tables.contains("<name>coord_ra</name>"), tables);
        String min = new String(get("/tables?detail=min").body(), StandardCharsets.UTF_8);
        assertTrue(min.contains("<name>demo_dr1.Object</name>") && !min.contains("<column"), min);
        String one = new String(get("/tables/demo_dr1.Source").body(), StandardCharsets.UTF_8);
        assertTrue(one.contains("<foreignKey>"), one);
        assertEquals(404, get("/tables/nope.nope").statusCode());
        String caps = new String(get("/capabilities").body(), StandardCharsets.UTF_8);
        assertTrue(caps.contains("<accessURL use=\"base\">" + base + "</accessURL>"), caps);
        assertTrue(new String(get("/availability").body(), StandardCharsets.UTF_8).contains("true"));
        String examples = new String(get("/examples").body(), StandardCharsets.UTF_8);
        assertTrue(examples.contains("property=\"query\">SELECT TOP 10 objectId"), examples);
        assertTrue(examples.contains("JOIN demo_dr1.Visit AS t ON f.visitId = t.visitId"), examples);
        // TAP_SCHEMA publishes its reserved-word column delimited, and it can be queried that way.
        StarTable size = votable(sync("SELECT column_name, \"size\" FROM TAP_SCHEMA.columns "
                + "WHERE column_name = '\"size\"'", "").body());
        assertEquals(1, size.getRowCount());
    }

    @Test
    void adqlSyntaxErrorsNameLineAndColumn() throws Exception {
        HttpResponse<byte[]> r = sync("SELECT TOP 5 objectId,\nFROM demo_dr1.Object", "");
        assertEquals(400, r.statusCode());
        String text = new String(r.body(), StandardCharsets.UTF_8);
        assertTrue(text.contains("line 2, column 1"), text);
        HttpResponse<byte[]> limit = sync("SELECT objectId FROM demo_dr1.Object LIMIT 3", "");
        assertTrue(new String(limit.body(), StandardCharsets.UTF_8).contains("TOP"), "suggests TOP");
        HttpResponse<byte[]> two = sync("SELECT 1; DROP TABLE demo_dr1.Object", "");
        assertEquals(400, two.statusCode());
    }

    @Test
    void unsignedByteColumnsKeepTheirDeclaredType() throws Exception {
        String text = new String(sync("SELECT TOP 1 dataQuality FROM demo_dr1.Visit", "&RESPONSEFORMAT=votable/td")
                .body(), StandardCharsets.UTF_8);
        assertTrue(text.contains("datatype=\"unsignedByte\""), text);
    }

    @Test
    void adqlSpecificsReachTheDatabaseCorrectly() throws Exception {
        StarTable t = votable(sync("SELECT TOP 3 objectId, coord_ra FROM demo_dr1.Object WHERE coord_ra > 1 "
                + "ORDER BY coord_ra DESC OFFSET 2", "").body());
        assertEquals(3, t.getRowCount());
        assertEquals(Long.valueOf(48), t.getCell(0, 0));
        StarTable q = votable(sync("SELECT \"objectId\", 0x10 AS h FROM demo_dr1.\"Object\" WHERE objectId = 3",
                "").body());
        assertEquals(1, q.getRowCount());
    }
}

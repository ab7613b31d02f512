package org.vosuite.tap.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.util.List;
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
    static String jdbcUrl;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        String url = DemoDatabase.create();
        jdbcUrl = url;
        PGSimpleDataSource ds = org.vosuite.common.db.PostgresDataSources.of(url, null, null);
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
        HttpResponse<byte[]> tsv = sync("SELECT objectId, coord_ra, 'a	b' AS t FROM demo_dr1.Object ORDER BY objectId",
                "&RESPONSEFORMAT=tsv&MAXREC=2");
        assertEquals("text/tab-separated-values", tsv.headers().firstValue("Content-Type").orElse(""));
        assertEquals("objectId\tcoord_ra\tt\n1\t0.1\ta\\tb\n2\t0.2\ta\\tb\n",
                new String(tsv.body(), StandardCharsets.UTF_8));
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

    /** Rows with objectId whose (ra, dec) is within r degrees of (ra0, dec0), computed in Java. */
    static java.util.Set<Long> bruteForceCone(double ra0, double dec0, double r) {
        java.util.Set<Long> ids = new java.util.TreeSet<>();
        for (long i = 1; i <= 50; i++) {
            double ra = i * 0.1;
            double dec = -30 + i * 0.01;
            if (org.vosuite.common.sky.SkyMath.angularDistanceDeg(ra, dec, ra0, dec0) <= r) {
                ids.add(i);
            }
        }
        return ids;
    }

    static java.util.Set<Long> ids(StarTable t) throws Exception {
        java.util.Set<Long> ids = new java.util.TreeSet<>();
        for (long i = 0; i < t.getRowCount(); i++) {
            ids.add((Long) t.getCell(i, 0));
        }
        return ids;
    }

    @Test
    void coneSearchesMatchABruteForceComputation() throws Exception {
        String[] forms = {
            "SELECT objectId FROM demo_dr1.Object WHERE 1 = CONTAINS(POINT('ICRS', coord_ra, coord_dec), "
                    + "CIRCLE('ICRS', 2.5, -29.75, 0.7))",
            "SELECT objectId FROM demo_dr1.Object WHERE CONTAINS(POINT(coord_ra, coord_dec), CIRCLE(2.5, -29.75, "
                    + "0.7)) = 1",
            "SELECT objectId FROM demo_dr1.Object WHERE DISTANCE(POINT(coord_ra, coord_dec), POINT(2.5, -29.75)) "
                    + "< 0.7",
            "SELECT objectId FROM demo_dr1.Object WHERE 0.7 > DISTANCE(coord_ra, coord_dec, 2.5, -29.75)"};
        java.util.Set<Long> expected = bruteForceCone(2.5, -29.75, 0.7);
        assertTrue(expected.size() > 5 && expected.size() < 50, "a cone that cuts the data: " + expected);
        for (String q : forms) {
            HttpResponse<byte[]> r = sync(q, "&MAXREC=100");
            assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
            assertEquals(expected, ids(votable(r.body())), q);
        }
        java.util.Set<Long> outside = ids(votable(sync("SELECT objectId FROM demo_dr1.Object WHERE "
                + "CONTAINS(POINT(coord_ra, coord_dec), CIRCLE(2.5, -29.75, 0.7)) = 0", "&MAXREC=100").body()));
        assertEquals(50 - expected.size(), outside.size());
    }

    @Test
    void polygonAndBoxSearches() throws Exception {
        // a triangle around objects 10..20 (ra 1.0..2.0, dec -29.9..-29.8)
        java.util.Set<Long> got = ids(votable(sync("SELECT objectId FROM demo_dr1.Object WHERE 1 = CONTAINS("
                + "POINT(coord_ra, coord_dec), POLYGON('ICRS', 0.95, -29.95, 2.3, -29.95, 1.5, -29.6))", "").body()));
        java.util.Set<Long> expected = new java.util.TreeSet<>();
        double[][] tri = {{0.95, -29.95}, {2.3, -29.95}, {1.5, -29.6}};
        double[][] n = new double[3][];
        for (int k = 0; k < 3; k++) {
            n[k] = org.vosuite.common.sky.SkyMath.cross(org.vosuite.common.sky.SkyMath.unitVector(tri[k][0],
                    tri[k][1]), org.vosuite.common.sky.SkyMath.unitVector(tri[(k + 1) % 3][0], tri[(k + 1) % 3][1]));
        }
        for (long i = 1; i <= 50; i++) {
            double[] v = org.vosuite.common.sky.SkyMath.unitVector(i * 0.1, -30 + i * 0.01);
            boolean in = true;
            for (double[] e : n) {
                in &= org.vosuite.common.sky.SkyMath.dot(e, v) >= 0;
            }
            if (in) {
                expected.add(i);
            }
        }
        assertTrue(!expected.isEmpty(), "triangle is counter-clockwise as written");
        assertEquals(expected, got);
        java.util.Set<Long> box = ids(votable(sync("SELECT objectId FROM demo_dr1.Object WHERE 1 = CONTAINS("
                + "POINT(coord_ra, coord_dec), BOX('ICRS', 1.0, -29.9, 0.31, 0.1))", "").body()));
        assertEquals(java.util.Set.of(9L, 10L, 11L), box);
    }

    @Test
    void distanceAndCoordsInTheSelectList() throws Exception {
        StarTable t = votable(sync("SELECT objectId, DISTANCE(POINT(coord_ra, coord_dec), POINT(0, -30)) AS d, "
                + "COORD1(POINT(coord_ra, coord_dec)) AS c1, ivo_healpix_index(10, coord_ra, coord_dec) AS hpx "
                + "FROM demo_dr1.Object WHERE objectId = 1", "").body());
        double expected = org.vosuite.common.sky.SkyMath.angularDistanceDeg(0.1, -29.99, 0, -30);
        assertEquals(expected, ((Number) t.getCell(0, 1)).doubleValue(), 1e-9);
        assertEquals(0.1, ((Number) t.getCell(0, 2)).doubleValue(), 1e-12);
        assertEquals(org.vosuite.common.healpix.Healpix.ang2pix(10, 0.1, -29.99), ((Number) t.getCell(0, 3))
                .longValue());
    }

    @Test
    void coneSearchUsesTheHealpixIndex() throws Exception {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(jdbcUrl);
        String sql = TapService.adqlOnPostgres(ds, "TAP_SCHEMA", TapLimits.DEFAULT).translate("SELECT objectId "
                + "FROM demo_dr1.Object WHERE 1 = CONTAINS(POINT(coord_ra, coord_dec), CIRCLE(2.5, -29.75, 0.1))",
                100).sql();
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
            s.execute("SET enable_seqscan = off");
            StringBuilder plan = new StringBuilder();
            try (var rs = s.executeQuery("EXPLAIN " + sql)) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            assertTrue(plan.toString().contains("object_hpx"), sql + "\n" + plan);
        }
    }

    @Test
    void geometryTheDatabaseCannotRunIsAUserError() throws Exception {
        HttpResponse<byte[]> r = sync("SELECT POINT(coord_ra, coord_dec) FROM demo_dr1.Object", "");
        assertEquals(400, r.statusCode());
        assertTrue(new String(r.body(), StandardCharsets.UTF_8).contains("cannot be computed"));
        HttpResponse<byte[]> frame = sync("SELECT objectId FROM demo_dr1.Object WHERE 1 = CONTAINS(POINT("
                + "'GALACTIC', coord_ra, coord_dec), CIRCLE('GALACTIC', 1, 1, 1))", "");
        assertEquals(400, frame.statusCode());
    }

    @Test
    void adqlFunctionsPostgresSpellsDifferently() throws Exception {
        StarTable t = votable(sync("SELECT objectId & 6 AS a, objectId | 8 AS b, objectId ^ 1 AS c, ~objectId AS d, "
                + "TRUNCATE(coord_ra, 1) AS t, ROUND(coord_dec, 1) AS r, MOD(objectId, 4) AS m, "
                + "MOD(coord_ra, 0.25) AS md, LOG10(100) AS l, POWER(2, 10) AS p FROM demo_dr1.Object "
                + "WHERE objectId = 7", "").body());
        assertEquals(1, t.getRowCount());
        assertEquals(6L, ((Number) t.getCell(0, 0)).longValue());
        assertEquals(15L, ((Number) t.getCell(0, 1)).longValue());
        assertEquals(6L, ((Number) t.getCell(0, 2)).longValue());
        assertEquals(-8L, ((Number) t.getCell(0, 3)).longValue());
        assertEquals(0.7, ((Number) t.getCell(0, 4)).doubleValue(), 1e-12);
        assertEquals(-29.9, ((Number) t.getCell(0, 5)).doubleValue(), 1e-12);
        assertEquals(3L, ((Number) t.getCell(0, 6)).longValue());
        assertEquals(0.2, ((Number) t.getCell(0, 7)).doubleValue(), 1e-9);
        assertEquals(2.0, ((Number) t.getCell(0, 8)).doubleValue(), 1e-12);
        assertEquals(1024.0, ((Number) t.getCell(0, 9)).doubleValue(), 1e-9);
    }

    @Test
    void inUnitConvertsFromThePublishedUnit() throws Exception {
        StarTable t = votable(sync("SELECT IN_UNIT(coord_ra, 'arcsec') AS ra_arcsec, IN_UNIT(o.r_psfFlux, 'mJy'), "
                + "IN_UNIT(coord_dec, 'deg') FROM demo_dr1.Object AS o WHERE objectId = 10", "").body());
        assertEquals(3600.0, ((Number) t.getCell(0, 0)).doubleValue(), 1e-9);
        assertEquals(1010e-6, ((Number) t.getCell(0, 1)).doubleValue(), 1e-15);
        assertEquals(-29.9, ((Number) t.getCell(0, 2)).doubleValue(), 1e-12);
        for (String[] bad : new String[][] {{"IN_UNIT(coord_ra, 'm')", "different quantities"},
                {"IN_UNIT(objectId, 'deg')", "objectId has no unit"}, {"IN_UNIT(coord_ra, 'furlong')",
                        "unknown unit 'furlong'"}, {"IN_UNIT(coord_ra + 1, 'arcsec')", "published column"}}) {
            HttpResponse<byte[]> r = sync("SELECT " + bad[0] + " FROM demo_dr1.Object", "");
            assertEquals(400, r.statusCode(), bad[0]);
            assertTrue(new String(r.body(), StandardCharsets.UTF_8).contains(bad[1]), bad[0]);
        }
    }

    @Test
    void delimitedIdentifiersAreCaseSensitive() throws Exception {
        assertEquals(1, votable(sync("SELECT \"objectId\", \"coord_ra\" FROM \"demo_dr1\".\"Object\" AS \"O\" "
                + "WHERE \"O\".\"objectId\" = 3", "").body()).getRowCount());
        assertEquals(1, votable(sync("SELECT OBJECTID FROM demo_dr1.object WHERE objectid = 3", "").body())
                .getRowCount(), "regular identifiers are case-insensitive");
        // Aliases, WITH names and subquery names written in another case than they were declared
        for (String q : List.of("SELECT o.objectid FROM Demo_DR1.OBJECT AS O WHERE o.OBJECTID = 3",
                "SELECT object.objectId FROM demo_dr1.OBJECT WHERE OBJECT.objectId = 3",
                "WITH Near AS (SELECT objectId FROM demo_dr1.Object WHERE objectId = 3) SELECT near.objectid "
                        + "FROM NEAR",
                "SELECT Sub.objectId FROM (SELECT objectId FROM demo_dr1.Object) AS sub WHERE SUB.objectId = 3")) {
            assertEquals(1, votable(sync(q, "").body()).getRowCount(), q);
        }
        HttpResponse<byte[]> r = sync("SELECT \"OBJECTID\" FROM demo_dr1.Object", "");
        assertEquals(400, r.statusCode());
        String text = new String(r.body(), StandardCharsets.UTF_8);
        assertTrue(text.contains("line 1, column 8") && text.contains("write &quot;objectId&quot;")
                || text.contains("write \"objectId\""), text);
    }
}

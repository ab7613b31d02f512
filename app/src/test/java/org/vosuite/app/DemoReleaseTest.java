package org.vosuite.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.vosuite.app.demo.DemoCatalog;
import org.vosuite.app.demo.DemoRelease;
import org.vosuite.app.server.SuiteServer;
import org.vosuite.common.db.EmbeddedDatabase;
import org.vosuite.tap.TapLimits;

/** The demo release built into the embedded PostgreSQL and served over HTTP, as `./vo demo --size small` does. */
class DemoReleaseTest {
    @TempDir
    Path dir;

    @Test
    void buildServeAndReuse() throws Exception {
        PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("pg"), 0)) {
            String url = db.ensureDatabase("demo");
            assertFalse(DemoRelease.isBuilt(url, DemoCatalog.Size.SMALL));
            DemoRelease.build(url, DemoCatalog.Size.SMALL, quiet);
            assertTrue(DemoRelease.isBuilt(url, DemoCatalog.Size.SMALL));
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*), min(coord_ra) >= 150, max(coord_ra) <= 170, "
                            + "(SELECT count(*) FROM demo_dr1.\"Source\") FROM demo_dr1.\"Object\"")) {
                rs.next();
                assertEquals(100_000, rs.getLong(1));
                assertTrue(rs.getBoolean(2) && rs.getBoolean(3));
                assertEquals(200_000, rs.getLong(4));
            }
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setURL(url);
            try (SuiteServer server = SuiteServer.start(new SuiteServer.Settings("127.0.0.1", 0, "TAP_SCHEMA",
                    TapLimits.DEFAULT, 4, org.vosuite.common.uws.JobManager.Settings.DEFAULT, dir.resolve("jobs"),
                    org.vosuite.common.http.BearerTokens.NONE), ds)) {
                String q = "SELECT TOP 5 o.objectId, o.coord_ra, s.sourceId FROM demo_dr1.Object AS o JOIN "
                        + "demo_dr1.Source AS s ON s.objectId = o.objectId WHERE o.coord_dec BETWEEN 0 AND 1 "
                        + "ORDER BY o.objectId";
                HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        server.baseUrl() + "/tap/sync?LANG=ADQL&RESPONSEFORMAT=csv&QUERY="
                                + URLEncoder.encode(q, StandardCharsets.UTF_8))).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), r.body());
                assertEquals(6, r.body().split("\n").length, r.body());
                assertTrue(r.body().startsWith("objectId,coord_ra,sourceId\n"), r.body());
            }
        }
        // A second start finds the release and does not rebuild it.
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("pg"), 0)) {
            assertTrue(DemoRelease.isBuilt(db.ensureDatabase("demo"), DemoCatalog.Size.SMALL));
            assertFalse(DemoRelease.isBuilt(db.ensureDatabase("demo"), DemoCatalog.Size.MEDIUM));
        }
    }
}

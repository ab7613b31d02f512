package org.vosuite.tap.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;
import org.vosuite.common.healpix.Healpix;
import org.vosuite.common.sky.SkyMath;
import org.vosuite.common.votable.ResultFormat;
import org.vosuite.felis.Cli;
import org.vosuite.felis.TestPostgres;
import org.vosuite.tap.TapLimits;
import org.vosuite.tap.TapService;
import org.vosuite.tap.exec.QueryRunner;
import org.vosuite.tap.plan.QueryException;
import org.vosuite.tap.plan.Translation;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StarTableFactory;
import uk.ac.starlink.util.ByteArrayDataSource;

/**
 * The two geometry strategies on real databases loaded with the same rows: PostgreSQL 15 with pg_sphere (a
 * throwaway Debian cluster) and the embedded PostgreSQL without it (HEALPix ranges). Each spatial query must give
 * the same rows on both, and the rows a brute-force computation in Java gives.
 */
class GeometryStrategiesTest {
    static final int ROWS = 20_000;
    /** Positions by objectId (index 0 unused): 4 x 4 degrees around (0, -30), across RA 0. */
    static final double[] RA = new double[ROWS + 1];
    static final double[] DEC = new double[ROWS + 1];

    static PgSphereCluster cluster;
    static String sphereUrl;
    static String healpixUrl;
    static TapService sphere;
    static TapService healpix;

    @BeforeAll
    static void load() throws Exception {
        cluster = PgSphereCluster.start();
        sphereUrl = cluster.jdbcUrl();
        healpixUrl = TestPostgres.newDatabase();
        Random random = new Random(42);
        StringBuilder csv = new StringBuilder();
        for (int i = 1; i <= ROWS; i++) {
            RA[i] = (358 + 4 * random.nextDouble()) % 360;
            DEC[i] = -32 + 4 * random.nextDouble();
            csv.append(i).append(',').append(RA[i]).append(',').append(DEC[i]).append('\n');
        }
        for (String url : List.of(sphereUrl, healpixUrl)) {
            loadDemo(url, csv.toString());
        }
        try (Connection c = DriverManager.getConnection(sphereUrl); Statement s = c.createStatement()) {
            s.execute("CREATE INDEX object_spoint ON demo_dr1.\"Object\" USING gist "
                    + "(spoint(radians(coord_ra), radians(coord_dec)))");
            s.execute("ANALYZE demo_dr1.\"Object\"");
        }
        try (Connection c = DriverManager.getConnection(healpixUrl); Statement s = c.createStatement()) {
            TapService.installGeometry(c);
            s.execute("CREATE INDEX object_hpx ON demo_dr1.\"Object\" (vosuite.healpix12(coord_ra, coord_dec))");
            s.execute("ANALYZE demo_dr1.\"Object\"");
        }
        sphere = TapService.adqlOnPostgres(dataSource(sphereUrl), "TAP_SCHEMA", TapLimits.DEFAULT);
        healpix = TapService.adqlOnPostgres(dataSource(healpixUrl), "TAP_SCHEMA", TapLimits.DEFAULT);
        // Each service chooses its strategy on its first metadata load: now, before a test changes a database.
        sphere.metadata();
        healpix.metadata();
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    static void loadDemo(String url, String rows) throws Exception {
        Path schema = Files.createTempFile("demo_dr1", ".yaml");
        try (var in = GeometryStrategiesTest.class.getResourceAsStream("/sdm_schemas/demo_dr1.yaml")) {
            Files.copy(in, schema, StandardCopyOption.REPLACE_EXISTING);
        }
        for (String[] args : List.of(new String[] {"create", "--engine-url", url, "--initialize", schema.toString()},
                new String[] {"init-tap-schema", "--engine-url", url},
                new String[] {"load-tap-schema", "--engine-url", url, schema.toString()})) {
            Cli.Run run = Cli.felis(args);
            assertEquals(0, run.exit(), run.toString());
        }
        Files.delete(schema);
        try (Connection c = DriverManager.getConnection(url)) {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY demo_dr1.\"Object\" (\"objectId\", coord_ra, "
                    + "coord_dec) FROM STDIN WITH (FORMAT csv)", new StringReader(rows));
        }
    }

    static PGSimpleDataSource dataSource(String url) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        return ds;
    }

    static String sql(TapService tap, String adql) throws Exception {
        return tap.translate(adql, -1).sql();
    }

    static Set<Long> ids(TapService tap, String url, String adql) throws Exception {
        Set<Long> ids = new TreeSet<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql(tap, adql))) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    static Set<Long> where(BiPredicate<Double, Double> inside) {
        Set<Long> ids = new TreeSet<>();
        for (int i = 1; i <= ROWS; i++) {
            if (inside.test(RA[i], DEC[i])) {
                ids.add((long) i);
            }
        }
        return ids;
    }

    static Set<Long> cone(double ra, double dec, double r) {
        return where((a, d) -> SkyMath.angularDistanceDeg(a, d, ra, dec) <= r);
    }

    /**
     * Inward unit normals of a convex polygon's edges (great circles); a point is inside when it is on the inner
     * side of all of them.
     */
    static double[][] normals(double[][] v) {
        double[] centre = new double[3];
        for (double[] p : v) {
            double[] u = SkyMath.unitVector(p[0], p[1]);
            for (int k = 0; k < 3; k++) {
                centre[k] += u[k];
            }
        }
        double[][] n = new double[v.length][];
        for (int i = 0; i < v.length; i++) {
            n[i] = SkyMath.normalize(SkyMath.cross(SkyMath.unitVector(v[i][0], v[i][1]),
                    SkyMath.unitVector(v[(i + 1) % v.length][0], v[(i + 1) % v.length][1])));
            if (SkyMath.dot(n[i], centre) < 0) {
                n[i] = new double[] {-n[i][0], -n[i][1], -n[i][2]};
            }
        }
        return n;
    }

    /** Rows inside the convex polygon grown by {@code margin} degrees across each edge. */
    static Set<Long> polygon(double[][] v, double margin) {
        double[][] n = normals(v);
        double limit = -Math.sin(Math.toRadians(margin));
        return where((a, d) -> {
            double[] u = SkyMath.unitVector(a, d);
            for (double[] e : n) {
                if (SkyMath.dot(e, u) < limit) {
                    return false;
                }
            }
            return true;
        });
    }

    static void sameRows(Set<Long> expected, String... queries) throws Exception {
        assertTrue(expected.size() > 100 && expected.size() < ROWS / 2, "a region that cuts the data: "
                + expected.size());
        for (String q : queries) {
            assertEquals(expected, ids(sphere, sphereUrl, q), "pg_sphere: " + q);
            assertEquals(expected, ids(healpix, healpixUrl, q), "HEALPix: " + q);
            System.out.println(expected.size() + " rows on both strategies and in Java: " + q);
        }
    }

    static final String CONE = "SELECT objectId FROM demo_dr1.Object WHERE 1 = CONTAINS(POINT('ICRS', coord_ra, "
            + "coord_dec), CIRCLE('ICRS', 0.3, -30.2, 0.8))";
    static final String POLYGON = "SELECT objectId FROM demo_dr1.Object WHERE 1 = CONTAINS(POINT(coord_ra, "
            + "coord_dec), POLYGON('ICRS', 359.2, -31.5, 1.1, -31.2, 0.8, -29.0, 359.5, -28.7))";
    static final String DISTANCE = "SELECT objectId FROM demo_dr1.Object WHERE DISTANCE(POINT(coord_ra, coord_dec), "
            + "POINT(359.5, -29.5)) < 0.6";

    @Test
    void eachDatabaseGetsItsStrategy() throws Exception {
        for (String q : List.of(CONE, POLYGON, DISTANCE)) {
            String s = sql(sphere, q);
            String h = sql(healpix, q);
            System.out.println("ADQL:      " + q + "\npg_sphere: " + s + "\nHEALPix:   " + h + "\n");
            assertTrue(s.contains("spoint(radians(") && s.contains(" <@ ") && !s.contains("healpix"), s);
            assertTrue(h.contains("vosuite.healpix12(") && !h.contains("spoint"), h);
        }
    }

    @Test
    void conesGiveTheSameRowsOnBothStrategies() throws Exception {
        Set<Long> cone = cone(0.3, -30.2, 0.8);
        sameRows(cone, CONE,
                "SELECT objectId FROM demo_dr1.Object WHERE CONTAINS(POINT(coord_ra, coord_dec), CIRCLE(POINT(0.3, "
                        + "-30.2), 0.8)) = 1",
                "SELECT objectId FROM demo_dr1.Object WHERE 1 = CONTAINS(POINT(coord_ra, coord_dec), "
                        + "REGION('CIRCLE ICRS 0.3 -30.2 0.8'))",
                "SELECT objectId FROM demo_dr1.Object WHERE 0.8 >= DISTANCE(coord_ra, coord_dec, 0.3, -30.2)");
        Set<Long> outside = where((a, d) -> d > -30);
        outside.removeAll(cone);
        sameRows(outside, "SELECT objectId FROM demo_dr1.Object WHERE 0 = CONTAINS(POINT(coord_ra, coord_dec), "
                + "CIRCLE(0.3, -30.2, 0.8)) AND coord_dec > -30");
    }

    @Test
    void distanceSearchesGiveTheSameRows() throws Exception {
        sameRows(cone(359.5, -29.5, 0.6), DISTANCE,
                "SELECT objectId FROM demo_dr1.Object WHERE DISTANCE(POINT(359.5, -29.5), POINT(coord_ra, "
                        + "coord_dec)) <= 0.6");
    }

    @Test
    void polygonsAndBoxesGiveTheSameRows() throws Exception {
        double[][] quad = {{359.2, -31.5}, {1.1, -31.2}, {0.8, -29.0}, {359.5, -28.7}};
        sameRows(polygon(quad, 0), POLYGON,
                "SELECT objectId FROM demo_dr1.Object WHERE 1 = CONTAINS(POINT(coord_ra, coord_dec), POLYGON("
                        + "POINT(359.5, -28.7), POINT(0.8, -29.0), POINT(1.1, -31.2), POINT(359.2, -31.5)))",
                "SELECT objectId FROM demo_dr1.Object WHERE 1 = CONTAINS(POINT(coord_ra, coord_dec), REGION("
                        + "'Polygon ICRS 359.2 -31.5 1.1 -31.2 0.8 -29.0 359.5 -28.7'))");
        sameRows(polygon(Shape.boxCorners(0.0, -30.5, 1.5, 1.0), 0),
                "SELECT objectId FROM demo_dr1.Object WHERE 1 = CONTAINS(POINT(coord_ra, coord_dec), "
                        + "BOX('ICRS', 0.0, -30.5, 1.5, 1.0))");
    }

    @Test
    void coneSearchUsesTheGistIndex() throws Exception {
        String sql = sql(sphere, CONE);
        StringBuilder plan = new StringBuilder();
        try (Connection c = DriverManager.getConnection(sphereUrl); Statement s = c.createStatement()) {
            s.execute("SET enable_seqscan = off");
            try (ResultSet rs = s.executeQuery("EXPLAIN " + sql)) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
        }
        System.out.println("EXPLAIN " + sql + "\n" + plan);
        assertTrue(plan.toString().contains("object_spoint"), sql + "\n" + plan);
    }

    @Test
    void distanceAndCoordinateValuesAgree() throws Exception {
        String q = "SELECT objectId, DISTANCE(POINT(coord_ra, coord_dec), POINT(0.3, -30.2)) AS d, "
                + "COORD1(POINT(coord_ra, coord_dec)) AS c1, COORD2(POINT(coord_ra, coord_dec)) AS c2 "
                + "FROM demo_dr1.Object WHERE objectId <= 500";
        for (String url : List.of(sphereUrl, healpixUrl)) {
            TapService tap = url.equals(sphereUrl) ? sphere : healpix;
            int rows = 0;
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(sql(tap, q))) {
                while (rs.next()) {
                    int i = rs.getInt(1);
                    assertEquals(SkyMath.angularDistanceDeg(RA[i], DEC[i], 0.3, -30.2), rs.getDouble(2), 1e-9, url);
                    assertEquals(RA[i], rs.getDouble(3), 1e-9, url);
                    assertEquals(DEC[i], rs.getDouble(4), 1e-9, url);
                    rows++;
                }
            }
            assertEquals(500, rows);
        }
    }

    @Test
    void areasAndGeometryValuesOnPgSphere() throws Exception {
        StarTable t = run("SELECT objectId, AREA(CIRCLE(10, 20, 1)) AS cap, AREA(POLYGON(0, 0, 90, 0, 0, 90)) "
                + "AS octant, POINT(coord_ra, coord_dec) AS p, CIRCLE(1.5, 2, 0.5) AS c, POLYGON(1, 2, 3, 4, 5, 6) "
                + "AS poly, REGION('Position ICRS 1 2') AS pos, CENTROID(CIRCLE(10, 20, 1)) AS centre, "
                + "COORDSYS(POINT(1, 2)) AS sys, DISTANCE(CENTROID(CIRCLE(10, 20, 1)), POINT(10, 21)) AS d "
                + "FROM demo_dr1.Object WHERE objectId = 7");
        double sr = 2 * Math.PI * (1 - Math.cos(Math.toRadians(1)));
        assertEquals(Math.toDegrees(Math.toDegrees(sr)), ((Number) t.getCell(0, 1)).doubleValue(), 1e-9);
        assertEquals(Math.toDegrees(Math.toDegrees(Math.PI / 2)), ((Number) t.getCell(0, 2)).doubleValue(), 1e-9,
                "an octant is an eighth of the sphere");
        // DALI 1.1 geometry values: double arrays in degrees with their xtype
        double[] p = (double[]) t.getCell(0, 3);
        assertEquals(RA[7], p[0], 0);
        assertEquals(DEC[7], p[1], 0);
        assertArrayEquals(new double[] {1.5, 2, 0.5}, (double[]) t.getCell(0, 4), 0, "DALI circle");
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, (double[]) t.getCell(0, 5), 0, "DALI polygon");
        assertEquals("1 2", t.getCell(0, 6), "REGION values keep their text: their shape is not known in advance");
        double[] centre = (double[]) t.getCell(0, 7);
        assertEquals(10, centre[0], 1e-9);
        assertEquals(20, centre[1], 1e-9);
        String[][] fields = {{"point", "2"}, {"circle", "3"}, {"polygon", "-1"}};
        for (int i = 0; i < fields.length; i++) {
            ColumnInfo info = t.getColumnInfo(3 + i);
            assertEquals(fields[i][0], info.getXtype());
            assertEquals("deg", info.getUnitString());
            assertEquals(Integer.parseInt(fields[i][1]), info.getShape()[0]);
        }
        assertEquals("point", t.getColumnInfo(7).getXtype());
        assertEquals("ICRS", t.getCell(0, 8));
        assertEquals(1, ((Number) t.getCell(0, 9)).doubleValue(), 1e-9);
    }

    /** Runs ADQL on pg_sphere through the service's runner and result writer, reads the VOTable back. */
    static StarTable run(String adql) throws Exception {
        Translation tr = sphere.translate(adql, 100);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new QueryRunner(sphere.database(), Duration.ofSeconds(30)).run(tr, 100, ResultFormat.VOTABLE_BINARY2,
                Map.of(), out);
        return new StarTableFactory().makeStarTable(new ByteArrayDataSource("result", out.toByteArray()), "votable");
    }

    @Test
    void regionsIntersectRegionsOnPgSphere() throws Exception {
        StarTable t = run("SELECT TOP 1 INTERSECTS(CIRCLE(1, 1, 1), BOX(2.5, 1, 2, 2)) AS a, "
                + "INTERSECTS(CIRCLE(1, 1, 1), POLYGON(5, 0, 6, 0, 5.5, 1)) AS b, "
                + "INTERSECTS(REGION('CIRCLE ICRS 1 1 1'), REGION('POLYGON ICRS 1.5 1.5 3 1.5 3 3')) AS c, "
                + "CONTAINS(CIRCLE(1, 1, 0.5), CIRCLE(1, 1, 1)) AS d, CONTAINS(CIRCLE(1, 1, 1), "
                + "CIRCLE(1, 1, 0.5)) AS e, INTERSECTS(POINT(1, 1.5), CIRCLE(1, 1, 1)) AS f FROM demo_dr1.Object");
        List<Integer> flags = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            flags.add(((Number) t.getCell(0, i)).intValue());
        }
        assertEquals(List.of(1, 0, 1, 1, 0, 1), flags);

        // Circles round each row that overlap a polygon: every row inside it, and some just outside.
        double[][] quad = {{359.2, -31.5}, {1.1, -31.2}, {0.8, -29.0}, {359.5, -28.7}};
        String q = "SELECT objectId FROM demo_dr1.Object WHERE 1 = INTERSECTS(CIRCLE(coord_ra, coord_dec, 0.05), "
                + "POLYGON(359.2, -31.5, 1.1, -31.2, 0.8, -29.0, 359.5, -28.7))";
        Set<Long> overlapping = ids(sphere, sphereUrl, q);
        Set<Long> inside = polygon(quad, 0);
        assertTrue(overlapping.containsAll(inside) && overlapping.size() > inside.size(), q);
        assertTrue(polygon(quad, 0.05).containsAll(overlapping), "no row farther than the radius from an edge");
        QueryException e = assertThrows(QueryException.class, () -> sql(healpix, q));
        assertTrue(e.getMessage().contains("pg_sphere"), e.getMessage());

        // A polygon whose vertices are columns: a triangle round each row; which ones hold a fixed point?
        String tri = "SELECT objectId FROM demo_dr1.Object WHERE objectId <= 2000 AND 1 = CONTAINS(POINT(0.3, "
                + "-30.2), POLYGON(coord_ra - 1, coord_dec - 0.5, coord_ra + 1, coord_dec - 0.5, coord_ra, "
                + "coord_dec + 0.5))";
        Set<Long> expected = new TreeSet<>();
        double[] fixed = SkyMath.unitVector(0.3, -30.2);
        for (int i = 1; i <= 2000; i++) {
            double[][] v = {{RA[i] - 1, DEC[i] - 0.5}, {RA[i] + 1, DEC[i] - 0.5}, {RA[i], DEC[i] + 0.5}};
            if (java.util.Arrays.stream(normals(v)).allMatch(n -> SkyMath.dot(n, fixed) >= 0)) {
                expected.add((long) i);
            }
        }
        assertTrue(expected.size() > 10, "triangles round the point: " + expected.size());
        assertEquals(expected, ids(sphere, sphereUrl, tri));
    }

    @Test
    void ivoHealpixIndexNeedsTheHealpixFunctions() throws Exception {
        String q = "SELECT objectId, ivo_healpix_index(10, coord_ra, coord_dec) FROM demo_dr1.Object "
                + "WHERE objectId <= 100";
        QueryException e = assertThrows(QueryException.class, () -> sql(sphere, q));
        assertTrue(e.getMessage().contains("ivo_healpix_index is not available"), e.getMessage());
        try (Connection c = DriverManager.getConnection(sphereUrl); Statement s = c.createStatement()) {
            TapService.installGeometry(c);
            try {
                TapService withFunctions = TapService.adqlOnPostgres(dataSource(sphereUrl), "TAP_SCHEMA",
                        TapLimits.DEFAULT);
                try (ResultSet rs = s.executeQuery(sql(withFunctions, q))) {
                    int rows = 0;
                    while (rs.next()) {
                        int i = rs.getInt(1);
                        assertEquals(Healpix.ang2pix(10, RA[i], DEC[i]), rs.getLong(2));
                        rows++;
                    }
                    assertEquals(100, rows);
                }
            } finally {
                s.execute("DROP SCHEMA vosuite CASCADE");
            }
        }
    }
}

package org.vosuite.tap.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.vosuite.felis.Cli;
import org.vosuite.felis.TestPostgres;
import org.vosuite.tap.TapService;

/**
 * A fresh PostgreSQL database with the demo_dr1 schema created and published by felis, 50 Objects at
 * (i * 0.1, -30 + i * 0.01) with r_psfFlux 1000 + i, the HEALPix functions and index.
 */
final class DemoDatabase {
    private DemoDatabase() {
    }

    /** @return its JDBC URL */
    static String create() throws Exception {
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
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            TapService.installGeometry(c);
            s.execute("INSERT INTO demo_dr1.\"Source\" (\"sourceId\", \"ccdVisitId\", band, ra, dec) "
                    + "SELECT 0, 0, 'r', 0, 0 WHERE false"); // FK-free check that the table is there
            s.execute("CREATE INDEX object_hpx ON demo_dr1.\"Object\" (vosuite.healpix12(coord_ra, coord_dec))");
        }
        return url;
    }
}

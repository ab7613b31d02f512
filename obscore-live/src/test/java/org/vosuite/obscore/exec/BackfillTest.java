package org.vosuite.obscore.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosuite.felis.TestPostgres;
import org.vosuite.felis.ddl.Dialect;
import org.vosuite.obscore.build.ObsCoreRow;
import org.vosuite.obscore.config.ObsCoreConfig;
import org.vosuite.obscore.region.SkyRegion;
import org.vosuite.obscore.region.SphgeomCodec;
import org.vosuite.obscore.registry.ExportFile;
import org.vosuite.obscore.registry.RegistryImporter;
import org.vosuite.obscore.registry.RegistryReader;
import org.vosuite.obscore.registry.TaiTime;

/** Rows from SQLite and PostgreSQL registries built from the DemoCam export, written to a PostgreSQL ivoa.ObsCore. */
class BackfillTest {
    @TempDir
    Path tmp;

    static Path resource(String name) throws Exception {
        return Path.of(BackfillTest.class.getResource(name).toURI());
    }

    static ObsCoreConfig config() throws Exception {
        return ObsCoreConfig.read(resource("/org/vosuite/obscore/demo/democam-obscore.yaml"));
    }

    @Test
    void sqliteRegistryIntoObsCore() throws Exception {
        try (Connection reg = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("gen3.sqlite3"));
                Connection target = DriverManager.getConnection(TestPostgres.newDatabase())) {
            RegistryImporter.load(ExportFile.read(resource("/org/vosuite/obscore/demo/democam-export.yaml")), reg,
                    Dialect.SQLITE);
            checkBackfill(reg, target);
        }
    }

    @Test
    void postgresRegistryIntoObsCore() throws Exception {
        try (Connection reg = DriverManager.getConnection(TestPostgres.newDatabase());
                Connection target = DriverManager.getConnection(TestPostgres.newDatabase())) {
            RegistryImporter.load(ExportFile.read(resource("/org/vosuite/obscore/demo/democam-export.yaml")), reg,
                    Dialect.POSTGRESQL);
            checkBackfill(reg, target);
        }
    }

    static void checkBackfill(Connection reg, Connection target) throws Exception {
        ObsCoreTable table = ObsCoreTable.open(target);
        Backfill.Result r = Backfill.into(table, config(), new RegistryReader(reg), 3);
        assertEquals(10, r.rows());
        assertEquals(10, table.count());
        Backfill.into(table, config(), new RegistryReader(reg), 3);
        assertEquals(10, table.count(), "a second backfill changes nothing");
        try (Statement s = target.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT * FROM ivoa.\"ObsCore\" WHERE obs_id = 'DC_O_20250101_000100' "
                    + "AND lsst_detector = 1")) {
                assertTrue(rs.next(), "the raw of exposure 100, detector 1");
                assertEquals("image", rs.getString("dataproduct_type"));
                assertEquals("lsst.raw", rs.getString("dataproduct_subtype"));
                assertEquals(1, rs.getInt("calib_level"));
                assertEquals("Demo DR1", rs.getString("obs_collection"));
                assertEquals("Demo Observatory", rs.getString("facility_name"));
                assertEquals("DemoCam", rs.getString("instrument_name"));
                assertEquals("field-A", rs.getString("target_name"));
                assertEquals(30.0, rs.getDouble("t_exptime"));
                assertEquals(TaiTime.toUtcMjd(TaiTime.fromTaiIso("2025-01-02 03:00:37")), rs.getDouble("t_min"),
                        1e-9);
                // 03:00:37 TAI is 03:00:00 UTC
                assertEquals(60677 + 3.0 / 24, rs.getDouble("t_min"), 1e-9);
                assertEquals(4.0e-07, rs.getDouble("em_min"));
                assertEquals(5.52e-07, rs.getDouble("em_max"));
                assertEquals("g", rs.getString("lsst_band"));
                assertEquals(100, rs.getLong("lsst_visit"), "the exposure's visit, as dax_obscore's {visit}");
                assertTrue(rs.getString("obs_publisher_did").startsWith("ivo://demo.org/dr1?repo=demo&id="));
                assertTrue(rs.getString("access_url").contains(
                        "links?ID=ivo%3A%2F%2Fdemo.org%2Fdr1%3Frepo%3Ddemo%26id%3D"));
                // the region of detector 1 of visit 100 (through visit_definition): centred on (160.1, -2)
                assertEquals(160.1, rs.getDouble("s_ra"), 1e-6);
                assertEquals(-2.0, rs.getDouble("s_dec"), 1e-3);
                assertTrue(rs.getString("s_region").startsWith("POLYGON ICRS 160.010000 -2.090000"),
                        rs.getString("s_region"));
                assertNull(rs.getObject("access_estsize"), "the export gives no file sizes");
            }
            try (ResultSet rs = s.executeQuery("SELECT obs_id, s_xel1, calib_level FROM ivoa.\"ObsCore\" WHERE "
                    + "dataproduct_subtype = 'lsst.calexp' ORDER BY obs_id")) {
                rs.next();
                assertEquals("00000100_000", rs.getString(1), "{visit:08d}_{detector:03d}");
                assertEquals(4000, rs.getInt(2));
            }
            try (ResultSet rs = s.executeQuery("SELECT obs_id, obs_collection, t_min, em_min, s_fov, s_region FROM "
                    + "ivoa.\"ObsCore\" WHERE dataproduct_subtype = 'lsst.deepCoadd' ORDER BY obs_id")) {
                rs.next();
                assertEquals("0_0_g", rs.getString(1));
                assertEquals("Demo DR1 coadds", rs.getString(2));
                assertNull(rs.getObject(3), "a coadd has no observation time");
                assertEquals(4.0e-07, rs.getDouble(4), "spectral range by band");
                assertTrue(rs.getDouble(5) > 0.3 && rs.getDouble(5) < 0.5, "patch diameter " + rs.getDouble(5));
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM ivoa.\"ObsCore\" WHERE em_min IS NOT NULL")) {
                rs.next();
                assertEquals(10, rs.getInt(1), "g by band, r by physical filter");
            }
        }
    }

    @Test
    void taggedCollectionAndCircleRegions() throws Exception {
        Path cfg = tmp.resolve("tagged.yaml");
        Files.writeString(cfg, Files.readString(resource("/org/vosuite/obscore/demo/democam-obscore.yaml")).replace(
                "collection_type: RUN\ncollections: [\"demo/runs/.*\", \"DemoCam/raw/.*\"]",
                "collection_type: TAGGED\ncollections: [demo/published]"));
        try (Connection reg = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("t.sqlite3"))) {
            RegistryImporter.load(ExportFile.read(resource("/org/vosuite/obscore/demo/democam-export.yaml")), reg,
                    Dialect.SQLITE);
            List<ObsCoreRow> rows = new ArrayList<>();
            Backfill.Result r = Backfill.rows(ObsCoreConfig.read(cfg), new RegistryReader(reg), rows::add);
            assertEquals(3, r.rows(), "two calexps and one coadd are tagged");
            // the tract is a circle: written as a polygon holding it
            try (Statement s = reg.createStatement(); ResultSet rs = s.executeQuery("SELECT region FROM tract")) {
                rs.next();
                SkyRegion tract = SphgeomCodec.fromBase64(rs.getString(1));
                assertTrue(tract.stcs().startsWith("POLYGON ICRS "));
                assertEquals(2.0, tract.boundingCircle().diameterDeg(), 1e-9);
            }
        }
    }
}

package org.vosuite.obscore.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosuite.felis.TestPostgres;
import org.vosuite.felis.ddl.Dialect;

/** A butler export file loaded into real SQLite and PostgreSQL registries. */
class RegistryImporterTest {
    @TempDir
    Path tmp;

    static Path export() throws Exception {
        return Path.of(RegistryImporterTest.class.getResource("/org/vosuite/obscore/demo/democam-export.yaml").toURI());
    }

    static void checkLoaded(Connection c) throws Exception {
        try (Statement s = c.createStatement()) {
            assertEquals(14, count(s, "SELECT count(*) FROM dataset"));
            assertEquals(7, count(s, "SELECT count(*) FROM collection"));
            assertEquals(2, count(s, "SELECT count(*) FROM collection_chain"));
            assertEquals(4, count(s, "SELECT count(*) FROM dataset_type"));
            assertEquals(2, count(s, "SELECT count(*) FROM exposure"));
            assertEquals(4, count(s, "SELECT count(*) FROM visit_detector_region"));
            assertEquals(14, count(s, "SELECT count(*) FROM file_datastore_records"));
            // the flats certified in DemoCam/calib from 2025-01-01 on, with their data IDs
            try (ResultSet rs = s.executeQuery("SELECT calibration_association_table FROM dataset_type WHERE name = "
                    + "'flat'")) {
                rs.next();
                String calibs = rs.getString(1);
                assertEquals(4, count(s, "SELECT count(*) FROM \"" + calibs + "\" WHERE timespan_begin = "
                        + TaiTime.fromTaiIso("2025-01-01 00:00:00") + " AND timespan_end IS NULL AND "
                        + "physical_filter IN ('DemoCam-g', 'DemoCam-r') AND collection_id = (SELECT collection_id "
                        + "FROM collection WHERE name = 'DemoCam/calib')"));
            }
            // raw: [instrument, detector, exposure] required; calexp: [instrument, detector, visit]
            try (ResultSet rs = s.executeQuery("SELECT tag_association_table FROM dataset_type ORDER BY id")) {
                rs.next();
                String raw = rs.getString(1);
                rs.next();
                String calexp = rs.getString(1);
                assertTrue(!raw.equals(calexp) && raw.matches("dataset_tags_\\d{8}"), raw + " " + calexp);
                assertEquals(4, count(s, "SELECT count(*) FROM \"" + raw + "\" WHERE exposure IN (100, 101)"));
                // 4 in their run + 2 tagged into demo/published
                assertEquals(6, count(s, "SELECT count(*) FROM \"" + calexp + "\""));
            }
            try (ResultSet rs = s.executeQuery("SELECT timespan_begin, region FROM visit WHERE id = 100")) {
                rs.next();
                assertEquals(TaiTime.fromTaiIso("2025-01-02 03:00:37"), rs.getLong(1));
                assertTrue(org.vosuite.obscore.region.SphgeomCodec.fromBase64(rs.getString(2)).stcs()
                        .startsWith("POLYGON ICRS 159.800000 -2.200000"));
            }
        }
    }

    static long count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void sqliteRegistry() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("gen3.sqlite3"))) {
            RegistryImporter.Summary s = RegistryImporter.load(ExportFile.read(export()), c, Dialect.SQLITE);
            assertEquals(14, s.datasets());
            assertEquals(7, s.associations());
            checkLoaded(c);
            // the same file again: refused, and the registry is as it was
            ExportFile.ExportException e = assertThrows(ExportFile.ExportException.class,
                    () -> RegistryImporter.load(ExportFile.read(export()), c, Dialect.SQLITE));
            assertTrue(e.getMessage().contains("already in the registry"), e.getMessage());
            checkLoaded(c);
        }
    }

    @Test
    void postgresRegistry() throws Exception {
        try (Connection c = DriverManager.getConnection(TestPostgres.newDatabase())) {
            RegistryImporter.load(ExportFile.read(export()), c, Dialect.POSTGRESQL);
            checkLoaded(c);
        }
    }

    @Test
    void badFilesSayWhatIsWrong() throws Exception {
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, "description: x\nversion: 2.0.0\ndata: []\n");
        assertTrue(assertThrows(ExportFile.ExportException.class, () -> ExportFile.read(bad)).getMessage()
                .contains("version 2.0.0"));
        Files.writeString(bad, "version: 1.0.2\ndata:\n- {type: dataset, dataset_type: nosuch, run: r, records: []}\n");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("b.sqlite3"))) {
            assertTrue(assertThrows(ExportFile.ExportException.class, () -> RegistryImporter.load(ExportFile.read(
                    bad), c, Dialect.SQLITE)).getMessage().contains("unknown dataset type nosuch"));
        }
    }
}

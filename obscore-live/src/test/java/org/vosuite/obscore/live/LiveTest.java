package org.vosuite.obscore.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosuite.felis.TestPostgres;
import org.vosuite.felis.ddl.Dialect;
import org.vosuite.obscore.config.ObsCoreConfig;
import org.vosuite.obscore.exec.Backfill;
import org.vosuite.obscore.exec.ObsCoreTable;
import org.vosuite.obscore.registry.ExportFile;
import org.vosuite.obscore.registry.RegistryImporter;
import org.vosuite.obscore.registry.RegistryReader;

/**
 * Registry changes made the way daf_butler makes them (rows in dataset and dataset_tags_*), on SQLite and
 * PostgreSQL, reach ivoa.ObsCore through the outbox without a rescan; a batch applied but not acknowledged (a
 * crash) is applied again without effect.
 */
class LiveTest {
    @TempDir
    Path tmp;

    static final String CALEXP_100_0 = "80bde7d7c7ca53ea97d6990d600725b6"; // tagged into demo/published
    static final String RAW_100_0 = "24e9e18b139952348eaf13add2351eb6"; // raw of exposure 100, detector 0
    static final String NEW = "0123456789abcdef0123456789abcdef";

    static Path resource(String name) throws Exception {
        return Path.of(LiveTest.class.getResource(name).toURI());
    }

    @Test
    void sqliteRegistry() throws Exception {
        try (Connection reg = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("gen3.sqlite3"));
                Connection target = DriverManager.getConnection(TestPostgres.newDatabase())) {
            RegistryImporter.load(ExportFile.read(resource("/org/vosuite/obscore/demo/democam-export.yaml")), reg,
                    Dialect.SQLITE);
            runScenario(reg, target, "'" + NEW + "'");
        }
    }

    @Test
    void postgresRegistry() throws Exception {
        try (Connection reg = DriverManager.getConnection(TestPostgres.newDatabase());
                Connection target = DriverManager.getConnection(TestPostgres.newDatabase())) {
            RegistryImporter.load(ExportFile.read(resource("/org/vosuite/obscore/demo/democam-export.yaml")), reg,
                    Dialect.POSTGRESQL);
            runScenario(reg, target, "'" + NEW + "'");
        }
    }

    static long rows(Connection target, String where) throws Exception {
        try (Statement s = target.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM "
                + "ivoa.\"ObsCore\" WHERE " + where)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String tagTable(Connection reg, String type) throws Exception {
        try (Statement s = reg.createStatement(); ResultSet rs = s.executeQuery("SELECT tag_association_table FROM "
                + "dataset_type WHERE name = '" + type + "'")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * A visit defined after its exposure's raws were published: the raws' rows get the visit's region when the
     * visit_definition row arrives (the outbox trigger on visit_definition queues them).
     */
    @Test
    void lateVisitDefinitionsUpdateExposureRows() throws Exception {
        for (boolean sqlite : new boolean[] {true, false}) {
            try (Connection reg = DriverManager.getConnection(sqlite ? "jdbc:sqlite:" + tmp.resolve("late.sqlite3")
                    : TestPostgres.newDatabase()); Connection target = DriverManager.getConnection(
                    TestPostgres.newDatabase())) {
                RegistryImporter.load(ExportFile.read(resource("/org/vosuite/obscore/demo/democam-export.yaml")), reg,
                        sqlite ? Dialect.SQLITE : Dialect.POSTGRESQL);
                try (Statement s = reg.createStatement()) {
                    s.execute("DELETE FROM visit_definition WHERE exposure = 101");
                }
                ObsCoreConfig config = ObsCoreConfig.read(resource("/org/vosuite/obscore/demo/democam-obscore.yaml"));
                ObsCoreTable table = ObsCoreTable.open(target);
                Outbox.install(reg);
                Backfill.into(table, config, new RegistryReader(reg), 100);
                String raws101 = "obs_id = 'DC_O_20250101_000101'";
                assertEquals(2, rows(target, raws101));
                assertEquals(2, rows(target, raws101 + " AND s_region IS NULL"), "no visit yet: no region");
                LiveRunner live = new LiveRunner(config, reg, table, "late", 10);
                assertEquals(0, live.applyOnce());
                try (Statement s = reg.createStatement()) {
                    s.execute("INSERT INTO visit_definition (instrument, exposure, visit) VALUES ('DemoCam', 101, 101)");
                }
                while (live.applyOnce() > 0) {
                    // the two raws of exposure 101
                }
                assertEquals(2, rows(target, raws101 + " AND s_region IS NOT NULL"), (sqlite ? "SQLite" : "PostgreSQL")
                        + ": the raws of exposure 101 have the region of visit 101 now");
            }
        }
    }

    void runScenario(Connection reg, Connection target, String newId) throws Exception {
        ObsCoreConfig config = ObsCoreConfig.read(resource("/org/vosuite/obscore/demo/democam-obscore.yaml"));
        ObsCoreTable table = ObsCoreTable.open(target);
        assertEquals(List.of(tagTable(reg, "raw"), tagTable(reg, "calexp"), tagTable(reg, "flat"),
                tagTable(reg, "deepCoadd")).stream()
                .sorted().toList(), Outbox.install(reg));
        Backfill.into(table, config, new RegistryReader(reg), 100);
        assertEquals(10, table.count());
        LiveRunner live = new LiveRunner(config, reg, table, "test-registry", 2);
        assertEquals(0, live.applyOnce(), "nothing pending after the backfill");
        String calexps = tagTable(reg, "calexp");
        try (Statement s = reg.createStatement()) {
            // insertDatasets: a new calexp in a new run (dataset row, then its tag row in the run)
            s.execute("INSERT INTO collection (collection_id, name, type) VALUES (99, 'demo/runs/calexp2', 1)");
            s.execute("INSERT INTO run (collection_id) VALUES (99)");
            s.execute("INSERT INTO dataset (id, dataset_type_id, run_id) VALUES (" + newId + ", 2, 99)");
            s.execute("INSERT INTO \"" + calexps + "\" VALUES (2, " + newId + ", 99, 'DemoCam', 0, 101)");
            // removeDatasets: the raw of exposure 100 detector 0 (tag rows go with it, as the cascade does)
            s.execute("DELETE FROM \"" + tagTable(reg, "raw") + "\" WHERE dataset_id = '" + RAW_100_0 + "'");
            s.execute("DELETE FROM file_datastore_records WHERE dataset_id = '" + RAW_100_0 + "'");
            s.execute("DELETE FROM dataset WHERE id = '" + RAW_100_0 + "'");
            // a dataset in a run the configuration does not select
            s.execute("INSERT INTO collection (collection_id, name, type) VALUES (98, 'scratch/someone', 1)");
            s.execute("INSERT INTO run (collection_id) VALUES (98)");
            s.execute("INSERT INTO dataset (id, dataset_type_id, run_id) VALUES ('ffffffffffffffffffffffffffffffff',"
                    + " 2, 98)");
            s.execute("INSERT INTO \"" + calexps + "\" VALUES (2, 'ffffffffffffffffffffffffffffffff', 98, "
                    + "'DemoCam', 1, 101)");
        }
        assertTrue(Outbox.backlog(reg).pending() >= 4);
        // a crash after the target committed a batch but before the outbox was cleared: the batch comes again
        List<Outbox.Change> first = Outbox.pending(reg, 2);
        table.apply(List.of(), List.of(), "test-registry", first.get(1).seq());
        while (live.applyOnce() > 0) {
            // drain
        }
        assertEquals(0, Outbox.backlog(reg).pending());
        assertEquals(10, table.count(), "one added, one removed, the scratch run not selected");
        assertEquals(1, rows(target, "obs_id = '00000101_000' AND obs_publisher_did LIKE '%" + NEW.substring(0, 8)
                + "%'"));
        assertEquals(0, rows(target, "obs_publisher_did LIKE '%24e9e18b%'"), "the removed raw is gone");

        // TAGGED mode: associate and disassociate
        Path tagged = tmp.resolve("tagged.yaml");
        Files.writeString(tagged, Files.readString(resource("/org/vosuite/obscore/demo/democam-obscore.yaml")).replace(
                "collection_type: RUN\ncollections: [\"demo/runs/.*\", \"DemoCam/raw/.*\"]",
                "collection_type: TAGGED\ncollections: [demo/published]"));
        try (Statement s = target.createStatement()) {
            s.execute("TRUNCATE ivoa.\"ObsCore\", vosuite_obscore.dataset");
        }
        ObsCoreConfig taggedConfig = ObsCoreConfig.read(tagged);
        Backfill.into(table, taggedConfig, new RegistryReader(reg), 100);
        assertEquals(3, table.count());
        LiveRunner taggedLive = new LiveRunner(taggedConfig, reg, table, "test-registry", 100);
        try (Statement s = reg.createStatement()) {
            s.execute("DELETE FROM \"" + calexps + "\" WHERE dataset_id = '" + CALEXP_100_0 + "' AND collection_id "
                    + "= (SELECT collection_id FROM collection WHERE name = 'demo/published')");
            s.execute("INSERT INTO \"" + calexps + "\" VALUES (2, " + newId + ", (SELECT collection_id FROM "
                    + "collection WHERE name = 'demo/published'), 'DemoCam', 0, 101)");
        }
        while (taggedLive.applyOnce() > 0) {
            // drain
        }
        assertEquals(3, table.count(), "one disassociated, one associated");
        assertEquals(0, rows(target, "obs_publisher_did LIKE '%80bde7d7%'"));
        assertEquals(1, rows(target, "obs_publisher_did LIKE '%" + NEW.substring(0, 8) + "%'"));
        try (Statement s = target.createStatement(); ResultSet rs = s.executeQuery("SELECT last_seq > 0 FROM "
                + "vosuite_obscore.applied WHERE registry = 'test-registry'")) {
            assertTrue(rs.next() && rs.getBoolean(1), "the last applied change is recorded");
        }
    }
}

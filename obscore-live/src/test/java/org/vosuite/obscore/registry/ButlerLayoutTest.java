package org.vosuite.obscore.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vosuite.felis.TestPostgres;
import org.vosuite.felis.ddl.Dialect;
import org.vosuite.obscore.config.ObsCoreConfig;
import org.vosuite.obscore.exec.Backfill;
import org.vosuite.obscore.exec.ObsCoreTable;
import org.vosuite.obscore.live.LiveRunner;
import org.vosuite.obscore.live.Outbox;

/**
 * daf_butler's own PostgreSQL layout, which differs from the one our importer writes in two ways: dataset ids are
 * {@code uuid} columns, and timespans are single {@code int8range} columns. A registry loaded from the DemoCam
 * export is converted in place to that layout; ObsCore from it must equal ObsCore from the unconverted registry,
 * column by column, provenance must be the same, and the live outbox must still work.
 */
class ButlerLayoutTest {
    static java.nio.file.Path export() throws Exception {
        return RegistryImporterTest.export();
    }

    /** Drops the foreign keys, turns id columns into uuid and timespan pairs into int8range. */
    static void toButlerLayout(Connection c) throws Exception {
        try (Statement s = c.createStatement()) {
            List<String> drops = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT conrelid::regclass::text, conname FROM pg_constraint WHERE "
                    + "contype = 'f' AND connamespace = current_schema()::regnamespace")) {
                while (rs.next()) {
                    drops.add("ALTER TABLE " + rs.getString(1) + " DROP CONSTRAINT \"" + rs.getString(2) + "\"");
                }
            }
            for (String d : drops) {
                s.execute(d);
            }
            List<String[]> columns = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT table_name, column_name FROM information_schema.columns WHERE "
                    + "table_schema = current_schema() AND ((column_name = 'dataset_id' OR (table_name = 'dataset' "
                    + "AND column_name = 'id')) OR column_name = 'timespan_begin')")) {
                while (rs.next()) {
                    columns.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            for (String[] tc : columns) {
                String t = "\"" + tc[0] + "\"";
                if (tc[1].equals("timespan_begin")) {
                    s.execute("ALTER TABLE " + t + " ADD COLUMN timespan int8range");
                    s.execute("UPDATE " + t + " SET timespan = int8range(timespan_begin, timespan_end)");
                    s.execute("ALTER TABLE " + t + " DROP COLUMN timespan_begin, DROP COLUMN timespan_end");
                } else if (!tc[0].equals("obscore_outbox")) {
                    s.execute("ALTER TABLE " + t + " ALTER COLUMN \"" + tc[1] + "\" TYPE uuid USING \"" + tc[1]
                            + "\"::uuid");
                }
            }
        }
    }

    static List<String> obscore(Connection target) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Statement s = target.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM ivoa.\"ObsCore\" "
                + "ORDER BY obs_publisher_did")) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    b.append(md.getColumnName(i)).append('=').append(rs.getString(i)).append('|');
                }
                rows.add(b.toString());
            }
        }
        return rows;
    }

    @Test
    void daf_butlerPostgresLayoutGivesTheSameObsCore() throws Exception {
        ObsCoreConfig config = ObsCoreConfig.read(RegistryImporterTest.export().resolveSibling(
                "democam-obscore.yaml"));
        try (Connection ours = DriverManager.getConnection(TestPostgres.newDatabase());
                Connection butler = DriverManager.getConnection(TestPostgres.newDatabase());
                Connection t1 = DriverManager.getConnection(TestPostgres.newDatabase());
                Connection t2 = DriverManager.getConnection(TestPostgres.newDatabase())) {
            RegistryImporter.load(ExportFile.read(export()), ours, Dialect.POSTGRESQL);
            RegistryImporter.load(ExportFile.read(export()), butler, Dialect.POSTGRESQL);
            toButlerLayout(butler);
            try (Statement s = butler.createStatement(); ResultSet rs = s.executeQuery("SELECT data_type FROM "
                    + "information_schema.columns WHERE table_name = 'exposure' AND column_name = 'timespan'")) {
                assertTrue(rs.next() && rs.getString(1).equals("int8range"), "converted");
            }
            Backfill.into(ObsCoreTable.open(t1), config, new RegistryReader(ours), 4);
            Backfill.into(ObsCoreTable.open(t2), config, new RegistryReader(butler), 4);
            List<String> a = obscore(t1);
            assertEquals(10, a.size());
            assertEquals(a, obscore(t2), "every column of every row");
            // provenance reads uuid ids and int8range validity
            RegistryReader r1 = new RegistryReader(ours);
            RegistryReader r2 = new RegistryReader(butler);
            String calexp = "a3dc4a1137cd5fb9b0d4ca6bdb536da3";
            assertEquals(related(r1, calexp), related(r2, calexp));
            assertEquals(2, related(r2, calexp).size());
            // the live outbox on uuid ids: a raw removed from its run leaves ObsCore
            Outbox.install(butler);
            LiveRunner live = new LiveRunner(config, butler, ObsCoreTable.open(t2), "butler", 10);
            try (Statement s = butler.createStatement()) {
                s.execute("DELETE FROM \"" + rawTagTable(butler) + "\" WHERE dataset_id = "
                        + "'24e9e18b139952348eaf13add2351eb6'::uuid");
            }
            assertEquals(1, live.applyOnce());
            assertEquals(9, obscore(t2).size());
        }
    }

    private static List<String> related(RegistryReader r, String id) throws Exception {
        return DatasetRelations.of(r, r.dataset(id, r.datasetTypes()).orElseThrow()).stream().map(x -> x.kind() + " "
                + x.dataset().id()).toList();
    }

    private static String rawTagTable(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT tag_association_table FROM "
                + "dataset_type WHERE name = 'raw'")) {
            rs.next();
            return rs.getString(1);
        }
    }
}

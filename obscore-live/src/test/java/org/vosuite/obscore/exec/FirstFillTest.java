package org.vosuite.obscore.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosuite.felis.TestPostgres;
import org.vosuite.felis.ddl.Dialect;
import org.vosuite.obscore.build.ObsCoreRow;
import org.vosuite.obscore.registry.ExportFile;
import org.vosuite.obscore.registry.RegistryImporter;
import org.vosuite.obscore.registry.RegistryReader;

/**
 * A first fill writes an empty ObsCore without its primary keys and secondary indexes and builds them once at the
 * end (a real PostgreSQL): they are all back after a backfill, after a fill that stopped half-way, and after stale
 * bookkeeping rows; rows that would break the key make the end of the fill fail, saying why.
 */
class FirstFillTest {
    @TempDir
    Path tmp;

    /** Keys and indexes of ObsCore and the bookkeeping, as "table: definition" lines. */
    static List<String> keys(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT tablename || ': ' || indexdef "
                + "FROM pg_indexes WHERE (schemaname = 'ivoa' AND tablename = 'ObsCore') OR (schemaname = "
                + "'vosuite_obscore' AND tablename = 'dataset') ORDER BY 1")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    static List<ObsCoreRow> rows(Connection reg) throws Exception {
        List<ObsCoreRow> rows = new ArrayList<>();
        Backfill.rows(BackfillTest.config(), new RegistryReader(reg), rows::add);
        return rows;
    }

    @Test
    void keysAndIndexesAreBuiltOnceAtTheEnd() throws Exception {
        try (Connection reg = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("gen3.sqlite3"));
                Connection target = DriverManager.getConnection(TestPostgres.newDatabase())) {
            RegistryImporter.load(ExportFile.read(BackfillTest.resource("/org/vosuite/obscore/demo/"
                    + "democam-export.yaml")), reg, Dialect.SQLITE);
            Backfill.Result r = Backfill.into(ObsCoreTable.open(target), BackfillTest.config(), new RegistryReader(
                    reg), 3);
            assertEquals(10, r.rows());
            List<String> declared = keys(target);
            for (String table : List.of("ObsCore", "dataset")) {
                assertTrue(declared.stream().anyMatch(k -> k.startsWith(table + ": CREATE UNIQUE INDEX")),
                        declared.toString());
            }

            // ObsCore emptied by hand: its 10 bookkeeping rows are stale. A fill that stops half-way: one batch
            // written while the keys are dropped ...
            try (Statement s = target.createStatement()) {
                s.execute("DELETE FROM ivoa.\"ObsCore\"");
            }
            List<ObsCoreRow> rows = rows(reg);
            ObsCoreTable first = ObsCoreTable.open(target);
            assertEquals(List.of(), keys(target).stream().filter(k -> k.contains("UNIQUE")).toList());
            first.write(rows.subList(0, 4));
            // ... then the next open builds them again before anything else, the stale rows gone
            ObsCoreTable.open(target);
            assertEquals(declared, keys(target));
            try (Statement s = target.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM "
                    + "vosuite_obscore.dataset")) {
                rs.next();
                assertEquals(4, rs.getInt(1));
            }
            // the upsert path (keys present) completes the table
            Backfill.into(ObsCoreTable.open(target), BackfillTest.config(), new RegistryReader(reg), 3);
            assertEquals(10, ObsCoreTable.open(target).count());
            assertEquals(declared, keys(target));

            // two rows with one obs_publisher_did: the key cannot be built, and the error says so
            try (Statement s = target.createStatement()) {
                s.execute("DELETE FROM ivoa.\"ObsCore\"");
            }
            ObsCoreTable again = ObsCoreTable.open(target);
            ObsCoreRow one = rows.get(0);
            java.util.Map<String, Object> twin = new java.util.LinkedHashMap<>(rows.get(1).values());
            twin.put("obs_publisher_did", one.get("obs_publisher_did"));
            again.write(List.of(one, new ObsCoreRow(rows.get(1).datasetId(), twin)));
            SQLException e = assertThrows(SQLException.class, again::endFirstFill);
            assertTrue(e.getMessage().contains("duplicate") || e.getMessage().contains("could not create unique "
                    + "index"), e.getMessage());
        }
    }
}

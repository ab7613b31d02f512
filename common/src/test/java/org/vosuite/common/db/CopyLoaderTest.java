package org.vosuite.common.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** COPY into a real PostgreSQL (the embedded one): every value kind read back as it went in, and bad rows. */
class CopyLoaderTest {
    @TempDir
    Path dir;

    @Test
    void rowsComeBackExactlyAndBadValuesFailTheCopy() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("pg"), 0);
                Connection c = DriverManager.getConnection(db.ensureDatabase("copy"));
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE \"Things\" (id bigint, x double precision, ok boolean, name text)");
            List<String> names = List.of("plain", "tab\there", "line\nbreak", "back\\slash \\N", "ünïcødé");
            double[] xs = {1.0 / 3, -2.5e-300, Double.MAX_VALUE, Double.NaN, Double.NEGATIVE_INFINITY};
            try (CopyLoader copy = CopyLoader.open(c, "\"Things\"", List.of("id", "x", "ok", "name"))) {
                for (int i = 0; i < names.size(); i++) {
                    copy.add(i).add(xs[i]).add(i % 2 == 0).add(names.get(i));
                    copy.endRow();
                }
                copy.add(99L).add(0.0).add(false).add((String) null);
                copy.endRow();
                assertEquals(6, copy.rows());
                assertThrows(IllegalStateException.class, copy::endRow, "a row without values");
            }
            try (ResultSet rs = s.executeQuery("SELECT id, x, ok, name FROM \"Things\" ORDER BY id")) {
                for (int i = 0; i < names.size(); i++) {
                    assertTrue(rs.next());
                    assertEquals(i, rs.getLong(1));
                    assertEquals(Double.doubleToLongBits(xs[i]), Double.doubleToLongBits(rs.getDouble(2)));
                    assertEquals(i % 2 == 0, rs.getBoolean(3));
                    assertEquals(names.get(i), rs.getString(4));
                }
                assertTrue(rs.next());
                assertEquals(null, rs.getString(4));
            }
            // a value the column cannot take fails the COPY, and nothing of it is kept
            SQLException e = assertThrows(SQLException.class, () -> {
                try (CopyLoader copy = CopyLoader.open(c, "\"Things\"", List.of("id", "x", "ok", "name"))) {
                    copy.add(100L).add(1.0).add("not a boolean").add("x");
                    copy.endRow();
                }
            });
            assertTrue(e.getMessage().contains("boolean"), e.getMessage());
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM \"Things\"")) {
                rs.next();
                assertEquals(6, rs.getLong(1));
            }
        }
    }
}

package org.vosuite.common.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseTest {
    @TempDir
    Path dir;

    @Test
    void dataSurvivesARestart() throws Exception {
        Path data = dir.resolve("pg");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(data, 0)) {
            String url = db.ensureDatabase("release");
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (id int)");
                s.execute("INSERT INTO kept VALUES (42)");
            }
            assertEquals(url, db.ensureDatabase("release"), "a second ensure is a no-op");
        }
        try (EmbeddedDatabase db = EmbeddedDatabase.start(data, 0);
                Connection c = DriverManager.getConnection(db.ensureDatabase("release"));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id FROM kept")) {
            rs.next();
            assertEquals(42, rs.getInt(1));
        }
    }
}

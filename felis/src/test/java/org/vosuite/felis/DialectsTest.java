package org.vosuite.felis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DDL for the other dialects: executed on real SQLite and H2 databases; MySQL checked as text. */
class DialectsTest {
    @TempDir
    Path dir;

    private static List<String> tables(String url) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url);
                ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                out.add(rs.getString("TABLE_NAME"));
            }
        }
        out.sort(null);
        return out;
    }

    @Test
    void sqliteFileDatabase() throws Exception {
        Path db = dir.resolve("test.db");
        String url = "jdbc:sqlite:" + db;
        Cli.Run r = Cli.felis("create", "--engine-url", url, Cli.resource("every_type.yaml"));
        assertEquals(0, r.exit(), r.toString());
        assertEquals(List.of("table1", "table2"), tables(url));
        // SQLAlchemy-style URL as python felis users write it; --drop recreates the tables
        Cli.Run again = Cli.felis("create", "--engine-url", "sqlite:///" + db, "--drop",
                Cli.resource("every_type.yaml"));
        assertEquals(0, again.exit(), again.toString());
        Cli.Run composite = Cli.felis("create", "--engine-url", url, Cli.resource("composite_keys.yaml"));
        assertEquals(0, composite.exit(), composite.toString());
        assertTrue(tables(url).contains("child"));
    }

    @Test
    void h2WithSchemaAndTapSchema() throws Exception {
        String url = "jdbc:h2:" + dir.resolve("h2db") + ";USER=sa";
        assertEquals(0, Cli.felis("create", "--engine-url", url, "--initialize", "--schema-name", "demo",
                Cli.resource("every_type.yaml")).exit());
        assertEquals(0, Cli.felis("init-tap-schema", "--engine-url", url).exit());
        Cli.Run load = Cli.felis("load-tap-schema", "--engine-url", url, Cli.resource("every_type.yaml"));
        assertEquals(0, load.exit(), load.toString());
        try (Connection c = DriverManager.getConnection(url);
                ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM \"TAP_SCHEMA\".\"columns\" "
                        + "WHERE \"table_name\" LIKE 'test_schema.%'")) {
            rs.next();
            assertEquals(17, rs.getInt(1));
        }
    }

    @Test
    void mysqlDryRunFollowsFelisTypeMapping() throws Exception {
        Path out = dir.resolve("mysql.sql");
        Cli.Run r = Cli.felis("create", "--engine-url", "mysql://", "-o", out.toString(),
                Cli.resource("every_type.yaml"));
        assertEquals(0, r.exit(), r.toString());
        String sql = Files.readString(out);
        assertTrue(sql.contains("CREATE TABLE `test_schema`.`table1` ("), sql);
        assertTrue(sql.contains("`byte_field` TINYINT"), sql);
        assertTrue(sql.contains("`text_field` LONGTEXT"), sql);
        assertTrue(sql.contains("`binary_field` LONGBLOB"), sql);
        assertTrue(sql.contains("`unicode_field` NVARCHAR(128)"), sql);
        assertTrue(sql.contains("`timestamp_field` DATETIME(6)"), sql);
        assertTrue(sql.contains("`boolean_field` BOOLEAN NOT NULL COMMENT 'A boolean.'"), sql);
        assertTrue(sql.contains(") ENGINE=MyISAM COMMENT='Test table 1.';"), sql);
        assertTrue(sql.contains("ALTER TABLE `test_schema`.`table2` ADD CONSTRAINT `fk_table2_to_table1` FOREIGN "
                + "KEY (`table1_id`) REFERENCES `test_schema`.`table1` (`boolean_field`);"), sql);
        assertTrue(sql.contains("CREATE INDEX `idx_two` ON `test_schema`.`table1` (`short_field`, `long_field`);"),
                sql);
        Cli.Run noIdx = Cli.felis("create", "--engine", "mysql", "--skip-indexes", "--ignore-constraints",
                Cli.resource("every_type.yaml"));
        assertTrue(!noIdx.out().contains("CREATE INDEX") && !noIdx.out().contains("FOREIGN KEY"), noIdx.out());
    }

    @Test
    void postgresDryRunAndOverrides() throws Exception {
        Path f = dir.resolve("o.yaml");
        Files.writeString(f, """
                name: o
                tables:
                  - name: t
                    columns:
                      - name: a
                        datatype: string
                        length: 20
                        postgresql:datatype: varchar
                        value: "it's"
                      - name: ts
                        datatype: timestamp
                        value: CURRENT_TIMESTAMP
                """);
        Cli.Run r = Cli.felis("create", "--engine", "postgresql", "--dry-run", "--initialize", f.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().startsWith("CREATE SCHEMA IF NOT EXISTS \"o\";"), r.out());
        assertTrue(r.out().contains("\"a\" VARCHAR(20) DEFAULT 'it''s'"), r.out());
        assertTrue(r.out().contains("\"ts\" TIMESTAMP WITHOUT TIME ZONE DEFAULT CURRENT_TIMESTAMP"), r.out());
        Cli.Run both = Cli.felis("create", "--engine", "postgresql", "--initialize", "--drop", f.toString());
        assertEquals(1, both.exit());
        assertTrue(both.err().contains("cannot drop and initialize"), both.toString());
        Cli.Run bad = Cli.felis("create", "--engine", "oracle", f.toString());
        assertEquals(1, bad.exit());
        assertTrue(bad.err().contains("unknown --engine 'oracle'"), bad.toString());
    }
}

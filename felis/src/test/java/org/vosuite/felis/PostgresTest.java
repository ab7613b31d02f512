package org.vosuite.felis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** felis create / init-tap-schema / load-tap-schema against a real PostgreSQL, read back with SQL. */
class PostgresTest {
    @TempDir
    Path dir;

    private static List<String> rows(String url, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    sb.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                out.add(sb.toString());
            }
        }
        return out;
    }

    @Test
    void createBuildsTablesKeysIndexesAndComments() throws SQLException {
        String url = TestPostgres.newDatabase();
        Cli.Run r = Cli.felis("create", "--engine-url", url, "--initialize", Cli.resource("every_type.yaml"));
        assertEquals(0, r.exit(), r.toString());
        assertEquals(List.of(
                "boolean_field|boolean|NO", "byte_field|smallint|YES", "short_field|smallint|YES",
                "int_field|integer|YES", "long_field|bigint|YES", "float_field|double precision|YES",
                "double_field|double precision|YES", "char_field|character|YES", "char1_field|character|YES",
                "string_field|character varying|YES", "unicode_field|character varying|YES", "text_field|text|YES",
                "binary_field|bytea|YES", "timestamp_field|timestamp without time zone|YES",
                "explicit_arraysize|character varying|YES"),
                rows(url, "SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE "
                        + "table_schema = 'test_schema' AND table_name = 'table1' ORDER BY ordinal_position"));
        assertEquals(List.of("256"), rows(url, "SELECT character_maximum_length FROM information_schema.columns "
                + "WHERE table_name = 'table1' AND column_name = 'string_field'"));
        assertEquals(List.of("6"), rows(url, "SELECT datetime_precision FROM information_schema.columns "
                + "WHERE table_name = 'table1' AND column_name = 'timestamp_field'"));
        assertEquals(List.of("fk_table2_to_table1|FOREIGN KEY", "table2_pkey|PRIMARY KEY"),
                rows(url, "SELECT constraint_name, constraint_type FROM information_schema.table_constraints WHERE "
                        + "table_schema = 'test_schema' AND table_name = 'table2' AND constraint_type <> 'CHECK' ORDER BY 1"));
        assertEquals(List.of("idx_int", "idx_two", "table1_pkey"), rows(url, "SELECT indexname FROM pg_indexes "
                + "WHERE schemaname = 'test_schema' AND tablename = 'table1' ORDER BY 1"));
        assertEquals(List.of("Test table 1.|A boolean."), rows(url, "SELECT obj_description("
                + "'test_schema.table1'::regclass), col_description('test_schema.table1'::regclass, 1)"));
    }

    @Test
    void compositeKeysAndDropRecreate() throws SQLException {
        String url = TestPostgres.newDatabase();
        String file = Cli.resource("composite_keys.yaml");
        assertEquals(0, Cli.felis("create", "--engine-url", url, "--initialize", file).exit());
        Cli.Run again = Cli.felis("create", "--engine-url", url, file);
        assertEquals(1, again.exit(), "tables exist already");
        assertTrue(again.err().contains("already exists"), again.toString());
        assertEquals(0, Cli.felis("create", "--engine-url", url, "--drop", file).exit());
        assertEquals(List.of("a", "b"), rows(url, "SELECT kcu.column_name FROM information_schema.key_column_usage "
                + "kcu WHERE kcu.constraint_name = 'parent_pkey' ORDER BY ordinal_position"));
        assertEquals(List.of("pa|a", "pb|b"), rows(url, "SELECT kcu.column_name, ccu.column_name FROM "
                + "information_schema.key_column_usage kcu JOIN information_schema.constraint_column_usage ccu ON "
                + "ccu.constraint_name = kcu.constraint_name AND ccu.column_name = (CASE kcu.column_name WHEN 'pa' "
                + "THEN 'a' ELSE 'b' END) WHERE kcu.constraint_name = 'fk_child_parent' ORDER BY 1"));
        assertEquals(List.of("CASCADE"), rows(url, "SELECT delete_rule FROM information_schema.referential_"
                + "constraints WHERE constraint_name = 'fk_child_parent'"));
    }

    @Test
    void failedCreateLeavesNothingBehind() throws IOException, SQLException {
        String url = TestPostgres.newDatabase();
        Path f = dir.resolve("half.yaml");
        Files.writeString(f, """
                name: half
                tables:
                  - name: good
                    columns:
                      - name: a
                        datatype: int
                  - name: bad
                    columns:
                      - name: b
                        datatype: int
                        postgresql:datatype: NOSUCHTYPE
                """);
        Cli.Run r = Cli.felis("create", "--engine-url", url, "--initialize", f.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("nothing was changed"), r.toString());
        assertTrue(r.err().contains("nosuchtype"), r.toString());
        assertEquals(List.of(), rows(url, "SELECT table_name FROM information_schema.tables WHERE table_schema = "
                + "'half'"));
        assertEquals(List.of(), rows(url, "SELECT schema_name FROM information_schema.schemata WHERE schema_name "
                + "= 'half'"));
    }

    @Test
    void tapSchemaLoadReplaceListRemove() throws IOException, SQLException {
        String url = TestPostgres.newDatabase();
        Cli.Run init = Cli.felis("init-tap-schema", "--engine-url", url);
        assertEquals(0, init.exit(), init.toString());
        // TAP_SCHEMA describes itself
        assertEquals(List.of("TAP_SCHEMA.columns", "TAP_SCHEMA.key_columns", "TAP_SCHEMA.keys", "TAP_SCHEMA.schemas",
                "TAP_SCHEMA.tables"), rows(url, "SELECT table_name FROM \"TAP_SCHEMA\".\"tables\" ORDER BY 1"));
        assertEquals(List.of("char|64*|64"), rows(url, "SELECT datatype, arraysize, \"size\" FROM \"TAP_SCHEMA\""
                + ".\"columns\" WHERE table_name = 'TAP_SCHEMA.schemas' AND column_name = 'schema_name'"));

        String file = Cli.resource("every_type.yaml");
        Cli.Run load = Cli.felis("load-tap-schema", "--engine-url", url, "--tap-schema-index", "1", file);
        assertEquals(0, load.exit(), load.toString());
        String q = "SELECT column_name, datatype, arraysize, \"size\", xtype, unit, ucd, indexed, principal, std, "
                + "column_index FROM \"TAP_SCHEMA\".\"columns\" WHERE table_name = 'test_schema.table1' ORDER BY 1";
        List<String> columns = rows(url, q);
        assertEquals(List.of(
                "binary_field|unsignedByte|1024*|1024|null|null|null|0|0|0|null",
                "boolean_field|boolean|null|null|null|null|null|1|1|1|null",
                "byte_field|unsignedByte|null|null|null|null|null|0|0|0|null",
                "char1_field|char|null|null|null|null|null|0|0|0|null",
                "char_field|char|64|64|null|null|null|0|0|0|null",
                "double_field|double|null|null|null|null|null|0|0|0|null",
                "explicit_arraysize|char|*|null|null|null|null|0|0|0|null",
                "float_field|float|null|null|null|mag|null|0|0|0|null",
                "int_field|int|null|null|null|deg|pos.eq.ra;meta.main|1|0|0|null",
                "long_field|long|null|null|null|null|null|0|0|0|42",
                "short_field|short|null|null|null|null|null|0|0|0|null",
                "string_field|char|256*|256|null|null|null|0|0|0|null",
                "text_field|char|*|null|null|null|null|0|0|0|null",
                "timestamp_field|char|*|null|timestamp|null|null|0|0|0|null",
                "unicode_field|unicodeChar|128*|128|null|null|null|0|0|0|null"), columns);
        assertEquals(List.of("test_schema|test:Schema|1"), rows(url, "SELECT schema_name, utype, schema_index FROM "
                + "\"TAP_SCHEMA\".\"schemas\" WHERE schema_name = 'test_schema'"));
        assertEquals(List.of("fk_table2_to_table1|test_schema.table2|test_schema.table1"), rows(url,
                "SELECT key_id, from_table, target_table FROM \"TAP_SCHEMA\".\"keys\" WHERE from_table LIKE 'test%'"));
        assertEquals(List.of("table1_id|boolean_field"), rows(url, "SELECT from_column, target_column FROM "
                + "\"TAP_SCHEMA\".\"key_columns\" WHERE key_id = 'fk_table2_to_table1'"));

        // Loading again is idempotent.
        assertEquals(0, Cli.felis("load-tap-schema", "--engine-url", url, "--tap-schema-index", "1", file).exit());
        assertEquals(columns, rows(url, q));

        // A changed file replaces the rows: the removed column and table disappear.
        String changed = Files.readString(Path.of(file))
                .replace("      - name: text_field\n        \"@id\": \"#table1.text_field\"\n        datatype: text\n", "");
        int cut = changed.indexOf("  - name: table2");
        Path f2 = dir.resolve("every_type.yaml");
        Files.writeString(f2, changed.substring(0, cut));
        Cli.Run reload = Cli.felis("load-tap-schema", "--engine-url", url, f2.toString());
        assertEquals(0, reload.exit(), reload.toString());
        assertEquals(14, rows(url, q).size());
        assertEquals(List.of("test_schema.table1"), rows(url, "SELECT table_name FROM \"TAP_SCHEMA\".\"tables\" "
                + "WHERE schema_name = 'test_schema'"));
        assertEquals(List.of(), rows(url, "SELECT key_id FROM \"TAP_SCHEMA\".\"keys\" WHERE from_table LIKE 'test%'"));

        // A second schema whose key id collides is refused unless --unique-keys.
        assertEquals(0, Cli.felis("load-tap-schema", "--engine-url", url, file).exit());
        Path other = dir.resolve("other.yaml");
        Files.writeString(other, Files.readString(Path.of(file)).replace("name: test_schema", "name: other_schema"));
        Cli.Run clash = Cli.felis("load-tap-schema", "--engine-url", url, other.toString());
        assertEquals(1, clash.exit());
        assertTrue(clash.err().contains("--unique-keys"), clash.toString());
        assertEquals(0, Cli.felis("load-tap-schema", "--engine-url", url, "-u", other.toString()).exit());
        assertEquals(List.of("other_schema_fk_table2_to_table1"), rows(url, "SELECT key_id FROM "
                + "\"TAP_SCHEMA\".\"keys\" WHERE from_table LIKE 'other_schema.%'"));

        Cli.Run list = Cli.felis("load-tap-schema", "--engine-url", url, "--list");
        assertEquals(0, list.exit(), list.toString());
        assertTrue(list.out().matches("(?s).*other_schema\\s+-\\s+2\\s+17.*"), list.out());
        assertTrue(list.out().contains("TAP_SCHEMA"), list.out());

        assertEquals(0, Cli.felis("load-tap-schema", "--engine-url", url, "--remove", "other_schema").exit());
        assertEquals(List.of(), rows(url, "SELECT table_name FROM \"TAP_SCHEMA\".\"tables\" WHERE schema_name = "
                + "'other_schema'"));
        Cli.Run gone = Cli.felis("load-tap-schema", "--engine-url", url, "--remove", "other_schema");
        assertEquals(1, gone.exit());
        assertTrue(gone.err().contains("is not loaded"), gone.toString());
    }

    @Test
    void loadWithoutInitSaysWhatToRun() {
        String url = TestPostgres.newDatabase();
        Cli.Run r = Cli.felis("load-tap-schema", "--engine-url", url, Cli.resource("every_type.yaml"));
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("run 'felis init-tap-schema'"), r.toString());
    }

    @Test
    void postfixedTapSchemaLikeCadc() throws SQLException {
        String url = TestPostgres.newDatabase();
        assertEquals(0, Cli.felis("init-tap-schema", "--engine-url", url, "--tap-schema-name", "tap_schema",
                "--tap-tables-postfix", "11", "--no-insert-metadata").exit());
        Cli.Run r = Cli.felis("load-tap-schema", "--engine-url", url, "-n", "tap_schema", "-p", "11",
                Cli.resource("composite_keys.yaml"));
        assertEquals(0, r.exit(), r.toString());
        assertEquals(List.of("composite.child", "composite.parent"),
                rows(url, "SELECT table_name FROM tap_schema.tables11 ORDER BY 1"));
    }
}

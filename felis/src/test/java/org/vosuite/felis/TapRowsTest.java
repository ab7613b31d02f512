package org.vosuite.felis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.vosuite.felis.parse.ReadOptions;
import org.vosuite.felis.tap.TapRows;
import org.vosuite.felis.tap.TapRows.ColumnRow;

/** TAP_SCHEMA derivation, checked against the values python felis's own tests expect for the same file. */
class TapRowsTest {
    private static Map<String, ColumnRow> columns(TapRows rows) {
        return rows.columns().stream().collect(Collectors.toMap(ColumnRow::columnName, Function.identity()));
    }

    @Test
    void everyDatatype() {
        TapRows rows = TapRows.derive(Felis.load(Path.of(Cli.resource("every_type.yaml"))), 3, false);
        assertEquals(new TapRows.SchemaRow("test_schema", "test:Schema",
                "Test schema with one column of every datatype.", 3), rows.schema());
        assertEquals(new TapRows.TableRow("test_schema", "test_schema.table1", "table", null, "Test table 1.", 2),
                rows.tables().get(0));
        assertEquals(0, rows.tables().get(1).tableIndex(), "no tap:table_index → 0");
        Map<String, ColumnRow> c = columns(rows);
        // name → datatype, arraysize, size, xtype
        expect(c, "boolean_field", "boolean", null, null, null);
        expect(c, "byte_field", "unsignedByte", null, null, null);
        expect(c, "short_field", "short", null, null, null);
        expect(c, "int_field", "int", null, null, null);
        expect(c, "long_field", "long", null, null, null);
        expect(c, "float_field", "float", null, null, null);
        expect(c, "double_field", "double", null, null, null);
        expect(c, "char_field", "char", "64", 64, null);
        expect(c, "char1_field", "char", null, null, null);
        expect(c, "string_field", "char", "256*", 256, null);
        expect(c, "unicode_field", "unicodeChar", "128*", 128, null);
        expect(c, "text_field", "char", "*", null, null);
        expect(c, "binary_field", "unsignedByte", "1024*", 1024, null);
        expect(c, "timestamp_field", "char", "*", null, "timestamp");
        expect(c, "explicit_arraysize", "char", "*", null, null);

        ColumnRow b = c.get("boolean_field");
        assertEquals("test_schema.table1", b.tableName());
        assertEquals(1, b.indexed(), "single-string primary key");
        assertEquals(1, b.principal());
        assertEquals(1, b.std());
        assertNull(b.columnIndex());
        assertEquals(42, c.get("long_field").columnIndex());
        assertEquals(1, c.get("int_field").indexed(), "one-column index");
        assertEquals(0, c.get("short_field").indexed(), "member of a two-column index");
        assertEquals("deg", c.get("int_field").unit());
        assertEquals("mag", c.get("float_field").unit(), "fits:tunit is the unit too");
        assertEquals("pos.eq.ra;meta.main", c.get("int_field").ucd());
        assertEquals("test:double", c.get("double_field").utype());

        assertEquals(1, rows.keys().size());
        assertEquals(new TapRows.KeyRow("fk_table2_to_table1", "test_schema.table2", "test_schema.table1",
                "Link table2 to table1.", "test:fk"), rows.keys().get(0));
        assertEquals(new TapRows.KeyColumnRow("fk_table2_to_table1", "table1_id", "boolean_field"),
                rows.keyColumns().get(0));
    }

    @Test
    void forceUnboundedArraysize() {
        var schema = Felis.load(Path.of(Cli.resource("every_type.yaml")),
                ReadOptions.DEFAULT.withForceUnboundedArraysize(true));
        Map<String, ColumnRow> c = columns(TapRows.derive(schema, null, false));
        expect(c, "string_field", "char", "*", null, null);
        expect(c, "unicode_field", "unicodeChar", "*", null, null);
        expect(c, "binary_field", "unsignedByte", "*", null, null);
        expect(c, "char_field", "char", "64", 64, null);
    }

    @Test
    void compositeKeysAndUniqueKeyIds() {
        TapRows rows = TapRows.derive(Felis.load(Path.of(Cli.resource("composite_keys.yaml"))), null, true);
        assertEquals(1, rows.keys().size(), "only foreign keys become keys");
        assertEquals("composite_fk_child_parent", rows.keys().get(0).keyId());
        assertEquals("composite.parent", rows.keys().get(0).targetTable());
        assertEquals(2, rows.keyColumns().size());
        assertEquals(new TapRows.KeyColumnRow("composite_fk_child_parent", "pb", "b"), rows.keyColumns().get(1));
        Map<String, ColumnRow> c = columns(rows);
        assertEquals(0, c.get("a").indexed(), "composite primary key members are not indexed");
        assertEquals(0, c.get("id").indexed(), "a primary key written as a list is not a single-string key");
        assertNull(rows.schema().schemaIndex());
    }

    private static void expect(Map<String, ColumnRow> c, String name, String datatype, String arraysize,
            Integer size, String xtype) {
        ColumnRow r = c.get(name);
        assertEquals(datatype, r.datatype(), name + " datatype");
        assertEquals(arraysize, r.arraysize(), name + " arraysize");
        assertEquals(size, r.size(), name + " size");
        assertEquals(xtype, r.xtype(), name + " xtype");
    }
}

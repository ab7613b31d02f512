package org.vosuite.felis.tap;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vosuite.felis.model.Column;
import org.vosuite.felis.model.Constraint;
import org.vosuite.felis.model.ForeignKey;
import org.vosuite.felis.model.Index;
import org.vosuite.felis.model.Schema;
import org.vosuite.felis.model.Table;

/**
 * The TAP_SCHEMA 1.1 rows of one schema, derived exactly as python felis derives them: {@code table_name} is
 * {@code schema.table}, {@code datatype} is the VOTable type, {@code size} is the integer part of an {@code N} or
 * {@code N*} arraysize, {@code indexed} is 1 only for a single-string primary key or a one-column index, and only
 * foreign keys become keys.
 */
public record TapRows(SchemaRow schema, List<TableRow> tables, List<ColumnRow> columns, List<KeyRow> keys,
        List<KeyColumnRow> keyColumns) {

    public record SchemaRow(String schemaName, String utype, String description, Integer schemaIndex) {
    }

    public record TableRow(String schemaName, String tableName, String tableType, String utype, String description,
            int tableIndex) {
    }

    public record ColumnRow(String tableName, String columnName, String datatype, String arraysize, Integer size,
            String xtype, String description, String utype, String unit, String ucd, int indexed, int principal,
            int std, Integer columnIndex) {
    }

    public record KeyRow(String keyId, String fromTable, String targetTable, String description, String utype) {
    }

    public record KeyColumnRow(String keyId, String fromColumn, String targetColumn) {
    }

    private static final Pattern SIZED = Pattern.compile("^([0-9]+)\\*?$");

    /**
     * @param schemaIndex the {@code schemas.schema_index}, or null
     * @param uniqueKeys  prefix key ids with the schema name, so several schemas in one TAP_SCHEMA cannot clash
     */
    public static TapRows derive(Schema s, Integer schemaIndex, boolean uniqueKeys) {
        SchemaRow schemaRow = new SchemaRow(s.name(), s.votableUtype(), s.description(), schemaIndex);
        List<TableRow> tables = new ArrayList<>();
        List<ColumnRow> columns = new ArrayList<>();
        List<KeyRow> keys = new ArrayList<>();
        List<KeyColumnRow> keyColumns = new ArrayList<>();
        for (Table t : s.tables()) {
            String tableName = s.name() + "." + t.name();
            tables.add(new TableRow(s.name(), tableName, "table", t.votableUtype(), t.description(),
                    t.tapTableIndex() == null ? 0 : t.tapTableIndex()));
            for (Column c : t.columns()) {
                String arraysize = c.votableArraysize() == null || c.votableArraysize().isEmpty()
                        ? null : c.votableArraysize();
                columns.add(new ColumnRow(tableName, c.name(), c.datatype().votableName(), arraysize,
                        size(arraysize), c.votableXtype(), c.description(), c.votableUtype(), c.unit(), c.ivoaUcd(),
                        indexed(t, c), c.tapPrincipal(), c.tapStd(), c.tapColumnIndex()));
            }
            for (Constraint k : t.constraints()) {
                if (k instanceof ForeignKey fk) {
                    String keyId = uniqueKeys ? s.name() + "_" + fk.name() : fk.name();
                    Table target = s.findColumn(fk.referencedColumns().get(0)).orElseThrow().table();
                    keys.add(new KeyRow(keyId, tableName, s.name() + "." + target.name(), fk.description(),
                            fk.votableUtype()));
                    for (int i = 0; i < Math.min(fk.columns().size(), fk.referencedColumns().size()); i++) {
                        keyColumns.add(new KeyColumnRow(keyId,
                                s.findColumn(fk.columns().get(i)).orElseThrow().column().name(),
                                s.findColumn(fk.referencedColumns().get(i)).orElseThrow().column().name()));
                    }
                }
            }
        }
        return new TapRows(schemaRow, List.copyOf(tables), List.copyOf(columns), List.copyOf(keys),
                List.copyOf(keyColumns));
    }

    static Integer size(String arraysize) {
        if (arraysize == null) {
            return null;
        }
        Matcher m = SIZED.matcher(arraysize);
        return m.matches() ? Integer.valueOf(m.group(1)) : null;
    }

    static int indexed(Table t, Column c) {
        if (!t.primaryKeyIsList() && t.primaryKey().size() == 1 && t.primaryKey().get(0).equals(c.id())) {
            return 1;
        }
        for (Index i : t.indexes()) {
            if (i.columns().size() == 1 && i.columns().get(0).equals(c.id())) {
                return 1;
            }
        }
        return 0;
    }
}

package org.vosuite.tap.plan;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.vosuite.tap.metadata.TapColumn;
import org.vosuite.tap.metadata.TapMetadata;
import org.vosuite.tap.metadata.TapSchema;
import org.vosuite.tap.metadata.TapTable;

/**
 * The published tables as a Calcite schema, so Calcite can validate and type queries. The tables hold no data:
 * Calcite only plans and writes SQL; the database executes it.
 */
public final class PublishedTables {
    private PublishedTables() {
    }

    public static CalciteSchema rootSchema(TapMetadata metadata) {
        CalciteSchema root = CalciteSchema.createRootSchema(false, false);
        SchemaPlus plus = root.plus();
        for (TapSchema s : metadata.schemas()) {
            Map<String, Table> tables = new HashMap<>();
            for (TapTable t : s.tables()) {
                tables.put(t.name(), new MetadataTable(t));
            }
            plus.add(s.name(), new AbstractSchema() {
                @Override
                protected Map<String, Table> getTableMap() {
                    return tables;
                }
            });
        }
        return root;
    }

    /** A table known only by its columns' types. */
    public static final class MetadataTable extends AbstractTable {
        private final TapTable table;

        MetadataTable(TapTable table) {
            this.table = table;
        }

        public TapTable tapTable() {
            return table;
        }

        @Override
        public RelDataType getRowType(RelDataTypeFactory f) {
            RelDataTypeFactory.Builder b = f.builder();
            for (TapColumn c : table.columns()) {
                b.add(physicalName(c.name()), f.createTypeWithNullability(sqlType(f, c), true));
            }
            return b.build();
        }
    }

    /**
     * The database's name for a published column. TAP_SCHEMA lists columns whose names are ADQL reserved words
     * delimited ({@code "size"}); the table's column is {@code size}.
     */
    public static String physicalName(String published) {
        return published.length() > 2 && published.startsWith("\"") && published.endsWith("\"")
                ? published.substring(1, published.length() - 1).replace("\"\"", "\"") : published;
    }

    private static final Set<String> GEOMETRY_XTYPES = Set.of("point", "circle", "polygon", "moc", "adql:POINT",
            "adql:REGION", "shape", "multipolygon");

    /** The SQL type a TAP column has in queries: from its VOTable datatype, arraysize and xtype (DALI). */
    static RelDataType sqlType(RelDataTypeFactory f, TapColumn c) {
        String dt = c.datatype() == null ? "char" : c.datatype();
        boolean array = c.arraysize() != null && !isStringType(dt);
        if ("timestamp".equals(c.xtype())) {
            return f.createSqlType(SqlTypeName.TIMESTAMP);
        }
        if (c.xtype() != null && GEOMETRY_XTYPES.contains(c.xtype())) {
            // Stored as DALI/STC-S text; geometry predicates on such columns are planned by the geometry rewrite.
            return f.createSqlType(SqlTypeName.VARCHAR);
        }
        if (array) {
            return f.createSqlType(SqlTypeName.VARCHAR);
        }
        return switch (dt) {
            case "boolean" -> f.createSqlType(SqlTypeName.BOOLEAN);
            case "unsignedByte", "short" -> f.createSqlType(SqlTypeName.SMALLINT);
            case "int" -> f.createSqlType(SqlTypeName.INTEGER);
            case "long" -> f.createSqlType(SqlTypeName.BIGINT);
            case "float" -> f.createSqlType(SqlTypeName.REAL);
            case "double" -> f.createSqlType(SqlTypeName.DOUBLE);
            default -> f.createSqlType(SqlTypeName.VARCHAR);
        };
    }

    private static boolean isStringType(String datatype) {
        return List.of("char", "unicodeChar").contains(datatype);
    }
}

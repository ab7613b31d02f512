package org.vosuite.tap.metadata;

import java.util.List;
import java.util.Optional;

/**
 * A published table. {@code qualifiedName} is TAP_SCHEMA's {@code table_name} ("schema.table"), {@code name} the
 * part after the schema; columns are in {@code column_index} order (unindexed columns last, by name).
 */
public record TapTable(String schemaName, String qualifiedName, String name, String tableType, String description,
        String utype, int tableIndex, List<TapColumn> columns) {
    public TapTable {
        columns = List.copyOf(columns);
    }

    public Optional<TapColumn> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }
}

package org.vosuite.felis.model;

import java.util.List;
import java.util.Optional;

/** A Felis schema: the one model that validation, DDL, TAP_SCHEMA rows, diff, dump and docs all read. */
public record Schema(
        String name,
        String id,
        String description,
        String votableUtype,
        SchemaVersion version,
        List<Resource> resources,
        List<Table> tables,
        Location location) implements Named {

    public Schema {
        resources = List.copyOf(resources);
        tables = List.copyOf(tables);
    }

    public Optional<Table> table(String tableName) {
        return tables.stream().filter(t -> t.name().equals(tableName)).findFirst();
    }

    /** The column with this id anywhere in the schema, with its table. */
    public Optional<ColumnInTable> findColumn(String columnId) {
        for (Table t : tables) {
            for (Column c : t.columns()) {
                if (columnId.equals(c.id())) {
                    return Optional.of(new ColumnInTable(t, c));
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public String kind() {
        return "schema";
    }

    public record ColumnInTable(Table table, Column column) {
    }
}

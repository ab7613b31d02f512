package org.vosuite.felis.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A table. {@code primaryKey} holds the key's column ids; {@code primaryKeyIsList} remembers whether the file wrote a
 * list, because felis marks a column TAP-"indexed" only for a primary key written as a single string.
 *
 * @param columnRefs the {@code columnRefs} block as written (resource → table → local name → spec), kept for dump;
 *                   the imported columns themselves are already in {@code columns}
 */
public record Table(
        String name,
        String id,
        String description,
        String votableUtype,
        List<String> primaryKey,
        boolean primaryKeyIsList,
        Integer tapTableIndex,
        String mysqlEngine,
        String mysqlCharset,
        List<Column> columns,
        List<ColumnGroup> columnGroups,
        List<Constraint> constraints,
        List<Index> indexes,
        Map<String, Object> columnRefs,
        Location location) implements Named {

    public static final String DEFAULT_MYSQL_ENGINE = "MyISAM";

    public Table {
        primaryKey = List.copyOf(primaryKey);
        columns = List.copyOf(columns);
        columnGroups = List.copyOf(columnGroups);
        constraints = List.copyOf(constraints);
        indexes = List.copyOf(indexes);
    }

    public Optional<Column> columnById(String columnId) {
        return columns.stream().filter(c -> columnId.equals(c.id())).findFirst();
    }

    public Optional<Column> columnByName(String columnName) {
        return columns.stream().filter(c -> columnName.equals(c.name())).findFirst();
    }

    public List<Column> localColumns() {
        return columns.stream().filter(c -> c.importedFrom() == null).toList();
    }

    @Override
    public String kind() {
        return "table";
    }
}

package org.vosuite.felis.model;

import java.util.List;

public record ForeignKey(
        String name,
        String id,
        String description,
        String votableUtype,
        boolean deferrable,
        String initially,
        List<String> columns,
        List<String> referencedColumns,
        String onDelete,
        String onUpdate,
        Location location) implements Constraint {
    public ForeignKey {
        columns = List.copyOf(columns);
        referencedColumns = List.copyOf(referencedColumns);
    }

    @Override
    public String type() {
        return "ForeignKey";
    }
}

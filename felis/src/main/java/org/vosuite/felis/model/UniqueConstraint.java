package org.vosuite.felis.model;

import java.util.List;

public record UniqueConstraint(
        String name,
        String id,
        String description,
        String votableUtype,
        boolean deferrable,
        String initially,
        List<String> columns,
        Location location) implements Constraint {
    public UniqueConstraint {
        columns = List.copyOf(columns);
    }

    @Override
    public String type() {
        return "Unique";
    }
}

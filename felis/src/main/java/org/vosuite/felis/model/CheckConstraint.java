package org.vosuite.felis.model;

import java.util.List;

public record CheckConstraint(
        String name,
        String id,
        String description,
        String votableUtype,
        boolean deferrable,
        String initially,
        String expression,
        Location location) implements Constraint {

    @Override
    public List<String> columns() {
        return List.of();
    }

    @Override
    public String type() {
        return "Check";
    }
}

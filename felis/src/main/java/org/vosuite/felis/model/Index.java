package org.vosuite.felis.model;

import java.util.List;

/** An index over column ids or over raw SQL expressions (exactly one of the two is non-empty). */
public record Index(String name, String id, String description, List<String> columns, List<String> expressions,
        Location location) implements Named {
    public Index {
        columns = List.copyOf(columns);
        expressions = List.copyOf(expressions);
    }

    @Override
    public String kind() {
        return "index";
    }
}

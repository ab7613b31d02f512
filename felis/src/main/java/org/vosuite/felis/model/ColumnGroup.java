package org.vosuite.felis.model;

import java.util.List;

public record ColumnGroup(String name, String id, String description, String votableUtype, String ivoaUcd,
        List<String> columns, Location location) implements Named {
    public ColumnGroup {
        columns = List.copyOf(columns);
    }

    @Override
    public String kind() {
        return "column group";
    }
}

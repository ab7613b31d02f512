package org.vosuite.tap.metadata;

import java.util.List;

/** A published schema with its tables in {@code table_index} order. */
public record TapSchema(String name, String description, String utype, Integer schemaIndex, List<TapTable> tables) {
    public TapSchema {
        tables = List.copyOf(tables);
    }
}

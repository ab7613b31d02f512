package org.vosuite.tap.metadata;

import java.util.List;

/** A foreign key from TAP_SCHEMA.keys with its column pairs from TAP_SCHEMA.key_columns. */
public record TapKey(String keyId, String fromTable, String targetTable, String description, String utype,
        List<String> fromColumns, List<String> targetColumns) {
    public TapKey {
        fromColumns = List.copyOf(fromColumns);
        targetColumns = List.copyOf(targetColumns);
    }
}

package org.vosuite.felis.model;

/** Provenance of a column imported with {@code columnRefs}: resource, table and column in the referenced file. */
public record ColumnImport(String resource, String table, String column) {
}

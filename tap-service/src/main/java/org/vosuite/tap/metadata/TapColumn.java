package org.vosuite.tap.metadata;

/** A published column as TAP_SCHEMA.columns describes it; the source of every result FIELD's metadata. */
public record TapColumn(
        String name,
        String datatype,
        String arraysize,
        String xtype,
        String unit,
        String ucd,
        String utype,
        String description,
        boolean principal,
        boolean std,
        boolean indexed,
        Integer columnIndex) {
}

package org.vosuite.tap.plan;

import org.apache.calcite.rel.type.RelDataType;
import org.vosuite.tap.metadata.TapColumn;

/**
 * One column of a query result: its name, its SQL type, and the published column it passes through unchanged
 * (null for a computed expression), whose TAP_SCHEMA metadata the result FIELD then carries.
 *
 * @param originTable the qualified name ("schema.table") of the published table {@code origin} belongs to, or null
 * @param geometry for a computed geometry (POINT, CIRCLE, POLYGON…), its DALI xtype ("point", "circle",
 *                 "polygon"); the database returns it as the DALI text of its numbers. Null otherwise.
 */
public record ResultColumn(String name, RelDataType type, TapColumn origin, String originTable, String geometry) {
}

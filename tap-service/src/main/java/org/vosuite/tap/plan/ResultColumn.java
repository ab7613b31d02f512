package org.vosuite.tap.plan;

import org.apache.calcite.rel.type.RelDataType;
import org.vosuite.tap.metadata.TapColumn;

/**
 * One column of a query result: its name, its SQL type, and the published column it passes through unchanged
 * (null for a computed expression), whose TAP_SCHEMA metadata the result FIELD then carries.
 */
public record ResultColumn(String name, RelDataType type, TapColumn origin) {
}

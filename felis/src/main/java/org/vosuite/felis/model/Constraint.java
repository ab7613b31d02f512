package org.vosuite.felis.model;

import java.util.List;

/** A table constraint; the {@code @type} key of the YAML picks the variant. */
public sealed interface Constraint extends Named permits ForeignKey, UniqueConstraint, CheckConstraint {
    boolean deferrable();

    /** IMMEDIATE, DEFERRED or null. */
    String initially();

    String votableUtype();

    /** The column ids the constraint covers (empty for a check constraint). */
    List<String> columns();

    @Override
    default String kind() {
        return "constraint";
    }

    /** The YAML {@code @type} value. */
    String type();
}

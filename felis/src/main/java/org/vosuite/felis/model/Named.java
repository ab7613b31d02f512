package org.vosuite.felis.model;

/** What every Felis object has: a name, an {@code @id}, a description and where it was written. */
public interface Named {
    String name();

    String id();

    String description();

    Location location();

    /** The word used for this object in messages: schema, table, column, constraint, index, column group. */
    String kind();
}

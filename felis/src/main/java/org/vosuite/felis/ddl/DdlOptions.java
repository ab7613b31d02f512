package org.vosuite.felis.ddl;

/**
 * Options of {@code felis create}.
 *
 * @param schemaName        database schema to create the tables in, instead of the Felis schema's name
 * @param initialize        create the schema (database in MySQL) if it does not exist
 * @param drop              drop the schema first (implies initialize)
 * @param ignoreConstraints leave out foreign-key, unique and check constraints
 * @param skipIndexes       leave out indexes
 */
public record DdlOptions(String schemaName, boolean initialize, boolean drop, boolean ignoreConstraints,
        boolean skipIndexes) {
    public static final DdlOptions DEFAULT = new DdlOptions(null, false, false, false, false);
}

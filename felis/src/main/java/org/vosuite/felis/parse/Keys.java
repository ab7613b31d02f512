package org.vosuite.felis.parse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keys one kind of Felis object accepts. Felis (pydantic, {@code populate_by_name}) takes both the alias and
 * the field name of every key — {@code tap:principal} and {@code tap_principal}, {@code primaryKey} and
 * {@code primary_key} — and rejects everything else.
 */
final class Keys {
    /** spelling → canonical key */
    private final Map<String, String> spellings = new LinkedHashMap<>();

    private Keys() {
    }

    /** Each argument is a canonical key, optionally followed by {@code |} and other accepted spellings. */
    static Keys of(String... keys) {
        Keys k = new Keys();
        for (String spec : keys) {
            String[] parts = spec.split("\\|");
            for (String p : parts) {
                k.spellings.put(p, parts[0]);
            }
        }
        return k;
    }

    Keys plus(String... keys) {
        Keys k = new Keys();
        k.spellings.putAll(spellings);
        k.spellings.putAll(of(keys).spellings);
        return k;
    }

    String canonical(String spelling) {
        return spellings.get(spelling);
    }

    Set<String> spellings() {
        return spellings.keySet();
    }

    List<String> canonicalKeys() {
        return spellings.values().stream().distinct().toList();
    }

    static final Keys BASE = of("name", "@id|id", "description", "votable:utype|votable_utype");

    static final Keys SCHEMA = BASE.plus("version", "resources", "tables");
    static final Keys VERSION = of("current", "compatible", "read_compatible|readCompatible");
    static final Keys RESOURCE = of("uri");
    static final Keys TABLE = BASE.plus("primaryKey|primary_key", "tap:table_index|tap_table_index",
            "mysql:engine|mysql_engine", "mysql:charset|mysql_charset", "columns", "columnGroups|column_groups",
            "constraints", "indexes", "columnRefs|column_refs");
    static final Keys COLUMN = BASE.plus("datatype", "length", "precision", "nullable", "value", "autoincrement",
            "mysql:datatype|mysql_datatype", "postgresql:datatype|postgresql_datatype", "ivoa:ucd|ivoa_ucd",
            "fits:tunit|fits_tunit", "ivoa:unit|ivoa_unit", "tap:column_index|tap_column_index",
            "tap:principal|tap_principal", "votable:arraysize|votable_arraysize", "tap:std|tap_std",
            "votable:xtype|votable_xtype", "votable:datatype|votable_datatype");
    static final Keys CONSTRAINT = BASE.plus("@type|type", "deferrable", "initially");
    static final Keys FOREIGN_KEY = CONSTRAINT.plus("columns", "referencedColumns|referenced_columns",
            "on_delete", "on_update");
    static final Keys UNIQUE = CONSTRAINT.plus("columns");
    static final Keys CHECK = CONSTRAINT.plus("expression");
    static final Keys INDEX = BASE.plus("columns", "expressions");
    static final Keys COLUMN_GROUP = BASE.plus("columns", "ivoa:ucd|ivoa_ucd");
    static final Keys COLUMN_REF = of("ref_name|refName", "overrides");
    static final Keys OVERRIDES = of("datatype", "length", "description", "nullable",
            "tap:principal|tap_principal", "tap:column_index|tap_column_index");
}

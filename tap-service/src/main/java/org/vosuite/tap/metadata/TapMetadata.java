package org.vosuite.tap.metadata;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Everything the service publishes, read once from TAP_SCHEMA and shared by validation, VOSI and result metadata.
 * Immutable: a reload builds a new instance and swaps it in.
 */
public record TapMetadata(List<TapSchema> schemas, List<TapKey> keys, String fingerprint) {
    public TapMetadata {
        schemas = List.copyOf(schemas);
        keys = List.copyOf(keys);
    }

    public List<TapTable> tables() {
        List<TapTable> out = new ArrayList<>();
        schemas.forEach(s -> out.addAll(s.tables()));
        return out;
    }

    /** The table with this exact TAP_SCHEMA table_name ("schema.table"). */
    public Optional<TapTable> table(String qualifiedName) {
        return tables().stream().filter(t -> t.qualifiedName().equals(qualifiedName)).findFirst();
    }

    /**
     * Tables matching an ADQL table reference: delimited parts must match exactly, regular parts
     * case-insensitively (ADQL 2.1 §2.1.3). A null schema matches any schema.
     */
    public List<TapTable> resolve(String schema, boolean schemaQuoted, String table, boolean tableQuoted) {
        List<TapTable> out = new ArrayList<>();
        for (TapTable t : tables()) {
            if (schema != null && !same(t.schemaName(), schema, schemaQuoted)) {
                continue;
            }
            if (same(t.name(), table, tableQuoted)) {
                out.add(t);
            }
        }
        return out;
    }

    static boolean same(String stored, String written, boolean quoted) {
        return quoted ? stored.equals(written)
                : stored.toLowerCase(Locale.ROOT).equals(written.toLowerCase(Locale.ROOT));
    }
}

package org.vosuite.datalink;

import java.util.Locale;

/**
 * An ADQL query with one value from a result row, served as a link ({@code /datalink/query/NAME?ID=value}
 * redirects to TAP's sync endpoint), so a service descriptor on a catalogue column can offer, say, an object's
 * light curve. The value is checked against its kind before it is put into the query: a whole number, or a string
 * (quoted, its quotes doubled).
 *
 * @param adql  the query, with {@code {ID}} where the value goes
 * @param kind  {@code long} or {@code string}
 */
public record NamedQuery(String adql, String kind) {
    public NamedQuery {
        if (!adql.contains("{ID}")) {
            throw new IllegalArgumentException("a named query needs {ID} where the row's value goes: " + adql);
        }
        kind = kind.toLowerCase(Locale.ROOT);
        if (!kind.equals("long") && !kind.equals("string")) {
            throw new IllegalArgumentException("a named query's ID kind is long or string, not '" + kind + "'");
        }
    }

    /** The query for one value. @throws IllegalArgumentException when the value is not of the query's kind */
    public String forId(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("ID is required");
        }
        String literal;
        if (kind.equals("long")) {
            try {
                literal = Long.toString(Long.parseLong(id.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("ID must be a whole number, not '" + id + "'");
            }
        } else {
            literal = "'" + id.replace("'", "''") + "'";
        }
        return adql.replace("{ID}", literal);
    }
}

package org.vosuite.tap.adql;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The ADQL 2.1 reserved words (section 2.1.3 and 2.1.4 of the standard) and the keyword spelling suggestions.
 *
 * <p>Reserved words cannot be names unless double-quoted ({@code "size"}); anything else that matches the
 * regular-identifier syntax is a name, which is why {@code dec}, {@code ra} or {@code raw} need no quotes.
 */
public final class AdqlKeywords {
    private AdqlKeywords() {
    }

    /** SQL-92 reserved words, as listed by ADQL 2.1 section 2.1.3. */
    static final Set<String> SQL = Set.of(
            "ABSOLUTE", "ACTION", "ADD", "ALL", "ALLOCATE", "ALTER", "AND", "ANY", "ARE", "AS", "ASC",
            "ASSERTION", "AT", "AUTHORIZATION", "AVG", "BEGIN", "BETWEEN", "BIT", "BIT_LENGTH", "BOTH", "BY",
            "CASCADE", "CASCADED", "CASE", "CAST", "CATALOG", "CHAR", "CHARACTER", "CHARACTER_LENGTH",
            "CHAR_LENGTH", "CHECK", "CLOSE", "COALESCE", "COLLATE", "COLLATION", "COLUMN", "COMMIT", "CONNECT",
            "CONNECTION", "CONSTRAINT", "CONSTRAINTS", "CONTINUE", "CONVERT", "CORRESPONDING", "COUNT", "CREATE",
            "CROSS", "CURRENT", "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "CURRENT_USER", "CURSOR",
            "DATE", "DAY", "DEALLOCATE", "DECIMAL", "DECLARE", "DEFAULT", "DEFERRABLE", "DEFERRED", "DELETE",
            "DESC", "DESCRIBE", "DESCRIPTOR", "DIAGNOSTICS", "DISCONNECT", "DISTINCT", "DOMAIN", "DOUBLE", "DROP",
            "ELSE", "END", "END-EXEC", "ESCAPE", "EXCEPT", "EXCEPTION", "EXEC", "EXECUTE", "EXISTS", "EXTERNAL",
            "EXTRACT", "FALSE", "FETCH", "FIRST", "FLOAT", "FOR", "FOREIGN", "FOUND", "FROM", "FULL", "GET",
            "GLOBAL", "GO", "GOTO", "GRANT", "GROUP", "HAVING", "HOUR", "IDENTITY", "IMMEDIATE", "IN",
            "INDICATOR", "INITIALLY", "INNER", "INPUT", "INSENSITIVE", "INSERT", "INT", "INTEGER", "INTERSECT",
            "INTERVAL", "INTO", "IS", "ISOLATION", "JOIN", "KEY", "LANGUAGE", "LAST", "LEADING", "LEFT", "LEVEL",
            "LIKE", "LOCAL", "LOWER", "MATCH", "MAX", "MIN", "MINUTE", "MODULE", "MONTH", "NAMES", "NATIONAL",
            "NATURAL", "NCHAR", "NEXT", "NO", "NOT", "NULL", "NULLIF", "NUMERIC", "OCTET_LENGTH", "OF", "ON",
            "ONLY", "OPEN", "OPTION", "OR", "ORDER", "OUTER", "OUTPUT", "OVERLAPS", "PAD", "PARTIAL", "POSITION",
            "PRECISION", "PREPARE", "PRESERVE", "PRIMARY", "PRIOR", "PRIVILEGES", "PROCEDURE", "PUBLIC", "READ",
            "REAL", "REFERENCES", "RELATIVE", "RESTRICT", "REVOKE", "RIGHT", "ROLLBACK", "ROWS", "SCHEMA",
            "SCROLL", "SECOND", "SECTION", "SELECT", "SESSION", "SESSION_USER", "SET", "SIZE", "SMALLINT", "SOME",
            "SPACE", "SQL", "SQLCODE", "SQLERROR", "SQLSTATE", "SUBSTRING", "SUM", "SYSTEM_USER", "TABLE",
            "TEMPORARY", "THEN", "TIME", "TIMESTAMP", "TIMEZONE_HOUR", "TIMEZONE_MINUTE", "TO", "TRAILING",
            "TRANSACTION", "TRANSLATE", "TRANSLATION", "TRIM", "TRUE", "UNION", "UNIQUE", "UNKNOWN", "UPDATE",
            "UPPER", "USAGE", "USER", "USING", "VALUE", "VALUES", "VARCHAR", "VARYING", "VIEW", "WHEN",
            "WHENEVER", "WHERE", "WITH", "WORK", "WRITE", "YEAR", "ZONE");

    /** ADQL's own reserved words (section 2.1.4, plus the optional-feature words of section 4). */
    static final Set<String> ADQL = Set.of(
            "ABS", "ACOS", "AREA", "ASIN", "ATAN", "ATAN2", "BIGINT", "BOX", "CEILING", "CENTROID", "CIRCLE",
            "CONTAINS", "COORD1", "COORD2", "COORDSYS", "COS", "COT", "DEGREES", "DISTANCE", "EXP", "FLOOR",
            "ILIKE", "INTERSECTS", "IN_UNIT", "LOG", "LOG10", "MOD", "OFFSET", "PI", "POINT", "POLYGON", "POWER",
            "RADIANS", "RAND", "REGION", "ROUND", "SIN", "SQRT", "TAN", "TOP", "TRUNCATE");

    /**
     * Words that start statements other than queries. A query that begins with one (or has one after a ';') is an
     * attempt to run something else, and the message says so rather than "expected SELECT".
     */
    static final Set<String> STATEMENTS = Set.of(
            "INSERT", "UPDATE", "DELETE", "DROP", "CREATE", "ALTER", "COPY", "GRANT", "REVOKE", "TRUNCATE",
            "EXECUTE", "EXEC", "CALL", "SET", "BEGIN", "COMMIT", "ROLLBACK", "DECLARE", "MERGE", "VACUUM",
            "ANALYZE", "EXPLAIN", "SHOW", "LOCK", "COMMENT", "REINDEX", "CLUSTER", "LISTEN", "NOTIFY", "PREPARE",
            "DEALLOCATE", "DO", "IMPORT", "ATTACH", "DETACH", "PRAGMA", "REPLACE", "UPSERT", "LOAD", "USE",
            "DESCRIBE", "START", "RESET", "DISCARD", "REFRESH", "SECURITY", "CHECKPOINT");

    /** Keywords worth suggesting for a misspelt word. */
    private static final List<String> SUGGESTIBLE = List.of(
            "SELECT", "FROM", "WHERE", "GROUP", "ORDER", "BY", "HAVING", "TOP", "DISTINCT", "JOIN", "INNER",
            "LEFT", "RIGHT", "FULL", "OUTER", "NATURAL", "USING", "AND", "BETWEEN", "LIKE", "ILIKE", "NULL",
            "EXISTS", "UNION", "INTERSECT", "EXCEPT", "WITH", "OFFSET", "DESC", "LIMIT", "CASE", "WHEN", "THEN",
            "ELSE", "END", "CAST", "COUNT", "CONTAINS", "INTERSECTS", "DISTANCE", "POINT", "CIRCLE", "POLYGON");

    public static boolean isReserved(String word) {
        String upper = word.toUpperCase(Locale.ROOT);
        return SQL.contains(upper) || ADQL.contains(upper);
    }

    /**
     * The keyword {@code word} is probably a misspelling of (one edit, or two for long words), or null. Exact
     * keywords are not suggested: they are not misspelt, merely misplaced.
     */
    static String suggest(String word) {
        String upper = word.toUpperCase(Locale.ROOT);
        if (upper.length() < 3 || isReserved(upper) || upper.equals("LIMIT")) {
            return null;
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : SUGGESTIBLE) {
            int d = distance(upper, k);
            int allowed = k.length() >= 6 ? 2 : 1;
            if (d <= allowed && d < bestDistance && k.length() >= 3) {
                best = k;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}

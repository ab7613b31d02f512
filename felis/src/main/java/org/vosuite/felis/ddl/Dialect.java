package org.vosuite.felis.ddl;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vosuite.felis.model.Column;
import org.vosuite.felis.model.Datatype;

/**
 * The SQL dialects {@code felis create} writes, with felis's type mapping (python felis {@code db/sqltypes.py}:
 * e.g. byte → TINYINT in MySQL but SMALLINT in PostgreSQL, text → LONGTEXT in MySQL) and the per-dialect override
 * keys ({@code mysql:datatype}, {@code postgresql:datatype}).
 */
public enum Dialect {
    POSTGRESQL("postgresql", true, true),
    MYSQL("mysql", true, false),
    SQLITE("sqlite", false, false),
    H2("h2", true, true);

    private static final Pattern OVERRIDE = Pattern.compile("^\\s*([A-Za-z_][A-Za-z0-9_ ]*?)\\s*(?:\\(([^)]*)\\))?\\s*$");

    /** Type-name synonyms that compile to the same SQL, so that they count as redundant overrides. */
    private static final Map<String, String> SYNONYMS = Map.of(
            "INT", "INTEGER", "INT4", "INTEGER", "INT8", "BIGINT", "INT2", "SMALLINT", "BOOL", "BOOLEAN",
            "FLOAT8", "DOUBLE PRECISION", "FLOAT4", "REAL", "CHARACTER VARYING", "VARCHAR");

    private final String cliName;
    private final boolean supportsSchemas;
    private final boolean transactionalDdl;

    Dialect(String cliName, boolean supportsSchemas, boolean transactionalDdl) {
        this.cliName = cliName;
        this.supportsSchemas = supportsSchemas;
        this.transactionalDdl = transactionalDdl;
    }

    public String cliName() {
        return cliName;
    }

    /** SQLite has no schemas (felis ignores the schema name there too). */
    public boolean supportsSchemas() {
        return supportsSchemas;
    }

    /** Whether CREATE TABLE can be rolled back, so a failed create leaves nothing behind. */
    public boolean transactionalDdl() {
        return transactionalDdl;
    }

    public static Optional<Dialect> fromName(String name) {
        for (Dialect d : values()) {
            if (d.cliName.equalsIgnoreCase(name)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** The dialect a JDBC URL talks to, e.g. {@code jdbc:postgresql://…} → POSTGRESQL. */
    public static Optional<Dialect> fromJdbcUrl(String url) {
        String u = url.toLowerCase(Locale.ROOT);
        for (Dialect d : values()) {
            if (u.startsWith("jdbc:" + d.cliName + ":")) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** The column's type in this dialect: its override if one is given for this dialect, else the mapping. */
    public String columnType(Column c) {
        return override(c).map(o -> overrideType(o, c.length()))
                .orElseGet(() -> defaultType(c.datatype(), c.length(), c.precision()));
    }

    /** The override key ({@code mysql:datatype}, {@code postgresql:datatype}) value for this dialect, if any. */
    public Optional<String> override(Column c) {
        return switch (this) {
            case MYSQL -> Optional.ofNullable(c.mysqlDatatype());
            case POSTGRESQL -> Optional.ofNullable(c.postgresqlDatatype());
            default -> Optional.empty();
        };
    }

    /** The name of this dialect's override key, or empty for dialects felis has none for. */
    public Optional<String> overrideKey() {
        return switch (this) {
            case MYSQL -> Optional.of("mysql:datatype");
            case POSTGRESQL -> Optional.of("postgresql:datatype");
            default -> Optional.empty();
        };
    }

    public String defaultType(Datatype type, Integer length, Integer precision) {
        String n = length == null ? "" : "(" + length + ")";
        String p = precision == null ? "" : "(" + precision + ")";
        return switch (type) {
            case BOOLEAN -> "BOOLEAN";
            case BYTE -> this == POSTGRESQL ? "SMALLINT" : "TINYINT";
            case SHORT -> "SMALLINT";
            case INT -> "INTEGER";
            case LONG -> "BIGINT";
            case FLOAT -> this == H2 ? "REAL" : "FLOAT";
            case DOUBLE -> this == POSTGRESQL || this == H2 ? "DOUBLE PRECISION" : "DOUBLE";
            case CHAR -> "CHAR" + n;
            case STRING -> "VARCHAR" + n;
            case UNICODE -> this == POSTGRESQL || this == H2 ? "VARCHAR" + n : "NVARCHAR" + n;
            case TEXT -> switch (this) {
                case MYSQL -> "LONGTEXT";
                case H2 -> "CLOB";
                default -> "TEXT";
            };
            case BINARY -> switch (this) {
                case MYSQL -> "LONGBLOB";
                case POSTGRESQL -> "BYTEA";
                case H2 -> "VARBINARY" + n;
                case SQLITE -> "BLOB";
            };
            case TIMESTAMP -> switch (this) {
                case MYSQL -> "DATETIME" + p;
                case POSTGRESQL -> "TIMESTAMP" + p + " WITHOUT TIME ZONE";
                case H2 -> "TIMESTAMP" + p;
                case SQLITE -> "TIMESTAMP"; // felis applies precision in PostgreSQL and MySQL only
            };
        };
    }

    /**
     * An override string as SQL: {@code NAME(params)} with the name upper-cased; a bare name of a sized type takes
     * the column's length, as felis does ({@code VARCHAR} with length 32 → {@code VARCHAR(32)}).
     */
    public String overrideType(String override, Integer length) {
        Matcher m = OVERRIDE.matcher(override);
        if (!m.matches()) {
            return override.strip();
        }
        String name = m.group(1).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        name = SYNONYMS.getOrDefault(name, name);
        String params = m.group(2);
        // PostgreSQL spells out what a bare TIMESTAMP means, so TIMESTAMP overrides compare equal to the mapping.
        String suffix = this == POSTGRESQL && name.equals("TIMESTAMP") ? " WITHOUT TIME ZONE" : "";
        if (params != null) {
            return name + "(" + params.replaceAll("\\s+", "") + ")" + suffix;
        }
        if (!suffix.isEmpty()) {
            return name + suffix;
        }
        if (length != null && takesLength(name)) {
            return name + "(" + length + ")";
        }
        return name;
    }

    private static boolean takesLength(String typeName) {
        return switch (typeName) {
            case "CHAR", "VARCHAR", "NCHAR", "NVARCHAR", "BINARY", "VARBINARY", "BIT" -> true;
            default -> false;
        };
    }

    /** Double-quoted identifier (backticks for MySQL), so names like {@code size} or {@code Object} are safe. */
    public String quote(String identifier) {
        if (this == MYSQL) {
            return "`" + identifier.replace("`", "``") + "`";
        }
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** A SQL string literal. */
    public String literal(String value) {
        String v = value.replace("'", "''");
        if (this == MYSQL) {
            v = v.replace("\\", "\\\\");
        }
        return "'" + v + "'";
    }
}

package org.vosuite.felis.ddl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.vosuite.felis.model.CheckConstraint;
import org.vosuite.felis.model.Column;
import org.vosuite.felis.model.Constraint;
import org.vosuite.felis.model.ForeignKey;
import org.vosuite.felis.model.Index;
import org.vosuite.felis.model.Schema;
import org.vosuite.felis.model.Table;
import org.vosuite.felis.model.UniqueConstraint;

/**
 * Writes the DDL for a schema in one dialect, following felis: descriptions become SQL comments, {@code value}
 * becomes a server default, unique and check constraints sit in CREATE TABLE, foreign keys come in a second pass
 * (ALTER TABLE, so table order and reference cycles do not matter; inline for SQLite, which cannot add them later),
 * then indexes.
 */
public final class DdlGenerator {
    /** Defaults that are SQL expressions rather than string literals (felis emits these raw). */
    private static final Set<String> RAW_DEFAULTS = Set.of("CURRENT_TIMESTAMP", "NOW()", "LOCALTIMESTAMP", "NULL",
            "CURRENT_DATE", "CURRENT_TIME");

    private final Dialect dialect;
    private final DdlOptions options;

    public DdlGenerator(Dialect dialect, DdlOptions options) {
        this.dialect = dialect;
        this.options = options;
    }

    /** The statements, without trailing semicolons, in execution order. */
    public List<String> statements(Schema schema) {
        String schemaName = options.schemaName() != null ? options.schemaName() : schema.name();
        List<String> out = new ArrayList<>();
        if (dialect.supportsSchemas()) {
            String q = dialect.quote(schemaName);
            if (options.drop()) {
                out.add(dialect == Dialect.MYSQL ? "DROP DATABASE IF EXISTS " + q
                        : "DROP SCHEMA IF EXISTS " + q + " CASCADE");
            }
            if (options.initialize() || options.drop()) {
                out.add(dialect == Dialect.MYSQL ? "CREATE DATABASE IF NOT EXISTS " + q
                        : "CREATE SCHEMA IF NOT EXISTS " + q);
            }
        } else if (options.drop()) {
            // SQLite has no schema to drop: drop the tables, dependants first.
            List<Table> reversed = new ArrayList<>(schema.tables());
            java.util.Collections.reverse(reversed);
            for (Table t : reversed) {
                out.add("DROP TABLE IF EXISTS " + dialect.quote(t.name()));
            }
        }
        for (Table t : schema.tables()) {
            out.add(createTable(schema, schemaName, t));
            out.addAll(comments(schemaName, t));
        }
        if (!options.ignoreConstraints() && dialect != Dialect.SQLITE) {
            for (Table t : schema.tables()) {
                for (Constraint c : t.constraints()) {
                    if (c instanceof ForeignKey fk) {
                        out.add("ALTER TABLE " + qualified(schemaName, t.name()) + " ADD " + foreignKey(schema,
                                schemaName, fk));
                    }
                }
            }
        }
        if (!options.skipIndexes()) {
            for (Table t : schema.tables()) {
                for (Index i : t.indexes()) {
                    out.add(createIndex(schemaName, t, i));
                }
            }
        }
        return out;
    }

    /** The whole script, one statement per paragraph, each ending with a semicolon. */
    public String script(Schema schema) {
        return statements(schema).stream().map(s -> s + ";").collect(Collectors.joining("\n\n", "", "\n"));
    }

    public String qualified(String schemaName, String tableName) {
        return dialect.supportsSchemas() && schemaName != null
                ? dialect.quote(schemaName) + "." + dialect.quote(tableName)
                : dialect.quote(tableName);
    }

    private String createTable(Schema schema, String schemaName, Table t) {
        List<String> parts = new ArrayList<>();
        for (Column c : t.columns()) {
            parts.add(columnDefinition(t, c));
        }
        List<String> pk = pkColumnNames(t);
        if (!pk.isEmpty() && !sqliteAutoincrementPk(t)) {
            parts.add("PRIMARY KEY (" + quotedList(pk) + ")");
        }
        if (!options.ignoreConstraints()) {
            for (Constraint c : t.constraints()) {
                if (c instanceof UniqueConstraint u) {
                    parts.add(deferrable("CONSTRAINT " + dialect.quote(u.name()) + " UNIQUE ("
                            + quotedList(names(t, u.columns())) + ")", u));
                } else if (c instanceof CheckConstraint k) {
                    parts.add("CONSTRAINT " + dialect.quote(k.name()) + " CHECK (" + k.expression() + ")");
                } else if (c instanceof ForeignKey fk && dialect == Dialect.SQLITE) {
                    parts.add(foreignKey(schema, schemaName, fk));
                }
            }
        }
        StringBuilder sb = new StringBuilder("CREATE TABLE ").append(qualified(schemaName, t.name())).append(" (\n");
        sb.append(parts.stream().map(p -> "    " + p).collect(Collectors.joining(",\n")));
        sb.append("\n)");
        if (dialect == Dialect.MYSQL) {
            sb.append(" ENGINE=").append(t.mysqlEngine());
            if (t.mysqlCharset() != null) {
                sb.append(" DEFAULT CHARSET=").append(t.mysqlCharset());
            }
            if (t.description() != null) {
                sb.append(" COMMENT=").append(dialect.literal(t.description()));
            }
        }
        return sb.toString();
    }

    private String columnDefinition(Table t, Column c) {
        StringBuilder sb = new StringBuilder(dialect.quote(c.name())).append(' ');
        boolean auto = Boolean.TRUE.equals(c.autoincrement());
        if (auto && dialect == Dialect.POSTGRESQL && c.postgresqlDatatype() == null) {
            sb.append(switch (c.datatype()) {
                case LONG -> "BIGSERIAL";
                case SHORT, BYTE -> "SMALLSERIAL";
                default -> "SERIAL";
            });
        } else if (auto && dialect == Dialect.SQLITE && sqliteAutoincrementPk(t)) {
            return sb.append("INTEGER PRIMARY KEY AUTOINCREMENT").toString();
        } else {
            sb.append(dialect.columnType(c));
        }
        if (auto && dialect == Dialect.MYSQL) {
            sb.append(" AUTO_INCREMENT");
        } else if (auto && dialect == Dialect.H2) {
            sb.append(" GENERATED BY DEFAULT AS IDENTITY");
        }
        if (c.value() != null) {
            sb.append(" DEFAULT ").append(defaultValue(c.value()));
        }
        if (!c.nullable() || t.primaryKey().contains(c.id())) {
            sb.append(" NOT NULL");
        }
        if (dialect == Dialect.MYSQL && c.description() != null) {
            sb.append(" COMMENT ").append(dialect.literal(c.description()));
        }
        return sb.toString();
    }

    /** SQLite only auto-increments a single INTEGER PRIMARY KEY declared inline. */
    private boolean sqliteAutoincrementPk(Table t) {
        if (dialect != Dialect.SQLITE || t.primaryKey().size() != 1) {
            return false;
        }
        return t.columnById(t.primaryKey().get(0)).map(c -> Boolean.TRUE.equals(c.autoincrement())).orElse(false);
    }

    private String defaultValue(Object value) {
        if (value instanceof Boolean b) {
            return b ? "TRUE" : "FALSE";
        }
        if (value instanceof String s) {
            return RAW_DEFAULTS.contains(s.toUpperCase(Locale.ROOT)) ? s : dialect.literal(s);
        }
        return value.toString();
    }

    private List<String> comments(String schemaName, Table t) {
        List<String> out = new ArrayList<>();
        if (dialect != Dialect.POSTGRESQL && dialect != Dialect.H2) {
            return out;
        }
        String table = qualified(schemaName, t.name());
        if (t.description() != null) {
            out.add("COMMENT ON TABLE " + table + " IS " + dialect.literal(t.description()));
        }
        for (Column c : t.columns()) {
            if (c.description() != null) {
                out.add("COMMENT ON COLUMN " + table + "." + dialect.quote(c.name()) + " IS "
                        + dialect.literal(c.description()));
            }
        }
        return out;
    }

    private String foreignKey(Schema schema, String schemaName, ForeignKey fk) {
        Schema.ColumnInTable first = schema.findColumn(fk.referencedColumns().get(0)).orElseThrow(
                () -> new IllegalStateException("unresolved reference in " + fk.name()));
        List<String> from = new ArrayList<>();
        for (String id : fk.columns()) {
            from.add(schema.findColumn(id).orElseThrow().column().name());
        }
        List<String> to = new ArrayList<>();
        for (String id : fk.referencedColumns()) {
            to.add(schema.findColumn(id).orElseThrow().column().name());
        }
        StringBuilder sb = new StringBuilder("CONSTRAINT ").append(dialect.quote(fk.name())).append(" FOREIGN KEY (")
                .append(quotedList(from)).append(") REFERENCES ")
                .append(qualified(schemaName, first.table().name())).append(" (").append(quotedList(to)).append(')');
        if (fk.onDelete() != null) {
            sb.append(" ON DELETE ").append(fk.onDelete());
        }
        if (fk.onUpdate() != null) {
            sb.append(" ON UPDATE ").append(fk.onUpdate());
        }
        return deferrable(sb.toString(), fk);
    }

    private String deferrable(String sql, Constraint c) {
        if (!c.deferrable() || dialect == Dialect.MYSQL || dialect == Dialect.H2) {
            return sql; // MySQL and H2 have no deferrable constraints
        }
        return sql + " DEFERRABLE" + (c.initially() == null ? "" : " INITIALLY " + c.initially());
    }

    private String createIndex(String schemaName, Table t, Index i) {
        String target = i.columns().isEmpty() ? String.join(", ", i.expressions()) : quotedList(names(t,
                i.columns()));
        String name = dialect.quote(i.name());
        if (dialect == Dialect.H2 && schemaName != null) {
            name = dialect.quote(schemaName) + "." + name; // H2 puts an index in the schema named with it
        }
        return "CREATE INDEX " + name + " ON " + qualified(schemaName, t.name()) + " (" + target + ")";
    }

    private List<String> pkColumnNames(Table t) {
        return names(t, t.primaryKey());
    }

    private static List<String> names(Table t, List<String> ids) {
        List<String> out = new ArrayList<>();
        for (String id : ids) {
            out.add(t.columnById(id).map(Column::name).orElseThrow(
                    () -> new IllegalStateException("column id " + id + " is not in table " + t.name())));
        }
        return out;
    }

    private String quotedList(List<String> names) {
        return names.stream().map(dialect::quote).collect(Collectors.joining(", "));
    }
}

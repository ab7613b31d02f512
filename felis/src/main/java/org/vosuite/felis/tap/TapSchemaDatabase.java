package org.vosuite.felis.tap;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.vosuite.felis.ddl.Database;
import org.vosuite.felis.ddl.DdlGenerator;
import org.vosuite.felis.ddl.DdlOptions;
import org.vosuite.felis.ddl.Dialect;
import org.vosuite.felis.model.Constraint;
import org.vosuite.felis.model.ForeignKey;
import org.vosuite.felis.model.Schema;
import org.vosuite.felis.model.Table;
import org.vosuite.felis.model.UniqueConstraint;
import org.vosuite.felis.parse.FelisFileException;
import org.vosuite.felis.parse.FelisReader;
import org.vosuite.felis.parse.ReadOptions;
import org.vosuite.felis.parse.ReadResult;

/**
 * A TAP_SCHEMA 1.1 in a database: its tables are created from the TAP_SCHEMA Felis model (sdm_schemas
 * {@code tap_schema.yaml}, packaged with this module), optionally under another schema name and with a table
 * postfix (CADC's {@code schemas11}…). Unlike python felis, which only inserts, loading a schema <em>replaces</em>
 * that schema's rows in one transaction: re-running is idempotent and removed tables and columns disappear.
 *
 * <p>Every change is a list of SQL statements, so {@code --dry-run} prints exactly what a real run executes.
 */
public final class TapSchemaDatabase {
    public static final String DEFAULT_NAME = "TAP_SCHEMA";
    private static final String MODEL_RESOURCE = "/org/vosuite/felis/tap/tap_schema.yaml";

    private final Dialect dialect;
    private final String schemaName;
    private final String postfix;
    private final Schema model;
    private final DdlGenerator names;

    public TapSchemaDatabase(Dialect dialect, String schemaName, String postfix) {
        this.dialect = dialect;
        this.schemaName = schemaName == null ? DEFAULT_NAME : schemaName;
        this.postfix = postfix == null ? "" : postfix;
        this.model = renamed(standardModel(), this.schemaName, this.postfix);
        this.names = new DdlGenerator(dialect, DdlOptions.DEFAULT);
    }

    /** The TAP_SCHEMA model as packaged (schema TAP_SCHEMA, tables schemas, tables, columns, keys, key_columns). */
    public static Schema standardModel() {
        try (InputStream in = TapSchemaDatabase.class.getResourceAsStream(MODEL_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the TAP_SCHEMA model " + MODEL_RESOURCE + " is not packaged");
            }
            ReadResult r = new FelisReader(ReadOptions.DEFAULT).read("tap_schema.yaml",
                    new InputStreamReader(in, StandardCharsets.UTF_8), null);
            if (!r.ok()) {
                throw new FelisFileException(r.problems());
            }
            return r.schema();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Schema renamed(Schema std, String name, String postfix) {
        if (postfix.isEmpty() && name.equals(std.name())) {
            return std;
        }
        List<Table> tables = std.tables().stream().map(t -> new Table(t.name() + postfix, t.id(), t.description(),
                t.votableUtype(), t.primaryKey(), t.primaryKeyIsList(), t.tapTableIndex(), t.mysqlEngine(),
                t.mysqlCharset(), t.columns(), t.columnGroups(), t.constraints().stream()
                        .map(c -> renameConstraint(c, postfix)).toList(),
                t.indexes(), t.columnRefs(), t.location())).toList();
        return new Schema(name, std.id(), std.description(), std.votableUtype(), std.version(), std.resources(),
                tables, std.location());
    }

    /** Constraint names are database-wide in some engines: give postfixed tables postfixed constraint names. */
    private static Constraint renameConstraint(Constraint c,
            String postfix) {
        if (postfix.isEmpty()) {
            return c;
        }
        if (c instanceof ForeignKey fk) {
            return new ForeignKey(fk.name() + postfix, fk.id(), fk.description(),
                    fk.votableUtype(), fk.deferrable(), fk.initially(), fk.columns(), fk.referencedColumns(),
                    fk.onDelete(), fk.onUpdate(), fk.location());
        }
        if (c instanceof UniqueConstraint u) {
            return new UniqueConstraint(u.name() + postfix, u.id(), u.description(),
                    u.votableUtype(), u.deferrable(), u.initially(), u.columns(), u.location());
        }
        return c;
    }

    public Schema model() {
        return model;
    }

    /** CREATE statements for the five tables, and optionally TAP_SCHEMA's rows describing itself. */
    public List<String> initStatements(boolean insertMetadata) {
        List<String> out = new ArrayList<>(new DdlGenerator(dialect, new DdlOptions(schemaName, true, false, false,
                false)).statements(model));
        if (insertMetadata) {
            // TAP_SCHEMA describes itself with the same derivation as any schema, under its real name. Its
            // column "size" is an ADQL reserved word, so TAP 1.1 (and felis's packaged rows) publish it delimited.
            TapRows self = TapRows.derive(model, null, false);
            List<TapRows.ColumnRow> columns = self.columns().stream().map(c -> c.columnName().equals("size")
                    ? new TapRows.ColumnRow(c.tableName(), "\"size\"", c.datatype(), c.arraysize(), c.size(),
                            c.xtype(), c.description(), c.utype(), c.unit(), c.ucd(), c.indexed(), c.principal(),
                            c.std(), c.columnIndex())
                    : c).toList();
            out.addAll(loadStatements(new TapRows(self.schema(), self.tables(), columns, self.keys(),
                    self.keyColumns())));
        }
        return out;
    }

    /** Replace the rows of {@code rows.schema()}: delete what is there, insert the new rows. */
    public List<String> loadStatements(TapRows rows) {
        List<String> out = new ArrayList<>(removeStatements(rows.schema().schemaName()));
        var s = rows.schema();
        out.add(insert("schemas", List.of("schema_name", "utype", "description", "schema_index"),
                s.schemaName(), s.utype(), s.description(), s.schemaIndex()));
        for (var t : rows.tables()) {
            out.add(insert("tables", List.of("schema_name", "table_name", "table_type", "utype", "description",
                    "table_index"), t.schemaName(), t.tableName(), t.tableType(), t.utype(), t.description(),
                    t.tableIndex()));
        }
        for (var c : rows.columns()) {
            out.add(insert("columns", List.of("table_name", "column_name", "datatype", "arraysize", "size", "xtype",
                    "description", "utype", "unit", "ucd", "indexed", "principal", "std", "column_index"),
                    c.tableName(), c.columnName(), c.datatype(), c.arraysize(), c.size(), c.xtype(), c.description(),
                    c.utype(), c.unit(), c.ucd(), c.indexed(), c.principal(), c.std(), c.columnIndex()));
        }
        for (var k : rows.keys()) {
            out.add(insert("keys", List.of("key_id", "from_table", "target_table", "description", "utype"),
                    k.keyId(), k.fromTable(), k.targetTable(), k.description(), k.utype()));
        }
        for (var kc : rows.keyColumns()) {
            out.add(insert("key_columns", List.of("key_id", "from_column", "target_column"), kc.keyId(),
                    kc.fromColumn(), kc.targetColumn()));
        }
        return out;
    }

    /** Deletes every row of one schema, children first so TAP_SCHEMA's own foreign keys hold throughout. */
    public List<String> removeStatements(String schema) {
        String lit = dialect.literal(schema);
        String tablesOf = "SELECT " + q("table_name") + " FROM " + t("tables") + " WHERE " + q("schema_name") + " = "
                + lit;
        String keysOf = "SELECT " + q("key_id") + " FROM " + t("keys") + " WHERE " + q("from_table") + " IN ("
                + tablesOf + ")";
        return List.of(
                "DELETE FROM " + t("key_columns") + " WHERE " + q("key_id") + " IN (" + keysOf + ")",
                "DELETE FROM " + t("keys") + " WHERE " + q("from_table") + " IN (" + tablesOf + ")",
                "DELETE FROM " + t("columns") + " WHERE " + q("table_name") + " IN (" + tablesOf + ")",
                "DELETE FROM " + t("tables") + " WHERE " + q("schema_name") + " = " + lit,
                "DELETE FROM " + t("schemas") + " WHERE " + q("schema_name") + " = " + lit);
    }

    /** Loads one schema's rows in one transaction, after checking its key ids are free. */
    public void load(Connection c, TapRows rows) throws Database.DatabaseException {
        List<String> clashes = new ArrayList<>();
        String ids = rows.keys().stream().map(k -> dialect.literal(k.keyId())).collect(Collectors.joining(", "));
        if (!ids.isEmpty()) {
            String sql = "SELECT " + q("key_id") + ", " + q("from_table") + " FROM " + t("keys") + " WHERE "
                    + q("key_id") + " IN (" + ids + ") AND " + q("from_table") + " NOT IN (SELECT " + q("table_name")
                    + " FROM " + t("tables") + " WHERE " + q("schema_name") + " = "
                    + dialect.literal(rows.schema().schemaName()) + ")";
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    clashes.add("'" + rs.getString(1) + "' (already used by " + rs.getString(2) + ")");
                }
            } catch (SQLException e) {
                throw new Database.DatabaseException(missingTapSchemaHint(e));
            }
        }
        if (!clashes.isEmpty()) {
            throw new Database.DatabaseException("key_id " + String.join(", ", clashes) + " is taken by another "
                    + "schema in " + schemaName + "; load with --unique-keys to prefix key ids with the schema name");
        }
        try {
            Database.execute(c, dialect, loadStatements(rows));
        } catch (Database.DatabaseException e) {
            throw new Database.DatabaseException(missingTapSchemaHint(e.getMessage()));
        }
    }

    public void remove(Connection c, String schema) throws Database.DatabaseException {
        List<LoadedSchema> loaded = list(c);
        if (loaded.stream().noneMatch(l -> l.schemaName().equals(schema))) {
            throw new Database.DatabaseException("schema '" + schema + "' is not loaded in " + schemaName
                    + "; loaded: " + loaded.stream().map(LoadedSchema::schemaName).collect(Collectors.joining(", ")));
        }
        Database.execute(c, dialect, removeStatements(schema));
    }

    /** A schema present in TAP_SCHEMA, with how many tables and columns it has there. */
    public record LoadedSchema(String schemaName, Integer schemaIndex, int tables, int columns, String description) {
    }

    public List<LoadedSchema> list(Connection c) throws Database.DatabaseException {
        String sql = "SELECT s." + q("schema_name") + ", s." + q("schema_index") + ", s." + q("description")
                + ", (SELECT COUNT(*) FROM " + t("tables") + " t WHERE t." + q("schema_name") + " = s."
                + q("schema_name") + "), (SELECT COUNT(*) FROM " + t("columns") + " c WHERE c." + q("table_name")
                + " IN (SELECT t2." + q("table_name") + " FROM " + t("tables") + " t2 WHERE t2." + q("schema_name")
                + " = s." + q("schema_name") + ")) FROM " + t("schemas") + " s ORDER BY s." + q("schema_name");
        List<LoadedSchema> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                int idx = rs.getInt(2);
                Integer index = rs.wasNull() ? null : idx;
                out.add(new LoadedSchema(rs.getString(1), index, rs.getInt(4), rs.getInt(5), rs.getString(3)));
            }
        } catch (SQLException e) {
            throw new Database.DatabaseException(missingTapSchemaHint(e));
        }
        return out;
    }

    private String missingTapSchemaHint(SQLException e) {
        return missingTapSchemaHint(e.getMessage());
    }

    private String missingTapSchemaHint(String message) {
        String m = message == null ? "" : message;
        String lower = m.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("does not exist") || lower.contains("no such table") || lower.contains("not found")) {
            return m.strip() + "\n  " + schemaName + " is not initialised in this database: run "
                    + "'felis init-tap-schema' with the same --engine-url, --tap-schema-name and --tap-tables-postfix";
        }
        return m.strip();
    }

    private String insert(String table, List<String> columns, Object... values) {
        StringBuilder sb = new StringBuilder("INSERT INTO ").append(t(table)).append(" (")
                .append(columns.stream().map(this::q).collect(Collectors.joining(", "))).append(") VALUES (");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            Object v = values[i];
            sb.append(v == null ? "NULL" : v instanceof Number ? v.toString() : dialect.literal(v.toString()));
        }
        return sb.append(')').toString();
    }

    private String t(String table) {
        return names.qualified(schemaName, table + postfix);
    }

    private String q(String column) {
        return dialect.quote(column);
    }

    public Dialect dialect() {
        return dialect;
    }

    public String schemaName() {
        return schemaName;
    }
}

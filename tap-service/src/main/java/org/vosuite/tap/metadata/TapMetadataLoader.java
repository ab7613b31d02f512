package org.vosuite.tap.metadata;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads TAP_SCHEMA (as {@code felis init-tap-schema}/{@code load-tap-schema} write it) into {@link TapMetadata}.
 * Runs a handful of queries, once per reload, instead of once per user query.
 */
public final class TapMetadataLoader {
    private final String tapSchema;

    /** @param tapSchema the schema holding the TAP_SCHEMA tables, as stored (e.g. {@code TAP_SCHEMA}) */
    public TapMetadataLoader(String tapSchema) {
        this.tapSchema = tapSchema;
    }

    private String t(String table) {
        return "\"" + tapSchema.replace("\"", "\"\"") + "\".\"" + table + "\"";
    }

    /** A cheap value that changes whenever the published metadata does: compare it to decide on a reload. */
    public String fingerprint(Connection c) throws SQLException {
        String sql = "SELECT md5(coalesce((SELECT string_agg(x::text, '|' ORDER BY x::text) FROM " + t("schemas")
                + " x), '') || coalesce((SELECT string_agg(x::text, '|' ORDER BY x::text) FROM " + t("tables")
                + " x), '') || coalesce((SELECT string_agg(x::text, '|' ORDER BY x::text) FROM " + t("columns")
                + " x), '') || coalesce((SELECT string_agg(x::text, '|' ORDER BY x::text) FROM " + t("keys")
                + " x), '') || coalesce((SELECT string_agg(x::text, '|' ORDER BY x::text) FROM " + t("key_columns")
                + " x), ''))";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    public TapMetadata load(Connection c) throws SQLException {
        String fingerprint = fingerprint(c);
        Map<String, List<TapColumn>> columnsByTable = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT table_name, column_name, "
                + "datatype, arraysize, xtype, unit, ucd, utype, description, principal, std, indexed, "
                + "column_index FROM " + t("columns"))) {
            while (rs.next()) {
                int idx = rs.getInt(13);
                Integer columnIndex = rs.wasNull() ? null : idx;
                columnsByTable.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new TapColumn(
                        rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getString(7), rs.getString(8), rs.getString(9), rs.getInt(10) == 1, rs.getInt(11) == 1,
                        rs.getInt(12) == 1, columnIndex));
            }
        }
        Comparator<TapColumn> columnOrder = Comparator.comparing(
                (TapColumn col) -> col.columnIndex() == null ? Integer.MAX_VALUE : col.columnIndex())
                .thenComparing(TapColumn::name);
        Map<String, List<TapTable>> tablesBySchema = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT schema_name, table_name, "
                + "table_type, description, utype, table_index FROM " + t("tables")
                + " ORDER BY table_index, table_name")) {
            while (rs.next()) {
                String schema = rs.getString(1);
                String qualified = rs.getString(2);
                String name = qualified.startsWith(schema + ".") ? qualified.substring(schema.length() + 1)
                        : qualified;
                List<TapColumn> cols = new ArrayList<>(columnsByTable.getOrDefault(qualified, List.of()));
                cols.sort(columnOrder);
                tablesBySchema.computeIfAbsent(schema, k -> new ArrayList<>()).add(new TapTable(schema, qualified,
                        name, rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6), cols));
            }
        }
        List<TapSchema> schemas = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT schema_name, description, "
                + "utype, schema_index FROM " + t("schemas") + " ORDER BY schema_index NULLS LAST, schema_name")) {
            while (rs.next()) {
                int idx = rs.getInt(4);
                Integer schemaIndex = rs.wasNull() ? null : idx;
                schemas.add(new TapSchema(rs.getString(1), rs.getString(2), rs.getString(3), schemaIndex,
                        tablesBySchema.getOrDefault(rs.getString(1), List.of())));
            }
        }
        Map<String, List<String[]>> pairs = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT key_id, from_column, "
                + "target_column FROM " + t("key_columns"))) {
            while (rs.next()) {
                pairs.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(
                        new String[] {rs.getString(2), rs.getString(3)});
            }
        }
        List<TapKey> keys = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT key_id, from_table, "
                + "target_table, description, utype FROM " + t("keys") + " ORDER BY key_id")) {
            while (rs.next()) {
                List<String[]> p = pairs.getOrDefault(rs.getString(1), List.of());
                keys.add(new TapKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), p.stream().map(a -> a[0]).toList(), p.stream().map(a -> a[1]).toList()));
            }
        }
        return new TapMetadata(schemas, keys, fingerprint);
    }
}

package org.vosuite.obscore.registry;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.vosuite.obscore.region.SkyRegion;
import org.vosuite.obscore.region.SphgeomCodec;

/**
 * Reads datasets and dimension records from a daf_butler registry on SQLite or PostgreSQL, in either layout of
 * the columns that differ: timespans as two BIGINT columns ({@code timespan_begin}, {@code timespan_end}) or one
 * PostgreSQL {@code int8range} ({@code timespan}); dataset ids as 32 hex digits or the {@code uuid} type.
 * Dimension records are cached: a backfill asks for the same visit once per detector.
 */
public final class RegistryReader {
    private final Connection c;
    private final Map<String, Map<List<Object>, Map<String, Object>>> cache = new HashMap<>();

    /**
     * A dataset type in the registry: its id, tag table, calibration table (null unless a calibration type) and
     * required dimensions.
     */
    public record DatasetType(String name, long id, String tagTable, String calibrationTable,
            List<String> dimensions) {
    }

    public RegistryReader(Connection c) {
        this.c = c;
    }

    public Connection connection() {
        return c;
    }

    /** The dataset types of the registry, by name. */
    public Map<String, DatasetType> datasetTypes() throws SQLException {
        Map<String, DatasetType> out = new LinkedHashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT t.name, t.id, t.tag_association_table, "
                + "d.dimension_name, t.calibration_association_table FROM dataset_type t LEFT JOIN dimension_graph_definition d ON "
                + "d.dimension_graph_id = t.dimensions_key ORDER BY t.id");
                ResultSet rs = st.executeQuery()) {
            Map<String, List<String>> dims = new LinkedHashMap<>();
            Map<String, Object[]> types = new LinkedHashMap<>();
            while (rs.next()) {
                types.putIfAbsent(rs.getString(1), new Object[] {rs.getLong(2), rs.getString(3),
                    rs.getString(5)});
                List<String> d = dims.computeIfAbsent(rs.getString(1), k -> new ArrayList<>());
                if (rs.getString(4) != null) {
                    d.add(rs.getString(4));
                }
            }
            types.forEach((name, v) -> out.put(name, new DatasetType(name, (Long) v[0], (String) v[1],
                    (String) v[2], Dimensions.required(dims.get(name)))));
        }
        return out;
    }

    /** How datasets are selected: the runs whose names pass the filter, or the members of one TAGGED collection. */
    public record Selection(Predicate<String> runs, String tagged) {
    }

    /** Calls {@code each} for every dataset of the type in the selection, streaming (constant memory). */
    public void datasets(DatasetType type, Selection selection, java.util.function.Consumer<DatasetRef> each)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT d.id, r.name, f.file_size");
        for (String dim : type.dimensions()) {
            sql.append(", t.").append(q(dim));
        }
        sql.append(" FROM ").append(q(type.tagTable())).append(" t JOIN dataset d ON d.id = t.dataset_id JOIN "
                + "collection r ON r.collection_id = d.run_id LEFT JOIN file_datastore_records f ON f.dataset_id = "
                + "d.id AND f.component = '__NULL_STRING__' WHERE t.dataset_type_id = ? AND ");
        sql.append(selection.tagged() == null ? "t.collection_id = d.run_id"
                : "t.collection_id = (SELECT collection_id FROM collection WHERE name = ?)");
        if (!type.dimensions().isEmpty()) {
            // detector last, so consecutive datasets share their visit's (or exposure's) records
            List<String> order = new ArrayList<>(type.dimensions());
            if (order.remove("detector")) {
                order.add("detector");
            }
            sql.append(" ORDER BY ").append(String.join(", ", order.stream().map(d -> "t." + q(d)).toList()));
        }
        boolean auto = c.getAutoCommit();
        if (c.getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
            c.setAutoCommit(false); // a cursor: rows stream instead of being read all at once
        }
        try (PreparedStatement st = c.prepareStatement(sql.toString())) {
            st.setFetchSize(5000);
            st.setLong(1, type.id());
            if (selection.tagged() != null) {
                st.setString(2, selection.tagged());
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String run = rs.getString(2);
                    if (selection.tagged() == null && !selection.runs().test(run)) {
                        continue;
                    }
                    Map<String, Object> dataId = new LinkedHashMap<>();
                    for (int i = 0; i < type.dimensions().size(); i++) {
                        dataId.put(type.dimensions().get(i), rs.getObject(4 + i));
                    }
                    long size = rs.getLong(3);
                    each.accept(new DatasetRef(rs.getString(1).replace("-", ""), type.name(), run, dataId,
                            rs.wasNull() || size < 0 ? null : size));
                }
            }
        } finally {
            if (c.getAutoCommit() != auto) {
                c.commit();
                c.setAutoCommit(auto);
            }
        }
    }

    /**
     * A dimension record by its key values (in key order, e.g. instrument, id), null when absent. Values as JDBC
     * returns them; the timespan as {@code timespan_begin} / {@code timespan_end} (TAI ns, null unbounded)
     * whichever layout the registry uses.
     */
    public Map<String, Object> record(String element, List<String> keyColumns, List<Object> key)
            throws SQLException {
        Map<List<Object>, Map<String, Object>> byKey = cache.computeIfAbsent(element, k -> new HashMap<>());
        if (byKey.containsKey(key)) {
            return byKey.get(key);
        }
        StringBuilder sql = new StringBuilder("SELECT * FROM " + q(element) + " WHERE ");
        for (int i = 0; i < keyColumns.size(); i++) {
            sql.append(i == 0 ? "" : " AND ").append(q(keyColumns.get(i))).append(" = ?");
        }
        Map<String, Object> record = null;
        try (PreparedStatement st = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < key.size(); i++) {
                st.setObject(i + 1, key.get(i));
            }
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next()) {
                    record = new LinkedHashMap<>();
                    ResultSetMetaData md = rs.getMetaData();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        String col = md.getColumnName(i);
                        Object v = rs.getObject(i);
                        if (col.equals("timespan") && v != null) { // PostgreSQL int8range "[a,b)"
                            String[] ends = v.toString().replaceAll("[\\[\\]()]", "").split(",", -1);
                            record.put("timespan_begin", ends[0].isEmpty() ? null : Long.parseLong(ends[0]));
                            record.put("timespan_end", ends.length < 2 || ends[1].isEmpty() ? null
                                    : Long.parseLong(ends[1]));
                        } else {
                            record.put(col, v);
                        }
                    }
                }
            }
        }
        if (record != null) {
            byKey.put(key, record); // not remembered when absent: a live registry may add it later
        }
        return record;
    }

    /**
     * The visit_detector_region record of a visit and detector. The first request for a visit reads all its
     * detectors at once: datasets come sorted by data ID, so the others follow.
     */
    public Map<String, Object> visitDetectorRegion(Object instrument, Object visit, Object detector)
            throws SQLException {
        Map<List<Object>, Map<String, Object>> byKey = cache.computeIfAbsent("visit_detector_region",
                k -> new HashMap<>());
        List<Object> key = List.of(instrument, ((Number) visit).longValue(), ((Number) detector).longValue());
        Map<String, Object> hit = byKey.get(key);
        if (hit != null) {
            return hit;
        }
        if (byKey.size() > 100_000) {
            byKey.clear(); // bounded: a backfill moves on from visit to visit
        }
        try (PreparedStatement st = c.prepareStatement("SELECT detector, region FROM visit_detector_region WHERE "
                + "instrument = ? AND visit = ?")) {
            st.setObject(1, instrument);
            st.setObject(2, visit);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("region", rs.getString(2));
                    byKey.put(List.of(instrument, ((Number) visit).longValue(), rs.getLong(1)), r);
                }
            }
        }
        return byKey.get(key);
    }

    /** A region column value decoded, or null. */
    public static SkyRegion region(Map<String, Object> record) throws SphgeomCodec.RegionException {
        Object v = record == null ? null : record.get("region");
        return v == null ? null : SphgeomCodec.fromBase64(v.toString());
    }

    /** The first visit an exposure belongs to (visit_definition), or null. */
    public Long visitOf(Object instrument, Object exposure) throws SQLException {
        Map<String, Object> r = record("visit_definition", List.of("instrument", "exposure"), List.of(instrument,
                exposure));
        return r == null ? null : ((Number) r.get("visit")).longValue();
    }

    /**
     * One dataset as it stands now: its data ID from its run's tag row; empty when the dataset is not in the
     * registry (removed) or not of a type in {@code types}.
     */
    public java.util.Optional<DatasetRef> dataset(String id, Map<String, DatasetType> types) throws SQLException {
        String typeName = null;
        String run = null;
        long runId = 0;
        Long size = null;
        try (PreparedStatement st = c.prepareStatement("SELECT t.name, r.name, d.run_id, f.file_size FROM dataset d "
                + "JOIN dataset_type t ON t.id = d.dataset_type_id JOIN collection r ON r.collection_id = d.run_id "
                + "LEFT JOIN file_datastore_records f ON f.dataset_id = d.id AND f.component = '__NULL_STRING__' "
                + "WHERE " + idMatch("d.id"))) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return java.util.Optional.empty();
                }
                typeName = rs.getString(1);
                run = rs.getString(2);
                runId = rs.getLong(3);
                long fs = rs.getLong(4);
                size = rs.wasNull() || fs < 0 ? null : fs;
            }
        }
        DatasetType type = types.get(typeName);
        if (type == null) {
            return java.util.Optional.empty();
        }
        Map<String, Object> dataId = tagRow(type, id, runId);
        return dataId == null ? java.util.Optional.empty()
                : java.util.Optional.of(new DatasetRef(id, typeName, run, dataId, size));
    }

    /** Whether the dataset is in the named (TAGGED) collection. */
    /** The datastore path of a dataset's file (the whole dataset, not a component), as the registry records it. */
    public java.util.Optional<String> filePath(String id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT path FROM file_datastore_records WHERE "
                + idMatch("dataset_id") + " ORDER BY CASE WHEN component = '__NULL_STRING__' THEN 0 ELSE 1 END")) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? java.util.Optional.ofNullable(rs.getString(1)) : java.util.Optional.empty();
            }
        }
    }

    public boolean inCollection(String id, DatasetType type, String collection) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM " + q(type.tagTable()) + " WHERE "
                + idMatch("dataset_id") + " AND collection_id = (SELECT collection_id FROM collection WHERE name = "
                + "?)")) {
            st.setString(1, id);
            st.setString(2, collection);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    private Map<String, Object> tagRow(DatasetType type, String id, long collectionId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT * FROM " + q(type.tagTable()) + " WHERE "
                + idMatch("dataset_id") + " AND collection_id = ?")) {
            st.setString(1, id);
            st.setLong(2, collectionId);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Map<String, Object> dataId = new LinkedHashMap<>();
                for (String d : type.dimensions()) {
                    dataId.put(d, rs.getObject(d));
                }
                return dataId;
            }
        }
    }

    /**
     * A comparison of an id column with a 32-hex-digit parameter that an index on the column serves: PostgreSQL
     * registries made by daf_butler store ids as {@code uuid} (which reads hex without dashes), ours as text.
     */
    private String idMatch(String column) throws SQLException {
        if (uuidIds == null) {
            uuidIds = false;
            if (c.getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
                try (PreparedStatement st = c.prepareStatement("SELECT data_type FROM information_schema.columns "
                        + "WHERE table_name = 'dataset' AND column_name = 'id' AND table_schema = current_schema()");
                        ResultSet rs = st.executeQuery()) {
                    uuidIds = rs.next() && rs.getString(1).equals("uuid");
                }
            }
        }
        return uuidIds ? column + " = CAST(? AS uuid)" : column + " = ?";
    }

    private Boolean uuidIds;

    static String q(String identifier) {
        return org.vosuite.felis.ddl.Dialect.POSTGRESQL.quote(identifier); // SQLite quotes the same way
    }

    /** Whether a table has a column. */
    public boolean hasColumn(String table, String column) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + q(table)
                + " WHERE 1 = 0")) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                if (rs.getMetaData().getColumnName(i).equals(column)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Whether a table exists (in the connection's schema). */
    public boolean hasTable(String name) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        boolean sqlite = md.getDatabaseProductName().equals("SQLite");
        try (ResultSet rs = md.getTables(null, sqlite ? null : c.getSchema(), name, null)) {
            return rs.next();
        }
    }
}

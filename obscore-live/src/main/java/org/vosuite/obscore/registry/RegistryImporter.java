package org.vosuite.obscore.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.vosuite.felis.ddl.Database;
import org.vosuite.felis.ddl.DdlGenerator;
import org.vosuite.felis.ddl.DdlOptions;
import org.vosuite.felis.ddl.Dialect;
import org.vosuite.obscore.registry.ExportFile.ExportException;
import org.vosuite.sdm.SdmSchemas;

/**
 * Loads a {@code butler export} file into a registry database (SQLite or PostgreSQL) laid out as daf_butler lays
 * it out, so registries can be built and tested without the Python stack. The tables come from the Felis model
 * {@code sdm_schemas/butler_registry.yaml} when the database has none yet; the {@code dataset_tags_NNNNNNNN}
 * tables are made per dimension group as daf_butler makes them. One transaction: a file that fails half-way
 * leaves the registry as it was.
 */
public final class RegistryImporter {
    private final Connection c;
    private final Dialect dialect;
    private final Map<String, Long> collectionIds = new HashMap<>();
    private final Map<String, Long> datasetTypeIds = new HashMap<>();
    private final Map<String, String> tagTables = new HashMap<>();
    private final Map<String, List<String>> requiredDims = new HashMap<>();

    /** What an import added. */
    public record Summary(int dimensionRecords, int collections, int datasetTypes, int datasets,
            int associations) {
    }

    private final java.nio.file.Path datastoreRoot;

    private RegistryImporter(Connection c, Dialect dialect, java.nio.file.Path datastoreRoot) {
        this.c = c;
        this.dialect = dialect;
        this.datastoreRoot = datastoreRoot;
    }

    public static Summary load(ExportFile file, Connection c, Dialect dialect) throws ExportException,
            SQLException {
        return load(file, c, dialect, null);
    }

    /**
     * As {@link #load(ExportFile, Connection, Dialect)}, recording the size of each dataset's file found under
     * {@code datastoreRoot} (as {@code butler import --directory} does; ObsCore's access_estsize comes from it);
     * -1 for files not there, and for all files when the root is null.
     */
    public static Summary load(ExportFile file, Connection c, Dialect dialect, java.nio.file.Path datastoreRoot)
            throws ExportException, SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            RegistryImporter i = new RegistryImporter(c, dialect, datastoreRoot);
            i.ensureTables();
            i.readExisting();
            Summary s = i.load(file);
            c.commit();
            return s;
        } catch (ExportException | SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    private void ensureTables() throws SQLException, ExportException {
        if (tableExists("collection")) {
            return;
        }
        String schema = dialect == Dialect.SQLITE ? null : c.getSchema();
        List<String> ddl = new DdlGenerator(dialect, new DdlOptions(schema, schema != null, false, false, false))
                .statements(SdmSchemas.model("butler_registry.yaml"));
        try {
            Database.execute(c, dialect, ddl);
        } catch (Database.DatabaseException e) {
            throw new ExportException("cannot create the registry tables: " + e.getMessage());
        }
    }

    private boolean tableExists(String name) throws SQLException {
        return new RegistryReader(c).hasTable(name);
    }

    private void readExisting() throws SQLException {
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT name, collection_id FROM collection")) {
                while (rs.next()) {
                    collectionIds.put(rs.getString(1), rs.getLong(2));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT name, id, tag_association_table, dimensions_key FROM "
                    + "dataset_type")) {
                while (rs.next()) {
                    datasetTypeIds.put(rs.getString(1), rs.getLong(2));
                    tagTables.put(rs.getString(1), rs.getString(3));
                    requiredDims.put(rs.getString(1), groupDimensions(rs.getLong(4)));
                }
            }
        }
    }

    private List<String> groupDimensions(long key) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT dimension_name FROM dimension_graph_definition "
                + "WHERE dimension_graph_id = ?")) {
            st.setLong(1, key);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return Dimensions.required(out);
    }

    private Summary load(ExportFile file) throws ExportException, SQLException {
        int records = 0;
        int collections = 0;
        int types = 0;
        int datasets = 0;
        int associations = 0;
        for (Map<String, Object> b : file.blocks()) {
            String type = String.valueOf(b.get("type"));
            switch (type) {
                case "dimension" -> records += dimension(b);
                case "collection", "run" -> {
                    collection(b, type.equals("run") ? "RUN" : String.valueOf(b.get("collection_type")));
                    collections++;
                }
                case "dataset_type" -> {
                    datasetType(b);
                    types++;
                }
                case "dataset" -> datasets += datasets(b);
                case "associations" -> associations += associations(b);
                default -> throw new ExportException("unknown export block type '" + type + "'");
            }
        }
        return new Summary(records, collections, types, datasets, associations);
    }

    private int dimension(Map<String, Object> b) throws ExportException, SQLException {
        String element = String.valueOf(b.get("element"));
        if (element.equals("band")) {
            return 0; // a view of physical_filter in daf_butler: no table
        }
        int n = 0;
        for (Map<String, Object> record : maps(b.get("records"), "records of " + element)) {
            Map<String, Object> row = new java.util.LinkedHashMap<>();
            for (Map.Entry<String, Object> e : record.entrySet()) {
                String col = switch (e.getKey()) {
                    case "datetime_begin" -> "timespan_begin";
                    case "datetime_end" -> "timespan_end";
                    default -> e.getKey();
                };
                row.put(col, value(e.getValue()));
            }
            // records already there are kept, as butler import does (skip_existing)
            n += insert(element, row, true);
        }
        return n;
    }

    private void collection(Map<String, Object> b, String type) throws ExportException, SQLException {
        String name = String.valueOf(b.get("name"));
        int code = switch (type) {
            case "RUN" -> 1;
            case "TAGGED" -> 2;
            case "CHAINED" -> 3;
            case "CALIBRATION" -> 4;
            default -> throw new ExportException("collection " + name + " has an unknown type '" + type + "'");
        };
        if (collectionIds.containsKey(name)) {
            throw new ExportException("collection " + name + " is already in the registry");
        }
        long id = next("collection", "collection_id");
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        row.put("collection_id", id);
        row.put("name", name);
        row.put("type", code);
        row.put("doc", b.get("doc"));
        insert("collection", row);
        collectionIds.put(name, id);
        if (code == 1) {
            Map<String, Object> run = new java.util.LinkedHashMap<>();
            run.put("collection_id", id);
            run.put("host", b.get("host"));
            run.put("timespan_begin", value(b.get("timespan_begin")));
            run.put("timespan_end", value(b.get("timespan_end")));
            insert("run", run);
        } else if (code == 3) {
            int position = 0;
            for (Object child : b.get("children") instanceof List<?> l ? l : List.of()) {
                String childName = String.valueOf(child instanceof List<?> pair ? pair.get(0) : child);
                Long childId = collectionIds.get(childName);
                if (childId == null) {
                    throw new ExportException("the chain " + name + " names an unknown collection " + childName);
                }
                Map<String, Object> link = new java.util.LinkedHashMap<>();
                link.put("parent", id);
                link.put("position", position++);
                link.put("child", childId);
                insert("collection_chain", link);
            }
        }
    }

    private void datasetType(Map<String, Object> b) throws ExportException, SQLException {
        String name = String.valueOf(b.get("name"));
        List<String> dims = new ArrayList<>();
        for (Object d : b.get("dimensions") instanceof List<?> l ? l : List.of()) {
            dims.add(String.valueOf(d));
        }
        List<String> required = Dimensions.required(dims);
        long key = dimensionGroup(required);
        String tags = String.format(Locale.ROOT, "dataset_tags_%08d", key);
        ensureTagTable(tags, required);
        long id = next("dataset_type", "id");
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        row.put("id", id);
        row.put("name", name);
        row.put("storage_class", b.get("storage_class"));
        row.put("dimensions_key", key);
        row.put("tag_association_table", tags);
        String calibs = Boolean.TRUE.equals(b.get("is_calibration"))
                ? String.format(Locale.ROOT, "dataset_calibs_%08d", key) : null;
        row.put("calibration_association_table", calibs);
        if (calibs != null) {
            ensureCalibTable(calibs, required);
        }
        insert("dataset_type", row);
        datasetTypeIds.put(name, id);
        tagTables.put(name, tags);
        requiredDims.put(name, required);
    }

    /** The dimension_graph_key of a set of required dimensions, made if new. */
    private long dimensionGroup(List<String> required) throws SQLException {
        Map<Long, Set<String>> groups = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT k.id, d.dimension_name FROM "
                + "dimension_graph_key k LEFT JOIN dimension_graph_definition d ON d.dimension_graph_id = k.id")) {
            while (rs.next()) {
                Set<String> g = groups.computeIfAbsent(rs.getLong(1), k -> new LinkedHashSet<>());
                if (rs.getString(2) != null) {
                    g.add(rs.getString(2));
                }
            }
        }
        for (Map.Entry<Long, Set<String>> g : groups.entrySet()) {
            if (g.getValue().equals(new LinkedHashSet<>(required))) {
                return g.getKey();
            }
        }
        long id = groups.isEmpty() ? 1 : groups.keySet().stream().mapToLong(Long::longValue).max().orElse(0) + 1;
        insert("dimension_graph_key", Map.of("id", id));
        for (String d : required) {
            insert("dimension_graph_definition", Map.of("dimension_graph_id", id, "dimension_name", d));
        }
        return id;
    }

    private void ensureTagTable(String table, List<String> required) throws SQLException {
        ensureAssociationTable(table, "", required, ", PRIMARY KEY (dataset_id, collection_id)");
    }

    /** A CALIBRATION collection's table: each row a dataset certified over a validity range (TAI ns, null open). */
    private void ensureCalibTable(String table, List<String> required) throws SQLException {
        ensureAssociationTable(table, ", timespan_begin BIGINT, timespan_end BIGINT", required, "");
    }

    private void ensureAssociationTable(String table, String extra, List<String> required, String key)
            throws SQLException {
        if (tableExists(table)) {
            return;
        }
        StringBuilder ddl = new StringBuilder("CREATE TABLE " + q(table) + " (dataset_type_id BIGINT NOT NULL, "
                + "dataset_id VARCHAR(32) NOT NULL, collection_id BIGINT NOT NULL" + extra);
        for (String d : required) {
            ddl.append(", ").append(q(d)).append(Dimensions.STRING_VALUED.contains(d) ? " VARCHAR(64)" : " BIGINT")
                    .append(" NOT NULL");
        }
        ddl.append(key).append(")");
        try (Statement s = c.createStatement()) {
            s.execute(ddl.toString());
        }
    }

    private int datasets(Map<String, Object> b) throws ExportException, SQLException {
        String type = String.valueOf(b.get("dataset_type"));
        String run = String.valueOf(b.get("run"));
        Long typeId = datasetTypeIds.get(type);
        Long runId = collectionIds.get(run);
        if (typeId == null || runId == null) {
            throw new ExportException("datasets of " + (typeId == null ? "unknown dataset type " + type
                    : "unknown run " + run));
        }
        long now = TaiTime.fromTaiIso(java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(37)
                .toString());
        int n = 0;
        for (Map<String, Object> r : maps(b.get("records"), "datasets of " + type)) {
            List<Object> ids = r.get("dataset_id") instanceof List<?> l ? new ArrayList<>(l)
                    : List.of(r.get("dataset_id"));
            List<Object> dataIds = r.get("data_id") instanceof List<?> l ? new ArrayList<>(l)
                    : List.of(r.get("data_id"));
            if (ids.size() != dataIds.size()) {
                throw new ExportException("a dataset record of " + type + " has " + ids.size() + " ids and "
                        + dataIds.size() + " data IDs");
            }
            for (int i = 0; i < ids.size(); i++) {
                String id = uuid(ids.get(i));
                Map<String, Object> ds = new java.util.LinkedHashMap<>();
                ds.put("id", id);
                ds.put("dataset_type_id", typeId);
                ds.put("run_id", runId);
                ds.put("ingest_date", now);
                insert("dataset", ds);
                insert(tagTables.get(type), tagRow(type, typeId, id, runId, dataIds.get(i)));
                if (r.get("path") != null) {
                    Map<String, Object> file = new java.util.LinkedHashMap<>();
                    file.put("dataset_id", id);
                    file.put("component", "__NULL_STRING__");
                    file.put("path", String.valueOf(r.get("path")));
                    file.put("formatter", r.get("formatter") == null ? null : String.valueOf(r.get("formatter")));
                    file.put("file_size", fileSize(String.valueOf(r.get("path"))));
                    insert("file_datastore_records", file);
                }
                n++;
            }
        }
        return n;
    }

    private long fileSize(String path) {
        if (datastoreRoot == null) {
            return -1L;
        }
        try {
            java.nio.file.Path f = datastoreRoot.resolve(path).normalize();
            return f.startsWith(datastoreRoot.normalize()) && java.nio.file.Files.isRegularFile(f)
                    ? java.nio.file.Files.size(f) : -1L;
        } catch (java.io.IOException | java.nio.file.InvalidPathException e) {
            return -1L;
        }
    }

    private Map<String, Object> tagRow(String type, long typeId, String id, long collectionId, Object dataId)
            throws ExportException {
        if (!(dataId instanceof Map<?, ?> m)) {
            throw new ExportException("a data ID of " + type + " is not a mapping");
        }
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        row.put("dataset_type_id", typeId);
        row.put("dataset_id", id);
        row.put("collection_id", collectionId);
        for (String d : requiredDims.get(type)) {
            Object v = m.get(d);
            if (v == null) {
                throw new ExportException("a data ID of " + type + " has no value for " + d + ": " + m);
            }
            row.put(d, v);
        }
        return row;
    }

    private int associations(Map<String, Object> b) throws ExportException, SQLException {
        String collection = String.valueOf(b.get("collection"));
        String type = String.valueOf(b.get("collection_type"));
        Long id = collectionIds.get(collection);
        if (id == null) {
            throw new ExportException("associations with unknown collection " + collection);
        }
        if (type.equals("CALIBRATION")) {
            return certifications(collection, id, b);
        }
        if (!type.equals("TAGGED")) {
            throw new ExportException("associations of collection " + collection + " have an unknown collection "
                    + "type '" + type + "' (TAGGED or CALIBRATION)");
        }
        int n = 0;
        for (Object o : b.get("dataset_ids") instanceof List<?> l ? l : List.of()) {
            String ds = uuid(o);
            String table = null;
            try (PreparedStatement st = c.prepareStatement("SELECT t.tag_association_table FROM dataset d JOIN "
                    + "dataset_type t ON t.id = d.dataset_type_id WHERE d.id = ?")) {
                st.setString(1, ds);
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next()) {
                        table = rs.getString(1);
                    }
                }
            }
            if (table == null) {
                throw new ExportException("collection " + collection + " names an unknown dataset " + ds);
            }
            // the data ID is the one the dataset has in its run
            try (PreparedStatement st = c.prepareStatement("INSERT INTO " + q(table) + " SELECT dataset_type_id, "
                    + "dataset_id, ?, " + dimColumns(table) + " FROM " + q(table) + " t WHERE dataset_id = ? AND "
                    + "collection_id = (SELECT run_id FROM dataset WHERE id = ?)")) {
                st.setLong(1, id);
                st.setString(2, ds);
                st.setString(3, ds);
                n += st.executeUpdate();
            }
        }
        return n;
    }

    /** A CALIBRATION collection's {@code validity_ranges}: each a timespan and the datasets certified over it. */
    private int certifications(String collection, long collectionId, Map<String, Object> b)
            throws ExportException, SQLException {
        int n = 0;
        for (Map<String, Object> range : maps(b.get("validity_ranges"), "validity ranges of " + collection)) {
            if (!(range.get("timespan") instanceof ExportFile.Timespan span)) {
                throw new ExportException("a validity range of " + collection + " has no timespan");
            }
            for (Object o : range.get("dataset_ids") instanceof List<?> l ? l : List.of()) {
                String ds = uuid(o);
                try (PreparedStatement st = c.prepareStatement("SELECT t.calibration_association_table, "
                        + "t.tag_association_table FROM dataset d JOIN dataset_type t ON t.id = d.dataset_type_id "
                        + "WHERE d.id = ?")) {
                    st.setString(1, ds);
                    try (ResultSet rs = st.executeQuery()) {
                        if (!rs.next()) {
                            throw new ExportException("collection " + collection + " names an unknown dataset "
                                    + ds);
                        }
                        String table = rs.getString(1);
                        if (table == null) {
                            throw new ExportException("collection " + collection + " certifies " + ds + ", whose "
                                    + "dataset type is not a calibration type (is_calibration: true)");
                        }
                        String tags = rs.getString(2);
                        try (PreparedStatement ins = c.prepareStatement("INSERT INTO " + q(table) + " SELECT "
                                + "dataset_type_id, dataset_id, ?, ?, ?, " + dimColumns(tags) + " FROM " + q(tags)
                                + " t WHERE dataset_id = ? AND collection_id = (SELECT run_id FROM dataset WHERE "
                                + "id = ?)")) {
                            ins.setLong(1, collectionId);
                            ins.setObject(2, span.begin(), java.sql.Types.BIGINT);
                            ins.setObject(3, span.end(), java.sql.Types.BIGINT);
                            ins.setString(4, ds);
                            ins.setString(5, ds);
                            n += ins.executeUpdate();
                        }
                    }
                }
            }
        }
        return n;
    }

    private String dimColumns(String table) throws SQLException {
        List<String> cols = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + q(table)
                + " WHERE 1 = 0")) {
            for (int i = 4; i <= rs.getMetaData().getColumnCount(); i++) {
                cols.add("t." + q(rs.getMetaData().getColumnName(i)));
            }
        }
        return String.join(", ", cols);
    }

    private long next(String table, String column) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(" + column
                + "), 0) + 1 FROM " + q(table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void insert(String table, Map<String, Object> row) throws SQLException {
        insert(table, row, false);
    }

    /** @return rows inserted (0 when {@code skipExisting} and the key was there) */
    private int insert(String table, Map<String, Object> row, boolean skipExisting) throws SQLException {
        StringBuilder sql = new StringBuilder((skipExisting && dialect == Dialect.SQLITE ? "INSERT OR IGNORE INTO "
                : "INSERT INTO ") + q(table) + " (");
        StringBuilder marks = new StringBuilder();
        for (String col : row.keySet()) {
            sql.append(marks.isEmpty() ? "" : ", ").append(q(col));
            marks.append(marks.isEmpty() ? "?" : ", ?");
        }
        sql.append(") VALUES (").append(marks).append(")");
        if (skipExisting && dialect != Dialect.SQLITE) {
            sql.append(" ON CONFLICT DO NOTHING");
        }
        try (PreparedStatement st = c.prepareStatement(sql.toString())) {
            int i = 1;
            for (Object v : row.values()) {
                st.setObject(i++, v);
            }
            return st.executeUpdate();
        }
    }

    /** A value from the export file as the registry column holds it. */
    private static Object value(Object v) throws ExportException {
        if (v instanceof ExportFile.TaiNs t) {
            return t.ns();
        } else if (v instanceof ExportFile.RegionHex r) {
            return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(r.hex()));
        } else if (v instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        } else if (v instanceof ExportFile.Uuid u) {
            return u.hex();
        } else if (v instanceof Map<?, ?> || v instanceof List<?>) {
            throw new ExportException("a record value of an unexpected shape: " + v);
        }
        return v;
    }

    private static String uuid(Object o) throws ExportException {
        if (o instanceof ExportFile.Uuid u) {
            return u.hex();
        }
        try {
            return ExportFile.Uuid.of(String.valueOf(o)).hex();
        } catch (IllegalArgumentException e) {
            throw new ExportException(e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object o, String what) throws ExportException {
        if (!(o instanceof List<?> l)) {
            throw new ExportException(what + " is not a list");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object x : l) {
            if (!(x instanceof Map<?, ?>)) {
                throw new ExportException(what + ": an entry is not a mapping");
            }
            out.add((Map<String, Object>) x);
        }
        return out;
    }

    private static String q(String identifier) {
        return RegistryReader.q(identifier);
    }
}

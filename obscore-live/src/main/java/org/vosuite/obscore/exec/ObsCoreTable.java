package org.vosuite.obscore.exec;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.vosuite.felis.ddl.Database;
import org.vosuite.felis.ddl.DdlGenerator;
import org.vosuite.felis.ddl.DdlOptions;
import org.vosuite.felis.ddl.Dialect;
import org.vosuite.common.db.CopyLoader;
import org.vosuite.obscore.build.ObsCoreRow;
import org.vosuite.sdm.SdmSchemas;

/**
 * The ivoa.ObsCore table of the TAP database (PostgreSQL), as sdm_schemas describes it, and the bookkeeping that
 * ties its rows to registry datasets ({@code vosuite_obscore.dataset}: dataset id → obs_publisher_did), so a
 * removed dataset's row can be found. Rows are upserted on obs_publisher_did: writing the same dataset twice
 * changes nothing.
 */
public final class ObsCoreTable {
    static final String TABLE = "ivoa.\"ObsCore\"";
    private final Connection c;
    private final Set<String> columns;
    /** The table was empty when opened and nothing but COPYs have gone in since: no upsert needed. */
    private boolean firstFill;

    private ObsCoreTable(Connection c, Set<String> columns) {
        this.c = c;
        this.columns = columns;
    }

    /** Opens the table, creating it (and, without pg_sphere, its HEALPix index) when the database has none. */
    public static ObsCoreTable open(Connection c) throws SQLException, Database.DatabaseException {
        if (columns(c).isEmpty()) {
            Database.execute(c, Dialect.POSTGRESQL, new DdlGenerator(Dialect.POSTGRESQL, new DdlOptions(null, true,
                    false, false, false)).statements(SdmSchemas.model("ivoa_obscore.yaml")));
        }
        // TAP cone searches on s_ra, s_dec use this index when the database has the TAP service's HEALPix
        // functions (no pg_sphere)
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT to_regprocedure("
                + "'vosuite.healpix12(double precision, double precision)') IS NOT NULL")) {
            rs.next();
            if (rs.getBoolean(1)) {
                s.execute("CREATE INDEX IF NOT EXISTS obscore_healpix ON " + TABLE
                        + " (vosuite.healpix12(s_ra, s_dec))");
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS vosuite_obscore");
            s.execute("CREATE TABLE IF NOT EXISTS vosuite_obscore.dataset (dataset_id text PRIMARY KEY, "
                    + "obs_publisher_did text NOT NULL)");
        }
        ObsCoreTable t = new ObsCoreTable(c, columns(c));
        t.restoreIndexes(); // a first fill that stopped half-way left them out
        t.firstFill = t.count() == 0;
        if (t.firstFill) {
            t.dropSecondaryIndexes();
        }
        return t;
    }

    /**
     * For a first fill the secondary indexes and the primary keys of the two tables COPY writes (ObsCore and the
     * bookkeeping) are dropped and built once at the end, from sorted data instead of row by row (measured with
     * bench/ObsCoreBench.java: secondary indexes on 100,000 rows: backfill 25,101 → 35,143 rows/s; primary keys
     * too, 1,000,000 rows: see the README). Their definitions are kept in the database until rebuilt, so a fill
     * that stops half-way gets them back on the next open. An empty ObsCore means any bookkeeping rows left are
     * stale: they go first, so the keys can be rebuilt.
     */
    private void dropSecondaryIndexes() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS vosuite_obscore.pending_index (name text PRIMARY KEY, definition "
                    + "text NOT NULL)");
            s.execute("DELETE FROM vosuite_obscore.dataset");
            s.execute("INSERT INTO vosuite_obscore.pending_index SELECT i.indexname, i.indexdef FROM pg_indexes i "
                    + "WHERE i.schemaname = 'ivoa' AND i.tablename = 'ObsCore' AND NOT EXISTS (SELECT 1 FROM "
                    + "pg_constraint k WHERE k.conname = i.indexname) ON CONFLICT DO NOTHING");
            s.execute("INSERT INTO vosuite_obscore.pending_index SELECT " + PRIMARY_KEY_PREFIX
                    + " || k.conrelid::regclass, 'ALTER TABLE ' || k.conrelid::regclass || ' ADD CONSTRAINT ' || quote_ident(k.conname) || ' ' "
                    + "|| pg_get_constraintdef(k.oid) FROM pg_constraint k WHERE k.contype = 'p' AND k.conrelid IN "
                    + KEYED_TABLES + " ON CONFLICT DO NOTHING");
            List<String> names = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT name FROM vosuite_obscore.pending_index")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            for (String n : names) {
                if (!n.startsWith(PRIMARY_KEY)) {
                    s.execute("DROP INDEX IF EXISTS ivoa.\"" + n.replace("\"", "\"\"") + "\"");
                }
            }
            List<String> drops = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT 'ALTER TABLE ' || k.conrelid::regclass || ' DROP CONSTRAINT ' "
                    + "|| quote_ident(k.conname) FROM pg_constraint k WHERE k.contype = 'p' AND k.conrelid IN "
                    + KEYED_TABLES)) {
                while (rs.next()) {
                    drops.add(rs.getString(1));
                }
            }
            for (String d : drops) {
                s.execute(d);
            }
        }
    }

    /** Pending-index names of dropped primary keys: this prefix, then the table. */
    private static final String PRIMARY_KEY = "primary key of ";
    private static final String PRIMARY_KEY_PREFIX = "'" + PRIMARY_KEY + "'";
    private static final String KEYED_TABLES = "('ivoa.\"ObsCore\"'::regclass, 'vosuite_obscore.dataset'::regclass)";

    /** Builds the indexes and keys a first fill dropped (none pending: nothing to do). */
    private void restoreIndexes() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS vosuite_obscore.pending_index (name text PRIMARY KEY, definition "
                    + "text NOT NULL)");
            List<String[]> pending = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT name, definition FROM vosuite_obscore.pending_index")) {
                while (rs.next()) {
                    pending.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            for (String[] p : pending) {
                if (!p[0].startsWith(PRIMARY_KEY)) {
                    s.execute(p[1].replaceFirst("^CREATE (UNIQUE )?INDEX ", "CREATE $1INDEX IF NOT EXISTS "));
                    continue;
                }
                try (PreparedStatement has = c.prepareStatement("SELECT 1 FROM pg_constraint WHERE contype = 'p' "
                        + "AND conrelid = ?::regclass")) {
                    has.setString(1, p[0].substring(PRIMARY_KEY.length()));
                    try (ResultSet rs = has.executeQuery()) {
                        if (!rs.next()) {
                            s.execute(p[1]);
                        }
                    }
                }
            }
            s.execute("DELETE FROM vosuite_obscore.pending_index");
        }
    }

    private static Set<String> columns(Connection c) throws SQLException {
        Set<String> out = new TreeSet<>();
        try (ResultSet rs = c.getMetaData().getColumns(null, "ivoa", "ObsCore", null)) {
            while (rs.next()) {
                out.add(rs.getString("COLUMN_NAME"));
            }
        }
        return out;
    }

    /** Checks that every column the rows will carry exists in the table. */
    public void check(Collection<String> rowColumns) throws SQLException {
        List<String> missing = rowColumns.stream().filter(col -> !columns.contains(col)).toList();
        if (!missing.isEmpty()) {
            throw new SQLException("ivoa.ObsCore has no column " + String.join(", ", missing) + " (configured extra "
                    + "columns must be columns of the table; add them to its Felis model)");
        }
    }

    /** Upserts a batch of rows in one transaction. */
    public void write(List<ObsCoreRow> rows) throws SQLException {
        apply(rows, List.of(), null, 0);
    }

    /**
     * In one transaction: upserts {@code rows}, deletes the rows of {@code deletedDatasets}, and, when
     * {@code registry} is given, records {@code lastSeq} as the last outbox change applied from it.
     */
    public void apply(List<ObsCoreRow> rows, Collection<String> deletedDatasets, String registry, long lastSeq)
            throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            if (firstFill && (registry != null || !deletedDatasets.isEmpty())) {
                c.commit();
                endFirstFill(); // live changes: from now on rows may already be there
            }
            upsert(rows);
            delete(deletedDatasets);
            if (registry != null) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE IF NOT EXISTS vosuite_obscore.applied (registry text PRIMARY KEY, "
                            + "last_seq bigint NOT NULL, applied_at timestamptz NOT NULL)");
                }
                try (PreparedStatement st = c.prepareStatement("INSERT INTO vosuite_obscore.applied VALUES (?, ?, "
                        + "clock_timestamp()) ON CONFLICT (registry) DO UPDATE SET last_seq = GREATEST("
                        + "vosuite_obscore.applied.last_seq, EXCLUDED.last_seq), applied_at = EXCLUDED.applied_at")) {
                    st.setString(1, registry);
                    st.setLong(2, lastSeq);
                    st.executeUpdate();
                }
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /**
     * COPY into a temporary staging table, then one INSERT ... SELECT ... ON CONFLICT into the table and one into
     * the bookkeeping: COPY is the fastest way into PostgreSQL, and the upsert keeps re-runs harmless.
     */
    private void upsert(List<ObsCoreRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        List<String> cols = new ArrayList<>(rows.get(0).values().keySet());
        List<String> quotedColumns = cols.stream().map(col -> '"' + col + '"').toList();
        String quoted = String.join(", ", quotedColumns);
        if (firstFill) {
            // nothing to update yet: straight into the tables (measured: 1.7× the rows/s of the staged upsert)
            copy(TABLE, quotedColumns, rows, cols);
            copy("vosuite_obscore.dataset", List.of("dataset_id", "obs_publisher_did"), rows,
                    List.of(ID, "obs_publisher_did"));
            return;
        }
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE IF NOT EXISTS obscore_stage (LIKE " + TABLE + ", dataset_id text) ON COMMIT "
                    + "DELETE ROWS");
        }
        List<String> staged = new ArrayList<>(cols);
        staged.add(ID);
        List<String> stagedColumns = new ArrayList<>(quotedColumns);
        stagedColumns.add("dataset_id");
        copy("obscore_stage", stagedColumns, rows, staged);
        StringBuilder updates = new StringBuilder();
        for (String col : cols) {
            if (!col.equals("obs_publisher_did")) {
                updates.append(updates.isEmpty() ? "" : ", ").append('"').append(col).append("\" = EXCLUDED.\"")
                        .append(col).append('"');
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO " + TABLE + " (" + quoted + ") SELECT " + quoted + " FROM obscore_stage ON CONFLICT "
                    + "(obs_publisher_did) DO UPDATE SET " + updates);
            s.execute("INSERT INTO vosuite_obscore.dataset SELECT dataset_id, obs_publisher_did FROM obscore_stage ON "
                    + "CONFLICT (dataset_id) DO UPDATE SET obs_publisher_did = EXCLUDED.obs_publisher_did");
            s.execute("TRUNCATE obscore_stage");
        }
    }

    /** COPYs rows: the values of {@code cols} in order; "#id" stands for the registry dataset id. */
    private void copy(String table, List<String> sqlColumns, List<ObsCoreRow> rows, List<String> cols)
            throws SQLException {
        try (CopyLoader copy = CopyLoader.open(c, table, sqlColumns)) {
            for (ObsCoreRow r : rows) {
                for (String col : cols) {
                    copy.addObject(col.equals(ID) ? r.datasetId() : r.get(col));
                }
                copy.endRow();
            }
        } catch (java.io.UncheckedIOException e) {
            throw new SQLException("cannot copy rows into the database: " + e.getMessage(), e);
        }
    }

    private static final String ID = "#id";

    /** Ends the first fill: the dropped indexes are built, later writes upsert. */
    public void endFirstFill() throws SQLException {
        if (firstFill) {
            firstFill = false;
            restoreIndexes();
        }
    }

    /** Removes the rows of these registry datasets (in the caller's transaction); returns how many went. */
    private int delete(Collection<String> datasetIds) throws SQLException {
        if (datasetIds.isEmpty()) {
            return 0;
        }
        try (PreparedStatement st = c.prepareStatement("WITH gone AS (DELETE FROM vosuite_obscore.dataset WHERE "
                + "dataset_id = ANY (?) RETURNING obs_publisher_did) DELETE FROM " + TABLE + " WHERE "
                + "obs_publisher_did IN (SELECT obs_publisher_did FROM gone)")) {
            st.setArray(1, c.createArrayOf("text", datasetIds.toArray()));
            return st.executeUpdate();
        }
    }

    public long count() throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + TABLE)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

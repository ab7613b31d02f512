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

    private ObsCoreTable(Connection c, Set<String> columns) {
        this.c = c;
        this.columns = columns;
    }

    /** Opens the table, creating it (and, without pg_sphere, its HEALPix index) when the database has none. */
    public static ObsCoreTable open(Connection c) throws SQLException, Database.DatabaseException {
        if (columns(c).isEmpty()) {
            Database.execute(c, Dialect.POSTGRESQL, new DdlGenerator(Dialect.POSTGRESQL, new DdlOptions(null, true,
                    false, false, false)).statements(SdmSchemas.model("ivoa_obscore.yaml")));
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT to_regprocedure("
                    + "'vosuite.healpix12(double precision, double precision)') IS NOT NULL")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    s.execute("CREATE INDEX IF NOT EXISTS obscore_healpix ON " + TABLE
                            + " (vosuite.healpix12(s_ra, s_dec))");
                }
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS vosuite_obscore");
            s.execute("CREATE TABLE IF NOT EXISTS vosuite_obscore.dataset (dataset_id text PRIMARY KEY, "
                    + "obs_publisher_did text NOT NULL)");
        }
        return new ObsCoreTable(c, columns(c));
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
     * Multi-row INSERT ... ON CONFLICT statements (many rows per statement: measured 4× the rows/s of one
     * statement per row in a JDBC batch), and the bookkeeping rows likewise.
     */
    private void upsert(List<ObsCoreRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        List<String> cols = new ArrayList<>(rows.get(0).values().keySet());
        int perStatement = Math.max(1, Math.min(1000, 30_000 / cols.size())); // PostgreSQL takes 32767 parameters
        for (int from = 0; from < rows.size(); from += perStatement) {
            List<ObsCoreRow> part = rows.subList(from, Math.min(rows.size(), from + perStatement));
            StringBuilder sql = new StringBuilder("INSERT INTO " + TABLE + " (");
            StringBuilder updates = new StringBuilder();
            for (int i = 0; i < cols.size(); i++) {
                String col = cols.get(i);
                sql.append(i == 0 ? "" : ", ").append('"').append(col).append('"');
                if (!col.equals("obs_publisher_did")) {
                    updates.append(updates.isEmpty() ? "" : ", ").append('"').append(col).append("\" = EXCLUDED.\"")
                            .append(col).append('"');
                }
            }
            sql.append(") VALUES ");
            String tuple = "(" + "?, ".repeat(cols.size() - 1) + "?)";
            for (int r = 0; r < part.size(); r++) {
                sql.append(r == 0 ? "" : ", ").append(tuple);
            }
            sql.append(" ON CONFLICT (obs_publisher_did) DO UPDATE SET ").append(updates);
            try (PreparedStatement st = c.prepareStatement(sql.toString())) {
                int i = 1;
                for (ObsCoreRow r : part) {
                    for (String col : cols) {
                        st.setObject(i++, r.get(col));
                    }
                }
                st.executeUpdate();
            }
            StringBuilder book = new StringBuilder("INSERT INTO vosuite_obscore.dataset VALUES ");
            for (int r = 0; r < part.size(); r++) {
                book.append(r == 0 ? "(?, ?)" : ", (?, ?)");
            }
            book.append(" ON CONFLICT (dataset_id) DO UPDATE SET obs_publisher_did = EXCLUDED.obs_publisher_did");
            try (PreparedStatement st = c.prepareStatement(book.toString())) {
                int i = 1;
                for (ObsCoreRow r : part) {
                    st.setString(i++, r.datasetId());
                    st.setString(i++, String.valueOf(r.get("obs_publisher_did")));
                }
                st.executeUpdate();
            }
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

package org.vosuite.tap.upload;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.vosuite.tap.adql.AdqlKeywords;
import org.vosuite.tap.metadata.TapColumn;
import org.vosuite.tap.metadata.TapTable;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;

/**
 * Loads an uploaded table into a temporary table of the query's connection ({@code pg_temp."name"}), so joins with
 * the published tables run in the database, and describes it as {@code TAP_UPLOAD.name} for the translator. Only
 * statements of our own run: names are checked identifiers, values go through bind parameters.
 */
public final class UploadLoader {
    public static final String SCHEMA = "TAP_UPLOAD";
    private static final Pattern COLUMN = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,62}");
    private static final int BATCH = 2000;

    private UploadLoader() {
    }

    /** A column type the database stores, with the VOTable datatype it is published as. */
    private record Kind(String sql, String datatype, int jdbcType) {
    }

    public static TapTable load(Connection c, String name, StarTable table, UploadLimits limits)
            throws UploadException, SQLException {
        int n = table.getColumnCount();
        if (n == 0) {
            throw new UploadException("the upload '" + name + "' has no columns");
        }
        List<TapColumn> columns = new ArrayList<>();
        Kind[] kinds = new Kind[n];
        Set<String> seen = new HashSet<>();
        StringBuilder ddl = new StringBuilder("CREATE TEMPORARY TABLE " + quote(name) + " (");
        for (int i = 0; i < n; i++) {
            ColumnInfo info = table.getColumnInfo(i);
            String col = info.getName();
            if (col == null || !COLUMN.matcher(col).matches() || AdqlKeywords.isReserved(col)) {
                throw new UploadException("the upload '" + name + "' has a column named '" + col + "', which is "
                        + "not usable in ADQL: name columns with a letter, then letters, digits or '_', and no ADQL "
                        + "reserved word");
            }
            if (!seen.add(col.toLowerCase(Locale.ROOT))) {
                throw new UploadException("the upload '" + name + "' has two columns named '" + col + "'");
            }
            kinds[i] = kind(name, info);
            ddl.append(i == 0 ? "" : ", ").append(quote(col)).append(' ').append(kinds[i].sql());
            columns.add(new TapColumn(col, kinds[i].datatype(), kinds[i].datatype().equals("char") ? "*" : null,
                    info.getXtype(), info.getUnitString(), info.getUCD(), info.getUtype(), info.getDescription(),
                    true, false, false, i));
        }
        ddl.append(") ON COMMIT PRESERVE ROWS");
        try (Statement s = c.createStatement()) {
            s.execute(ddl.toString());
        }
        StringBuilder insert = new StringBuilder("INSERT INTO " + quote(name) + " VALUES (");
        for (int i = 0; i < n; i++) {
            insert.append(i == 0 ? "?" : ", ?");
        }
        insert.append(")");
        long rows = 0;
        try (PreparedStatement st = c.prepareStatement(insert.append("").toString());
                RowSequence seq = table.getRowSequence()) {
            while (seq.next()) {
                if (++rows > limits.maxRows()) {
                    throw new UploadException("the upload '" + name + "' has more than " + limits.maxRows()
                            + " rows, the most this service takes per table");
                }
                Object[] row = seq.getRow();
                for (int i = 0; i < n; i++) {
                    bind(st, i + 1, kinds[i], row[i]);
                }
                st.addBatch();
                if (rows % BATCH == 0) {
                    st.executeBatch();
                }
            }
            st.executeBatch();
        } catch (IOException e) {
            throw new UploadException("the upload '" + name + "' could not be read at row " + (rows + 1) + ": "
                    + e.getMessage(), e);
        } catch (SQLException e) {
            throw new UploadException("the upload '" + name + "' has a value its column cannot hold, near row "
                    + rows + ": " + e.getMessage(), e);
        }
        try (Statement s = c.createStatement()) {
            s.execute("ANALYZE " + quote(name)); // row estimates for the planner's join choice
        }
        return new TapTable(SCHEMA, SCHEMA + "." + name, name, "table", "uploaded by the user", null, 0, columns);
    }

    /** Drops what {@link #load} created (the connection goes back to a pool). */
    public static void drop(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS pg_temp." + quote(name));
        }
    }

    private static Kind kind(String table, ColumnInfo info) throws UploadException {
        Class<?> cls = info.getContentClass();
        if (cls == Boolean.class) {
            return new Kind("boolean", "boolean", Types.BOOLEAN);
        } else if (cls == Byte.class || cls == Short.class) {
            return new Kind("smallint", "short", Types.SMALLINT);
        } else if (cls == Integer.class) {
            return new Kind("integer", "int", Types.INTEGER);
        } else if (cls == Long.class) {
            return new Kind("bigint", "long", Types.BIGINT);
        } else if (cls == Float.class) {
            return new Kind("real", "float", Types.REAL);
        } else if (cls == Double.class) {
            return new Kind("double precision", "double", Types.DOUBLE);
        } else if ((cls == String.class) && "timestamp".equals(info.getXtype())) {
            // DALI timestamps: stored as such, so they compare and sort as times
            return new Kind("timestamp", "char", Types.OTHER);
        } else if (cls == String.class || cls == Character.class) {
            return new Kind("text", "char", Types.VARCHAR);
        }
        throw new UploadException("the column '" + info.getName() + "' of the upload '" + table + "' holds "
                + (cls.isArray() ? "arrays" : cls.getSimpleName() + " values") + "; uploads take columns of numbers, "
                + "booleans or text");
    }

    private static void bind(PreparedStatement st, int i, Kind k, Object v) throws SQLException {
        if (v == null || v instanceof Double d && d.isNaN() || v instanceof Float f && f.isNaN()) {
            st.setNull(i, k.jdbcType());
        } else if (k.jdbcType() == Types.VARCHAR || k.jdbcType() == Types.OTHER) {
            if (k.jdbcType() == Types.OTHER) {
                st.setObject(i, v.toString(), Types.OTHER); // sent untyped: the database parses the timestamp
            } else {
                st.setString(i, v.toString());
            }
        } else if (k.jdbcType() == Types.SMALLINT) {
            st.setShort(i, ((Number) v).shortValue());
        } else {
            st.setObject(i, v, k.jdbcType());
        }
    }

    private static String quote(String identifier) {
        return org.vosuite.felis.ddl.Dialect.POSTGRESQL.quote(identifier);
    }
}

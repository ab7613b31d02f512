package org.vosuite.common.votable;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.votable.DataFormat;
import uk.ac.starlink.votable.VOSerializer;
import uk.ac.starlink.votable.VOTableVersion;

/**
 * A DALI result document: {@code <VOTABLE><RESOURCE type="results">} with {@code INFO QUERY_STATUS}, the table
 * streamed row by row by STIL, and the closing INFO that DALI puts after the rows (OVERFLOW when the result was
 * truncated at MAXREC, ERROR when the query failed half-way — the document still closes validly).
 */
public final class VoTableDocument {
    private VoTableDocument() {
    }

    /** What happened after the rows were written. */
    public interface Outcome {
        /** null when the table is complete; otherwise "OVERFLOW" or "ERROR". */
        String trailingStatus();

        String trailingMessage();
    }

    /**
     * @param infos extra INFO elements before the table (name → value), e.g. the QUERY
     * @param outcome read after the rows are written
     */
    public static void write(StarTable table, DataFormat format, Map<String, String> infos, Outcome outcome,
            OutputStream out) throws IOException {
        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        head(w);
        w.write("<RESOURCE type=\"results\">\n");
        info(w, "QUERY_STATUS", "OK", null);
        for (Map.Entry<String, String> e : infos.entrySet()) {
            info(w, e.getKey(), e.getValue(), null);
        }
        w.flush();
        VOSerializer ser = VOSerializer.makeSerializer(format, VOTableVersion.V14, table);
        try {
            ser.writeInlineTableElementUTF8(out);
        } finally {
            String status = outcome.trailingStatus();
            if (status != null) {
                info(w, "QUERY_STATUS", status, outcome.trailingMessage());
            }
            w.write("</RESOURCE>\n</VOTABLE>\n");
            w.flush();
        }
    }

    /** A DALI error document: QUERY_STATUS ERROR with the message for the user. */
    public static void error(String message, OutputStream out) throws IOException {
        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        head(w);
        w.write("<RESOURCE type=\"results\">\n");
        info(w, "QUERY_STATUS", "ERROR", message);
        w.write("</RESOURCE>\n</VOTABLE>\n");
        w.flush();
    }

    private static void head(BufferedWriter w) throws IOException {
        w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        w.write("<VOTABLE version=\"1.4\" xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\" "
                + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n");
    }

    private static void info(BufferedWriter w, String name, String value, String text) throws IOException {
        w.write("<INFO" + VOSerializer.formatAttribute("name", name) + VOSerializer.formatAttribute("value",
                value));
        if (text == null) {
            w.write("/>\n");
        } else {
            w.write(">" + VOSerializer.formatText(text) + "</INFO>\n");
        }
    }
}

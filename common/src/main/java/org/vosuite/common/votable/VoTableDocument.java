package org.vosuite.common.votable;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.votable.DataFormat;
import uk.ac.starlink.votable.VOSerializer;
import uk.ac.starlink.votable.VOTableVersion;

/**
 * A DALI result document: {@code <VOTABLE><RESOURCE type="results">} with {@code INFO QUERY_STATUS}, the table
 * streamed row by row by STIL, and the closing INFO that DALI puts after the rows (OVERFLOW when the result was
 * truncated at MAXREC, ERROR when the query failed half-way).
 */
public final class VoTableDocument {
    private VoTableDocument() {
    }

    /**
     * @param infos    extra INFO elements before the table (name → value), e.g. the QUERY
     * @param overflow read after the rows: whether the result was cut at MAXREC
     * @throws IOException when the rows could not be produced or sent; the document has then been closed with
     *                     {@code QUERY_STATUS=ERROR} and the message, as far as the client still listens
     */
    public static void write(StarTable table, DataFormat format, Map<String, String> infos,
            BooleanSupplier overflow, OutputStream out) throws IOException {
        write(table, format, infos, overflow, List.of(), out);
    }

    /**
     * @param descriptors service descriptors written after the results (DataLink §4), their {@code ref}s naming
     *                    FIELD IDs the table's columns carry ({@code VOStarTable.ID_INFO})
     */
    public static void write(StarTable table, DataFormat format, Map<String, String> infos,
            BooleanSupplier overflow, List<ServiceDescriptor> descriptors, OutputStream out) throws IOException {
        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        head(w);
        w.write("<RESOURCE type=\"results\">\n");
        info(w, "QUERY_STATUS", "OK", null);
        for (Map.Entry<String, String> e : infos.entrySet()) {
            info(w, e.getKey(), e.getValue(), null);
        }
        w.flush();
        VOSerializer ser = VOSerializer.makeSerializer(format, VOTableVersion.V14, table);
        IOException failure = null;
        try {
            ser.writeInlineTableElementUTF8(out);
        } catch (IOException e) {
            failure = e;
        }
        try {
            if (failure != null) {
                info(w, "QUERY_STATUS", "ERROR", "the query failed while its rows were being sent: "
                        + failure.getMessage());
            } else if (overflow.getAsBoolean()) {
                info(w, "QUERY_STATUS", "OVERFLOW", null);
            }
            w.write("</RESOURCE>\n");
            for (ServiceDescriptor d : descriptors) {
                w.write(d.toXml());
            }
            w.write("</VOTABLE>\n");
            w.flush();
        } catch (IOException closing) {
            if (failure == null) {
                throw closing;
            }
            // the client is gone: the first failure is the one to report
        }
        if (failure != null) {
            throw failure;
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

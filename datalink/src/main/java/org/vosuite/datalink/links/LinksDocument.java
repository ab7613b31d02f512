package org.vosuite.datalink.links;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vosuite.common.votable.ServiceDescriptor;
import org.vosuite.common.votable.VoTableDocument;
import org.vosuite.datalink.model.Link;
import org.vosuite.datalink.model.LinkSet;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowListStarTable;
import uk.ac.starlink.votable.DataFormat;

/**
 * A DataLink 1.1 links response: the twelve columns of §3.2 (the eight required and the four optional ones), the
 * {@code standardID} INFO that 1.1 asks for, the DALI overflow indicator when IDs were dropped, and the service
 * descriptors the rows name.
 */
public final class LinksDocument {
    public static final String STANDARD_ID = "ivo://ivoa.net/std/DataLink#links-1.1";

    private LinksDocument() {
    }

    private static ColumnInfo column(String name, Class<?> type, String ucd, String description) {
        ColumnInfo c = new ColumnInfo(name, type, description);
        c.setUCD(ucd);
        return c;
    }

    private static ColumnInfo[] columns() {
        ColumnInfo length = column("content_length", Long.class, "phys.size;meta.file",
                "Size of the resource, in bytes");
        length.setUnitString("byte");
        return new ColumnInfo[] {
            column("ID", String.class, "meta.id;meta.main", "The identifier the links are for"),
            column("access_url", String.class, "meta.ref.url", "URL of the linked resource"),
            column("service_def", String.class, "meta.ref", "ID of the service descriptor of the linked service"),
            column("error_message", String.class, "meta.code.error", "Why the link could not be made"),
            column("description", String.class, "meta.note", "What the link is"),
            column("semantics", String.class, "meta.code", "How the link relates to the ID "
                    + "(http://www.ivoa.net/rdf/datalink/core)"),
            column("content_type", String.class, "meta.code.mime", "Media type of the linked resource"),
            length,
            column("content_qualifier", String.class, null, "Kind of product the link gives"),
            column("local_semantics", String.class, "meta.id.assoc", "This service's own term for the link"),
            column("link_auth", String.class, "meta.code", "Whether the link needs authentication: false, "
                    + "optional or true"),
            column("link_authorized", Boolean.class, "meta.code", "Whether this caller may follow the link"),
        };
    }

    /** Writes the document; rows of one ID stay together, in the order of the sets. */
    public static void write(List<LinkSet> sets, boolean overflow, OutputStream out) throws IOException {
        RowListStarTable table = new RowListStarTable(columns());
        List<ServiceDescriptor> descriptors = new ArrayList<>();
        for (LinkSet set : sets) {
            for (Link l : set.links()) {
                table.addRow(new Object[] {l.id(), l.accessUrl(), l.serviceDef(), l.errorMessage(), l.description(),
                    l.semantics(), l.contentType(), l.contentLength(), l.contentQualifier(), l.localSemantics(),
                    l.linkAuth(), l.linkAuthorized()});
            }
            descriptors.addAll(set.descriptors());
        }
        VoTableDocument.write(table, DataFormat.TABLEDATA, Map.of("standardID", STANDARD_ID), () -> overflow,
                descriptors, out);
    }
}

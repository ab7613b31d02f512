package org.vosuite.tap.vosi;

import java.io.OutputStream;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.vosuite.tap.metadata.TapColumn;
import org.vosuite.tap.metadata.TapKey;
import org.vosuite.tap.metadata.TapMetadata;
import org.vosuite.tap.metadata.TapSchema;
import org.vosuite.tap.metadata.TapTable;

/**
 * The VOSI tables resource (VOSI 1.1, VODataService 1.2): the whole tableset, {@code detail=min} without columns,
 * or one table. Written from the same {@link TapMetadata} queries are validated against, so the two cannot
 * disagree (taplint compares them).
 */
public final class TablesDocument {
    static final String VOSI = "http://www.ivoa.net/xml/VOSITables/v1.0";
    static final String VS = "http://www.ivoa.net/xml/VODataService/v1.1";
    static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    private TablesDocument() {
    }

    public static void tableset(TapMetadata metadata, boolean withColumns, OutputStream out)
            throws XMLStreamException {
        XMLStreamWriter w = XMLOutputFactory.newInstance().createXMLStreamWriter(out, "UTF-8");
        w.writeStartDocument("UTF-8", "1.0");
        w.writeStartElement("vosi", "tableset", VOSI);
        namespaces(w);
        for (TapSchema s : metadata.schemas()) {
            w.writeStartElement("schema");
            text(w, "name", s.name());
            text(w, "description", s.description());
            text(w, "utype", s.utype());
            for (TapTable t : s.tables()) {
                table(w, metadata, t, withColumns);
            }
            w.writeEndElement();
        }
        w.writeEndElement();
        w.writeEndDocument();
        w.close();
    }

    public static void table(TapMetadata metadata, TapTable table, OutputStream out) throws XMLStreamException {
        XMLStreamWriter w = XMLOutputFactory.newInstance().createXMLStreamWriter(out, "UTF-8");
        w.writeStartDocument("UTF-8", "1.0");
        w.writeStartElement("vosi", "table", VOSI);
        namespaces(w);
        body(w, metadata, table, true);
        w.writeEndElement();
        w.writeEndDocument();
        w.close();
    }

    private static void namespaces(XMLStreamWriter w) throws XMLStreamException {
        w.writeNamespace("vosi", VOSI);
        w.writeNamespace("vs", VS);
        w.writeNamespace("xsi", XSI);
    }

    private static void table(XMLStreamWriter w, TapMetadata m, TapTable t, boolean withColumns)
            throws XMLStreamException {
        w.writeStartElement("table");
        body(w, m, t, withColumns);
        w.writeEndElement();
    }

    private static void body(XMLStreamWriter w, TapMetadata m, TapTable t, boolean withColumns)
            throws XMLStreamException {
        w.writeAttribute("type", "view".equals(t.tableType()) ? "view" : "base_table");
        text(w, "name", t.qualifiedName());
        text(w, "description", t.description());
        text(w, "utype", t.utype());
        if (!withColumns) {
            return;
        }
        for (TapColumn c : t.columns()) {
            w.writeStartElement("column");
            if (c.std()) {
                w.writeAttribute("std", "true");
            }
            text(w, "name", c.name());
            text(w, "description", c.description());
            text(w, "unit", c.unit());
            text(w, "ucd", c.ucd());
            text(w, "utype", c.utype());
            w.writeStartElement("dataType");
            w.writeAttribute("xsi", XSI, "type", "vs:VOTableType");
            if (c.arraysize() != null) {
                w.writeAttribute("arraysize", c.arraysize());
            }
            if (c.xtype() != null) {
                w.writeAttribute("extendedType", c.xtype());
            }
            w.writeCharacters(c.datatype());
            w.writeEndElement();
            if (c.indexed()) {
                text(w, "flag", "indexed");
            }
            if (c.principal()) {
                text(w, "flag", "principal");
            }
            w.writeEndElement();
        }
        for (TapKey k : m.keys()) {
            if (!k.fromTable().equals(t.qualifiedName())) {
                continue;
            }
            w.writeStartElement("foreignKey");
            text(w, "targetTable", k.targetTable());
            for (int i = 0; i < k.fromColumns().size(); i++) {
                w.writeStartElement("fkColumn");
                text(w, "fromColumn", k.fromColumns().get(i));
                text(w, "targetColumn", k.targetColumns().get(i));
                w.writeEndElement();
            }
            text(w, "description", k.description());
            text(w, "utype", k.utype());
            w.writeEndElement();
        }
    }

    private static void text(XMLStreamWriter w, String element, String value) throws XMLStreamException {
        if (value == null) {
            return;
        }
        w.writeStartElement(element);
        w.writeCharacters(value);
        w.writeEndElement();
    }
}

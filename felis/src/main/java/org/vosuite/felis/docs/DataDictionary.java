package org.vosuite.felis.docs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.vosuite.felis.model.Column;
import org.vosuite.felis.model.Constraint;
import org.vosuite.felis.model.ForeignKey;
import org.vosuite.felis.model.Index;
import org.vosuite.felis.model.Schema;
import org.vosuite.felis.model.Table;
import org.vosuite.felis.model.UniqueConstraint;

/**
 * A data dictionary for one schema, in Markdown and HTML: tables in {@code tap:table_index} order, each with its
 * columns (type, unit, UCD, description) in {@code tap:column_index} order and its keys. Both formats come from
 * the same {@link #entries} so they never disagree.
 */
public final class DataDictionary {
    private final Schema schema;

    public DataDictionary(Schema schema) {
        this.schema = schema;
    }

    /** One documented column. {@code keys} is "PK", "FK → Visit.visitId", "unique"… joined by commas. */
    public record Entry(String name, String type, String unit, String ucd, String description, String keys,
            boolean principal) {
    }

    public List<Table> tables() {
        return schema.tables().stream().sorted(Comparator.comparing(
                (Table t) -> t.tapTableIndex() == null ? Integer.MAX_VALUE : t.tapTableIndex())).toList();
    }

    public List<Entry> entries(Table t) {
        List<Column> cols = t.columns().stream().sorted(Comparator.comparing(
                (Column c) -> c.tapColumnIndex() == null ? Integer.MAX_VALUE : c.tapColumnIndex())).toList();
        List<Entry> out = new ArrayList<>();
        for (Column c : cols) {
            String type = c.datatype() == null ? "" : c.datatype().felisName()
                    + (c.length() == null ? "" : "(" + c.length() + ")") + (c.nullable() ? "" : " not null");
            out.add(new Entry(c.name(), type, nz(c.unit()), nz(c.ivoaUcd()), nz(c.description()), keys(t, c),
                    c.tapPrincipal() == 1));
        }
        return out;
    }

    private String keys(Table t, Column c) {
        List<String> k = new ArrayList<>();
        if (t.primaryKey().contains(c.id())) {
            k.add(t.primaryKey().size() == 1 ? "PK" : "PK (composite)");
        }
        for (Constraint con : t.constraints()) {
            int i = con.columns().indexOf(c.id());
            if (i < 0) {
                continue;
            }
            if (con instanceof ForeignKey fk && i < fk.referencedColumns().size()) {
                k.add(schema.findColumn(fk.referencedColumns().get(i))
                        .map(r -> "FK → " + r.table().name() + "." + r.column().name()).orElse("FK"));
            } else if (con instanceof UniqueConstraint) {
                k.add("unique");
            }
        }
        for (Index idx : t.indexes()) {
            if (idx.columns().contains(c.id())) {
                k.add("indexed");
                break;
            }
        }
        return String.join(", ", k);
    }

    public String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(schema.name()).append("\n\n");
        if (schema.description() != null) {
            sb.append(schema.description()).append("\n\n");
        }
        if (schema.version() != null) {
            sb.append("Version: ").append(schema.version().current()).append("\n\n");
        }
        for (Table t : tables()) {
            sb.append("- [").append(t.name()).append("](#").append(anchor(t.name())).append(")\n");
        }
        for (Table t : tables()) {
            sb.append("\n## ").append(t.name()).append("\n\n");
            if (t.description() != null) {
                sb.append(t.description()).append("\n\n");
            }
            sb.append("| Column | Type | Unit | UCD | Keys | Description |\n|---|---|---|---|---|---|\n");
            for (Entry e : entries(t)) {
                sb.append("| ").append(e.principal() ? "**" + md(e.name()) + "**" : md(e.name())).append(" | ")
                        .append(md(e.type())).append(" | ").append(md(e.unit())).append(" | ").append(md(e.ucd()))
                        .append(" | ").append(md(e.keys())).append(" | ").append(md(e.description())).append(" |\n");
            }
        }
        sb.append("\nPrincipal columns are shown in bold.\n");
        return sb.toString();
    }

    public String html() {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(h(schema.name())).append(" data dictionary</title>\n<style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em;max-width:80em}")
                .append("table{border-collapse:collapse;width:100%;margin-bottom:2em}")
                .append("th,td{border:1px solid #ccc;padding:.3em .5em;text-align:left;vertical-align:top}")
                .append("th{background:#f0f0f0}tr.principal td:first-child{font-weight:bold}")
                .append("code{font-size:90%}</style></head><body>\n");
        sb.append("<h1>").append(h(schema.name())).append("</h1>\n");
        if (schema.description() != null) {
            sb.append("<p>").append(h(schema.description())).append("</p>\n");
        }
        sb.append("<ul>");
        for (Table t : tables()) {
            sb.append("<li><a href=\"#").append(anchor(t.name())).append("\">").append(h(t.name()))
                    .append("</a></li>");
        }
        sb.append("</ul>\n");
        for (Table t : tables()) {
            sb.append("<h2 id=\"").append(anchor(t.name())).append("\">").append(h(t.name())).append("</h2>\n");
            if (t.description() != null) {
                sb.append("<p>").append(h(t.description())).append("</p>\n");
            }
            sb.append("<table><thead><tr><th>Column</th><th>Type</th><th>Unit</th><th>UCD</th><th>Keys</th>")
                    .append("<th>Description</th></tr></thead><tbody>\n");
            for (Entry e : entries(t)) {
                sb.append(e.principal() ? "<tr class=\"principal\">" : "<tr>").append("<td><code>")
                        .append(h(e.name())).append("</code></td><td>").append(h(e.type())).append("</td><td>")
                        .append(h(e.unit())).append("</td><td>").append(h(e.ucd())).append("</td><td>")
                        .append(h(e.keys())).append("</td><td>").append(h(e.description())).append("</td></tr>\n");
            }
            sb.append("</tbody></table>\n");
        }
        sb.append("<p>Principal columns are shown in bold.</p>\n</body></html>\n");
        return sb.toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String anchor(String s) {
        return s.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_-]", "-");
    }

    private static String md(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    private static String h(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

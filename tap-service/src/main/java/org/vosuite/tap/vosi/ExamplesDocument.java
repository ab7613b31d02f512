package org.vosuite.tap.vosi;

import java.util.ArrayList;
import java.util.List;
import org.vosuite.tap.adql.AdqlKeywords;
import org.vosuite.tap.metadata.TapColumn;
import org.vosuite.tap.metadata.TapKey;
import org.vosuite.tap.metadata.TapMetadata;
import org.vosuite.tap.metadata.TapTable;

/**
 * The DALI examples document (XHTML with RDFa, as TOPCAT's examples menu and taplint read it), written from the
 * published metadata so every example names real tables and columns: a first look at each table, a join along
 * each foreign key, and a look into TAP_SCHEMA.
 */
public final class ExamplesDocument {
    private static final int MAX_TABLES = 8;

    private ExamplesDocument() {
    }

    /** One example: an id for the URL fragment, a title, a sentence, and the query. */
    public record Example(String id, String name, String text, String query) {
    }

    public static List<Example> examples(TapMetadata m) {
        List<Example> out = new ArrayList<>();
        int n = 0;
        for (TapTable t : m.tables()) {
            if (t.schemaName().equalsIgnoreCase("TAP_SCHEMA") || n++ >= MAX_TABLES) {
                continue;
            }
            List<String> cols = t.columns().stream().filter(TapColumn::principal).map(c -> adql(c.name()))
                    .limit(6).toList();
            if (cols.isEmpty()) {
                cols = t.columns().stream().limit(5).map(c -> adql(c.name())).toList();
            }
            out.add(new Example("first-" + id(t.qualifiedName()), "A first look at " + t.qualifiedName(),
                    "Ten rows of " + t.qualifiedName() + " with its principal columns.",
                    "SELECT TOP 10 " + String.join(", ", cols) + "\nFROM " + table(t)));
        }
        for (TapKey k : m.keys()) {
            TapTable from = m.table(k.fromTable()).orElse(null);
            TapTable to = m.table(k.targetTable()).orElse(null);
            if (from == null || to == null || from.schemaName().equalsIgnoreCase("TAP_SCHEMA")
                    || k.fromColumns().isEmpty()) {
                continue;
            }
            StringBuilder on = new StringBuilder();
            for (int i = 0; i < k.fromColumns().size(); i++) {
                on.append(i == 0 ? "" : " AND ").append("f.").append(adql(k.fromColumns().get(i))).append(" = t.")
                        .append(adql(k.targetColumns().get(i)));
            }
            out.add(new Example("join-" + id(k.keyId()), "Join " + from.name() + " to " + to.name(),
                    "Rows of " + from.qualifiedName() + " with the " + to.qualifiedName() + " row they refer to ("
                            + "foreign key " + k.keyId() + ").",
                    "SELECT TOP 10 f.*, t.*\nFROM " + table(from) + " AS f\nJOIN " + table(to) + " AS t ON " + on));
        }
        out.add(new Example("tap-schema-columns", "What the service publishes",
                "Every published column with its unit, UCD and description, from TAP_SCHEMA.",
                "SELECT table_name, column_name, unit, ucd, description\nFROM TAP_SCHEMA.columns\n"
                        + "ORDER BY table_name, column_index"));
        return out;
    }

    public static String xhtml(TapMetadata m) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<html xmlns=\"http://www.w3.org/1999/xhtml\" xml:lang=\"en\">\n")
                .append("<head><title>TAP examples</title></head>\n")
                .append("<body vocab=\"http://www.ivoa.net/rdf/examples#\">\n<h1>TAP examples</h1>\n");
        for (Example e : examples(m)) {
            sb.append("<div typeof=\"example\" id=\"").append(x(e.id())).append("\" resource=\"#").append(x(e.id()))
                    .append("\">\n  <h2 property=\"name\">").append(x(e.name())).append("</h2>\n  <p>")
                    .append(x(e.text())).append("</p>\n  <pre property=\"query\">").append(x(e.query()))
                    .append("</pre>\n</div>\n");
        }
        return sb.append("</body>\n</html>\n").toString();
    }

    /** A table name as ADQL must write it. */
    private static String table(TapTable t) {
        return adql(t.schemaName()) + "." + adql(t.name());
    }

    /** A name as an ADQL identifier: regular when it can be, delimited otherwise. */
    static String adql(String name) {
        if (name.startsWith("\"")) {
            return name; // published delimited already
        }
        if (name.matches("[A-Za-z][A-Za-z0-9_]*") && !AdqlKeywords.isReserved(name)) {
            return name;
        }
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static String id(String s) {
        return s.replaceAll("[^A-Za-z0-9_-]", "-");
    }

    private static String x(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

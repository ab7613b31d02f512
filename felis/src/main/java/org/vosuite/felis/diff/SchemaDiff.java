package org.vosuite.felis.diff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.vosuite.felis.dump.SchemaTree;
import org.vosuite.felis.model.Schema;

/**
 * A semantic diff of two schemas: tables, columns, constraints and indexes matched by name (not by position or
 * id), and for each the attributes — type, length, nullability, TAP metadata, descriptions — that changed. Ids are
 * ignored (they are derived from names) and imported columns are compared as the columns they resolve to.
 */
public final class SchemaDiff {
    private static final SchemaTree TREE = new SchemaTree(true, true, false);
    private static final List<String> TABLE_CHILDREN = List.of("columns", "constraints", "indexes", "columnGroups");

    private SchemaDiff() {
    }

    /** One difference. {@code what} is e.g. "column Object.ra"; attribute, before and after are null for +/-. */
    public record Change(Kind kind, String what, String attribute, Object before, Object after) {
        public enum Kind { ADDED, REMOVED, CHANGED }

        public String format() {
            return switch (kind) {
                case ADDED -> "+ " + what;
                case REMOVED -> "- " + what;
                case CHANGED -> "~ " + what + ": " + attribute + ": " + show(before) + " -> " + show(after);
            };
        }

        private static String show(Object o) {
            return o == null ? "(none)" : o instanceof String s ? "'" + s + "'" : String.valueOf(o);
        }
    }

    public static List<Change> compare(Schema a, Schema b) {
        List<Change> out = new ArrayList<>();
        compareObjects("schema", TREE.of(a), TREE.of(b), out);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void compareObjects(String what, Map<String, Object> a, Map<String, Object> b, List<Change> out) {
        // Only the schema's tables and a table's columns, constraints, indexes and groups are matched by name;
        // every other list (a constraint's column ids, say) is an attribute compared as a whole.
        List<String> children = what.equals("schema") ? List.of("tables")
                : what.startsWith("table ") ? TABLE_CHILDREN : List.of();
        Set<String> keys = new LinkedHashSet<>(a.keySet());
        keys.addAll(b.keySet());
        for (String k : keys) {
            if (children.contains(k)) {
                continue;
            }
            Object va = a.get(k);
            Object vb = b.get(k);
            if (!Objects.equals(normal(va), normal(vb))) {
                out.add(new Change(Change.Kind.CHANGED, what, k, va, vb));
            }
        }
        String prefix = what.startsWith("table ") ? what.substring("table ".length()) + "." : "";
        for (String list : children) {
            Map<String, Map<String, Object>> ma = byName((List<Object>) a.get(list));
            Map<String, Map<String, Object>> mb = byName((List<Object>) b.get(list));
            String kind = switch (list) {
                case "tables" -> "table ";
                case "columns" -> "column " + prefix;
                case "constraints" -> "constraint ";
                case "indexes" -> "index ";
                default -> "column group " + prefix;
            };
            for (var e : ma.entrySet()) {
                if (!mb.containsKey(e.getKey())) {
                    out.add(new Change(Change.Kind.REMOVED, kind + e.getKey() + summary(e.getValue()), null, null,
                            null));
                }
            }
            for (var e : mb.entrySet()) {
                Map<String, Object> before = ma.get(e.getKey());
                if (before == null) {
                    out.add(new Change(Change.Kind.ADDED, kind + e.getKey() + summary(e.getValue()), null, null,
                            null));
                } else {
                    compareObjects(kind + e.getKey(), before, e.getValue(), out);
                }
            }
        }
    }

    /** Integer YAML values may come back as Integer or Long; compare them as numbers. */
    private static Object normal(Object v) {
        return v instanceof Integer i ? Long.valueOf(i) : v;
    }

    private static String summary(Map<String, Object> o) {
        Object type = o.get("datatype");
        if (type == null) {
            return "";
        }
        Object length = o.get("length");
        return " (" + type + (length == null ? "" : "(" + length + ")") + ")";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> byName(List<Object> list) {
        Map<String, Map<String, Object>> m = new LinkedHashMap<>();
        if (list != null) {
            for (Object o : list) {
                Map<String, Object> obj = (Map<String, Object>) o;
                m.put(String.valueOf(obj.get("name")), obj);
            }
        }
        return m;
    }
}

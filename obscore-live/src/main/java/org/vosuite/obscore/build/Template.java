package org.vosuite.obscore.build;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A dax_obscore format string: Python {@code str.format} with the fields a dataset offers — data-ID keys
 * ({@code {visit}}), dimension record fields ({@code {records[exposure].obs_id}}), {@code {id}}, {@code {run}},
 * {@code {dataset_type}} — with {@code {{ }}} escapes and the common format specs ({@code {visit:08d}},
 * {@code {ra:.3f}}). A field the dataset does not have is a {@link MissingField}; anything else malformed is an
 * {@link IllegalArgumentException} naming the template.
 */
public final class Template {
    private final String text;
    private final List<Object> parts; // String literals and Field references

    private record Field(String root, List<String> path, String spec) {
    }

    /** A field the dataset does not have: the caller leaves the column NULL. */
    public static final class MissingField extends Exception {
        public MissingField(String field) {
            super("no value for {" + field + "}");
        }
    }

    /** What a template can read: the root names and, below them, the fields of records. */
    @FunctionalInterface
    public interface Values {
        /** The value of a root name ("visit", "records", "id"), or null when the dataset has none. */
        Object get(String name);
    }

    public Template(String text) {
        this.text = text;
        this.parts = parse(text);
    }

    public String text() {
        return text;
    }

    public String format(Values values) throws MissingField {
        StringBuilder sb = new StringBuilder();
        for (Object p : parts) {
            if (p instanceof String s) {
                sb.append(s);
                continue;
            }
            Field f = (Field) p;
            Object v = values.get(f.root());
            String shown = f.root();
            for (String step : f.path()) {
                shown += step.startsWith("[") ? step : "." + step;
                String key = step.startsWith("[") ? step.substring(1, step.length() - 1) : step;
                if (!(v instanceof Map<?, ?> m)) {
                    throw new MissingField(shown);
                }
                v = m.get(key);
            }
            if (v == null) {
                throw new MissingField(shown);
            }
            sb.append(apply(v, f.spec()));
        }
        return sb.toString();
    }

    private String apply(Object v, String spec) {
        if (spec.isEmpty()) {
            return v instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d) ? Double.toString(d)
                    : v.toString();
        }
        char type = spec.charAt(spec.length() - 1);
        String body = Character.isLetter(type) ? spec.substring(0, spec.length() - 1) : spec;
        boolean zero = body.startsWith("0");
        String width = body.contains(".") ? body.substring(0, body.indexOf('.')) : body;
        String precision = body.contains(".") ? body.substring(body.indexOf('.')) : "";
        try {
            return switch (type) {
                case 'd' -> String.format(Locale.ROOT, "%" + (zero ? "0" : "") + width.replaceFirst("^0", "") + "d",
                        ((Number) v).longValue());
                case 'f', 'e', 'g' -> String.format(Locale.ROOT, "%" + (zero ? "0" : "") + width.replaceFirst("^0",
                        "") + precision + type, ((Number) v).doubleValue());
                case 's' -> String.format(Locale.ROOT, "%" + width + "s", v);
                default -> String.format(Locale.ROOT, "%" + (zero ? "0" : "") + body.replaceFirst("^0", "") + "s", v);
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the template '" + text + "' cannot format " + v + " with :" + spec
                    + ": " + e.getMessage(), e);
        }
    }

    private static List<Object> parse(String t) {
        List<Object> out = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '{' && i + 1 < t.length() && t.charAt(i + 1) == '{') {
                lit.append('{');
                i++;
            } else if (c == '}' && i + 1 < t.length() && t.charAt(i + 1) == '}') {
                lit.append('}');
                i++;
            } else if (c == '{') {
                int end = t.indexOf('}', i);
                if (end < 0) {
                    throw new IllegalArgumentException("the template '" + t + "' has an unclosed '{'");
                }
                if (!lit.isEmpty()) {
                    out.add(lit.toString());
                    lit.setLength(0);
                }
                out.add(field(t, t.substring(i + 1, end)));
                i = end;
            } else if (c == '}') {
                throw new IllegalArgumentException("the template '" + t + "' has a single '}'; write '}}'");
            } else {
                lit.append(c);
            }
        }
        if (!lit.isEmpty()) {
            out.add(lit.toString());
        }
        return out;
    }

    private static Field field(String t, String inside) {
        String spec = "";
        int colon = inside.indexOf(':');
        String name = inside;
        if (colon >= 0) {
            spec = inside.substring(colon + 1);
            name = inside.substring(0, colon);
        }
        int bang = name.indexOf('!');
        if (bang >= 0) {
            name = name.substring(0, bang); // !s and !r: our values are already shown as text
        }
        List<String> path = new ArrayList<>();
        int i = 0;
        while (i < name.length() && name.charAt(i) != '[' && name.charAt(i) != '.') {
            i++;
        }
        String root = name.substring(0, i);
        if (root.isEmpty()) {
            throw new IllegalArgumentException("the template '" + t + "' has an empty field {}; name it, e.g. "
                    + "{visit}");
        }
        while (i < name.length()) {
            if (name.charAt(i) == '[') {
                int end = name.indexOf(']', i);
                if (end < 0) {
                    throw new IllegalArgumentException("the template '" + t + "' has an unclosed '['");
                }
                path.add(name.substring(i, end + 1));
                i = end + 1;
            } else {
                int j = i + 1;
                while (j < name.length() && name.charAt(j) != '[' && name.charAt(j) != '.') {
                    j++;
                }
                path.add(name.substring(i + 1, j));
                i = j;
            }
        }
        return new Field(root, path, spec);
    }
}

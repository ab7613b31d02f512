package org.vosuite.felis.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vosuite.felis.check.Problems;
import org.vosuite.felis.model.Location;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed, line-aware access to one YAML mapping that describes a Felis object. Every type error, unknown key and
 * duplicate key is reported to {@link Problems} with the line it stands on; getters then return null so reading
 * goes on and the user sees all errors at once.
 */
final class YamlObject {
    private final String file;
    private final Node node;
    private final Problems problems;
    private String object;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

    /**
     * @param object the label of the object in messages; when {@code named}, the value of its {@code name} key is
     *               appended ("column Object." + "ra"), so even unknown-key errors name the object
     */
    YamlObject(String file, Node node, String object, boolean named, Keys keys, Problems problems) {
        this.file = file;
        this.node = node;
        this.problems = problems;
        this.object = named ? object + nameOf(node) : object;
        if (!(node instanceof MappingNode mapping)) {
            problems.error(location(node), this.object, "expected a mapping of keys to values, found "
                    + describe(node));
            return;
        }
        for (NodeTuple t : tuples(mapping)) {
            Node keyNode = t.getKeyNode();
            if (!(keyNode instanceof ScalarNode ks)) {
                problems.error(location(keyNode), this.object, "keys must be plain strings, found "
                        + describe(keyNode));
                continue;
            }
            String spelled = ks.getValue();
            String canonical = keys.canonical(spelled);
            if (canonical == null) {
                problems.error(location(keyNode), this.object, "unknown key '" + spelled + "'"
                        + Suggest.didYouMean(spelled, keys.spellings()) + " (allowed: "
                        + String.join(", ", keys.canonicalKeys()) + ")");
                continue;
            }
            if (entries.containsKey(canonical)) {
                NodeTuple first = entries.get(canonical);
                problems.error(location(keyNode), this.object, "key '" + spelled + "' is given twice (first on "
                        + "line " + location(first.getKeyNode()).line() + ")");
                continue;
            }
            entries.put(canonical, t);
        }
    }

    /**
     * The mapping's entries with YAML merge keys ({@code <<: *anchor}) resolved as PyYAML does: merged entries
     * come first and keys written in the mapping itself win.
     */
    static List<NodeTuple> tuples(MappingNode m) {
        boolean merges = m.getValue().stream().anyMatch(t -> t.getKeyNode().getTag().equals(Tag.MERGE));
        if (!merges) {
            return m.getValue();
        }
        Map<String, NodeTuple> byKey = new LinkedHashMap<>();
        List<NodeTuple> other = new ArrayList<>();
        for (NodeTuple t : m.getValue()) {
            if (!t.getKeyNode().getTag().equals(Tag.MERGE)) {
                continue;
            }
            List<Node> sources = t.getValueNode() instanceof SequenceNode seq ? seq.getValue()
                    : List.of(t.getValueNode());
            for (Node source : sources) {
                if (source instanceof MappingNode sm) {
                    for (NodeTuple st : tuples(sm)) {
                        if (st.getKeyNode() instanceof ScalarNode k) {
                            byKey.putIfAbsent(k.getValue(), st);
                        }
                    }
                }
            }
        }
        for (NodeTuple t : m.getValue()) {
            if (t.getKeyNode().getTag().equals(Tag.MERGE)) {
                continue;
            }
            if (t.getKeyNode() instanceof ScalarNode k) {
                byKey.remove(k.getValue());
            }
            other.add(t);
        }
        List<NodeTuple> out = new ArrayList<>(byKey.values());
        out.addAll(other);
        return out;
    }

    private static String nameOf(Node node) {
        if (node instanceof MappingNode m) {
            for (NodeTuple t : tuples(m)) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("name")
                        && t.getValueNode() instanceof ScalarNode v) {
                    return v.getValue().strip();
                }
            }
        }
        return "?";
    }

    String label() {
        return object;
    }

    boolean isMapping() {
        return node instanceof MappingNode;
    }

    Location location() {
        return location(node);
    }

    Location location(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? location() : location(t.getKeyNode());
    }

    Location location(Node n) {
        return new Location(file, n.getStartMark().getLine() + 1);
    }

    boolean has(String key) {
        return entries.containsKey(key) && !isNull(entries.get(key).getValueNode());
    }

    /** Whether the key was written at all, even with a null value. */
    boolean written(String key) {
        return entries.containsKey(key);
    }

    Node node(String key) {
        NodeTuple t = entries.get(key);
        return t == null || isNull(t.getValueNode()) ? null : t.getValueNode();
    }

    /** A string; felis strips surrounding whitespace from every string. */
    String string(String key) {
        Node n = node(key);
        if (n == null) {
            return null;
        }
        if (n instanceof ScalarNode s && s.getTag().equals(Tag.STR)) {
            return s.getValue().strip();
        }
        typeError(key, n, "a string");
        return null;
    }

    /** A required string: a missing or empty value is reported. */
    String requiredString(String key) {
        if (!entries.containsKey(key)) {
            problems.error(location(), object, "missing required key '" + key + "'");
            return null;
        }
        String s = string(key);
        if (s != null && s.isEmpty() && key.equals("name")) {
            problems.error(location(key), object, "'name' must not be empty");
        }
        return s;
    }

    Integer integer(String key) {
        Node n = node(key);
        if (n == null) {
            return null;
        }
        if (n instanceof ScalarNode s) {
            String v = s.getValue().strip();
            // pydantic's lax mode also takes a string of digits for an int field
            if (s.getTag().equals(Tag.INT) || (s.getTag().equals(Tag.STR) && v.matches("[+-]?\\d+"))) {
                try {
                    return Integer.valueOf(v.replace("_", ""));
                } catch (NumberFormatException e) {
                    problems.error(location(n), object, "'" + key + "' is out of range: " + v);
                    return null;
                }
            }
        }
        typeError(key, n, "an integer");
        return null;
    }

    Boolean bool(String key) {
        Node n = node(key);
        if (n == null) {
            return null;
        }
        if (n instanceof ScalarNode s) {
            if (s.getTag().equals(Tag.BOOL)) {
                return Boolean.valueOf(yamlBool(s.getValue()));
            }
            String v = s.getValue().strip().toLowerCase(java.util.Locale.ROOT);
            if (v.equals("0") || v.equals("false")) {
                return Boolean.FALSE;
            }
            if (v.equals("1") || v.equals("true")) {
                return Boolean.TRUE;
            }
        }
        typeError(key, n, "true or false");
        return null;
    }

    /** A scalar as its natural Java type: Long, Double, Boolean or String. */
    Object scalar(String key) {
        Node n = node(key);
        if (n == null) {
            return null;
        }
        if (n instanceof ScalarNode s) {
            String v = s.getValue();
            Tag tag = s.getTag();
            try {
                if (tag.equals(Tag.INT)) {
                    return Long.valueOf(v.replace("_", ""));
                }
                if (tag.equals(Tag.FLOAT)) {
                    return Double.valueOf(v.replace("_", ""));
                }
            } catch (NumberFormatException e) {
                return v;
            }
            if (tag.equals(Tag.BOOL)) {
                return yamlBool(v);
            }
            return v.strip();
        }
        typeError(key, n, "a single value");
        return null;
    }

    /** A string or a list of strings; a single string comes back as a one-element list. */
    List<String> stringOrList(String key) {
        Node n = node(key);
        if (n == null) {
            return null;
        }
        if (n instanceof ScalarNode s && s.getTag().equals(Tag.STR)) {
            return List.of(s.getValue().strip());
        }
        return stringList(key);
    }

    List<String> stringList(String key) {
        Node n = node(key);
        if (n == null) {
            return null;
        }
        if (!(n instanceof SequenceNode seq)) {
            typeError(key, n, "a list of strings");
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Node item : seq.getValue()) {
            if (item instanceof ScalarNode s && s.getTag().equals(Tag.STR)) {
                out.add(s.getValue().strip());
            } else {
                problems.error(location(item), object, "'" + key + "' must contain strings, found " + describe(item));
            }
        }
        return out;
    }

    /** The items of a list-valued key (empty when absent). */
    List<Node> list(String key) {
        Node n = node(key);
        if (n == null) {
            return List.of();
        }
        if (!(n instanceof SequenceNode seq)) {
            typeError(key, n, "a list");
            return List.of();
        }
        return seq.getValue();
    }

    /** The entries of a mapping-valued key, by their (string) keys, in file order. */
    Map<String, Node> mapping(String key) {
        Node n = node(key);
        if (n == null) {
            return Map.of();
        }
        return mappingOf(n, key);
    }

    Map<String, Node> mappingOf(Node n, String what) {
        Map<String, Node> out = new LinkedHashMap<>();
        if (!(n instanceof MappingNode m)) {
            problems.error(location(n), object, "'" + what + "' must be a mapping, found " + describe(n));
            return out;
        }
        for (NodeTuple t : tuples(m)) {
            if (t.getKeyNode() instanceof ScalarNode ks) {
                if (out.containsKey(ks.getValue())) {
                    problems.error(location(ks), object, "key '" + ks.getValue() + "' is given twice in '" + what + "'");
                }
                out.put(ks.getValue(), t.getValueNode());
            } else {
                problems.error(location(t.getKeyNode()), object, "keys in '" + what + "' must be strings");
            }
        }
        return out;
    }

    void error(String key, String message) {
        problems.error(location(key), object, message);
    }

    void warning(String key, String message) {
        problems.warning(location(key), object, message);
    }

    private void typeError(String key, Node n, String expected) {
        problems.error(location(n), object, "'" + key + "' must be " + expected + ", found " + describe(n));
    }

    static boolean isNull(Node n) {
        return n instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }

    private static boolean yamlBool(String v) {
        String l = v.toLowerCase(java.util.Locale.ROOT);
        return l.equals("true") || l.equals("yes") || l.equals("on") || l.equals("y");
    }

    static String describe(Node n) {
        if (n instanceof MappingNode) {
            return "a mapping";
        }
        if (n instanceof SequenceNode) {
            return "a list";
        }
        if (n instanceof ScalarNode s) {
            String kind = s.getTag().equals(Tag.INT) ? "integer"
                    : s.getTag().equals(Tag.FLOAT) ? "number"
                    : s.getTag().equals(Tag.BOOL) ? "boolean"
                    : s.getTag().equals(Tag.NULL) ? "null" : "string";
            String v = s.getValue();
            if (v.length() > 40) {
                v = v.substring(0, 37) + "...";
            }
            return kind + " '" + v + "'";
        }
        return "a value";
    }
}

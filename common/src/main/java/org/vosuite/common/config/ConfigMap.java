package org.vosuite.common.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One mapping of a YAML configuration file with typed getters. Every key a reader does not ask for is an error
 * when {@link #finish()} is called: a misspelt key must not be silently ignored (dax_obscore's
 * {@code use_butler_uri} did nothing in every real config for years).
 */
public final class ConfigMap {
    private final String file;
    private final String path;
    private final Map<String, Object> values;
    private final Set<String> read = new TreeSet<>();

    ConfigMap(String file, String path, Map<String, Object> values) {
        this.file = file;
        this.path = path;
        this.values = values == null ? Map.of() : values;
    }

    /** "file: section.key", for messages about a setting. */
    public String where(String key) {
        return file + ": " + (path.isEmpty() ? "" : path + ".") + key;
    }

    /** The keys present, in file order. */
    public java.util.Set<String> keys() {
        return new java.util.LinkedHashSet<>(values.keySet());
    }

    public boolean has(String key) {
        read.add(key);
        return values.get(key) != null;
    }

    public String string(String key, String fallback) {
        read.add(key);
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Map || v instanceof List) {
            throw new ConfigException(where(key) + " must be a single value");
        }
        return v.toString();
    }

    public long number(String key, long fallback) {
        read.add(key);
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(where(key) + " must be a whole number, not '" + v + "'");
        }
    }

    public boolean flag(String key, boolean fallback) {
        read.add(key);
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw new ConfigException(where(key) + " must be true or false, not '" + v + "'");
    }

    /** A list of single values (an absent key is an empty list). */
    public List<String> strings(String key) {
        read.add(key);
        Object v = values.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list) || list.stream().anyMatch(x -> x == null || x instanceof Map
                || x instanceof List)) {
            throw new ConfigException(where(key) + " must be a list of values, e.g. [a, b]");
        }
        return list.stream().map(Object::toString).toList();
    }

    /** A mapping of names to single values, in file order (an absent key is empty). */
    public Map<String, String> entries(String key) {
        read.add(key);
        Object v = values.get(key);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?> m) || m.values().stream().anyMatch(x -> x == null || x instanceof Map
                || x instanceof List)) {
            throw new ConfigException(where(key) + " must be a mapping of names to values");
        }
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, x) -> out.put(k.toString(), x.toString()));
        return out;
    }

    @SuppressWarnings("unchecked")
    public ConfigMap section(String key) {
        read.add(key);
        Object v = values.get(key);
        if (v != null && !(v instanceof Map)) {
            throw new ConfigException(where(key) + " must be a mapping of keys to values");
        }
        return new ConfigMap(file, path.isEmpty() ? key : path + "." + key,
                v == null ? new LinkedHashMap<>() : (Map<String, Object>) v);
    }

    /** A list of mappings (an absent key is an empty list), each checked by its reader's {@link #finish()}. */
    @SuppressWarnings("unchecked")
    public List<ConfigMap> sections(String key) {
        read.add(key);
        Object v = values.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list) || list.stream().anyMatch(x -> !(x instanceof Map))) {
            throw new ConfigException(where(key) + " must be a list of mappings, e.g. [{name: a}, {name: b}]");
        }
        List<ConfigMap> out = new java.util.ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            out.add(new ConfigMap(file, (path.isEmpty() ? key : path + "." + key) + "[" + i + "]",
                    (Map<String, Object>) list.get(i)));
        }
        return out;
    }

    /** Rejects keys nobody read. Call after reading a section. */
    public void finish() {
        for (String k : values.keySet()) {
            if (!read.contains(k)) {
                throw new ConfigException(where(k) + " is not a known setting (known here: " + String.join(", ",
                        read) + ")");
            }
        }
    }
}

package org.vosuite.obscore.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A dax_obscore configuration (the YAML both the Butler's live ObsCore manager and dax_obscore's exporter read):
 * which collections and dataset types become ObsCore rows, and how their columns are filled. Keys dax_obscore
 * accepts but that change nothing here (its manager's table naming and plugins, the exporter's batching) are
 * accepted and ignored; any other unknown key is an error, since pydantic silently ignoring a typo is a known
 * trap there.
 */
public record ObsCoreConfig(String facilityName, Map<String, String> facilityMap, String obsCollection,
        CollectionType collectionType, List<Pattern> collections, Map<String, DatasetTypeConfig> datasetTypes,
        Map<String, ExtraColumn> extraColumns, Map<String, List<String>> indices,
        Map<String, Double[]> spectralRanges, String fallbackInstrument, String obsPublisherDidFmt) {

    public enum CollectionType { RUN, TAGGED }

    /** How one dataset type becomes rows. {@code sXel} is null or two pixel counts. */
    public record DatasetTypeConfig(String dataproductType, String dataproductSubtype, int calibLevel, String oUcd,
            String accessFormat, String obsIdFmt, String datalinkUrlFmt, String obsCollection, int[] sXel,
            Map<String, ExtraColumn> extraColumns) {
    }

    /**
     * An added column: a constant, or a template with a type (bool, int, float, string) and, for strings, a
     * length.
     */
    public record ExtraColumn(Object constant, String template, String type, Integer length, String doc) {
    }

    private static final Set<String> TOP = Set.of("facility_name", "facility_map", "obs_collection",
            "collection_type", "collections", "dataset_types", "extra_columns", "indices", "spectral_ranges",
            "fallback_instrument", "obs_publisher_did_fmt");
    /** Accepted because real configurations carry them; they do not change the rows. */
    private static final Set<String> IGNORED = Set.of("use_butler_uri", "namespace", "version", "table_name",
            "spatial_plugins", "where", "dataset_type_constraints", "batch_size", "parquet_compression",
            "csv_null_string", "origin");
    private static final Set<String> TYPE_KEYS = Set.of("dataproduct_type", "dataproduct_subtype", "calib_level",
            "o_ucd", "access_format", "obs_id_fmt", "datalink_url_fmt", "obs_collection", "s_xel", "extra_columns");

    public static ObsCoreConfig read(Path file) throws IOException, ObsCoreConfigException {
        if (!Files.isRegularFile(file)) {
            throw new ObsCoreConfigException(file + ": no such configuration file");
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(file.toString(), r);
        }
    }

    /** Reads a configuration from a reader; {@code file} names it in messages. */
    public static ObsCoreConfig read(String file, Reader reader) throws ObsCoreConfigException {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw new ObsCoreConfigException(file + ": not valid YAML: " + e.getMessage());
        }
        return from(root, file);
    }

    static ObsCoreConfig from(Object root, String where) throws ObsCoreConfigException {
        Map<String, Object> m = map(root, where);
        for (String k : m.keySet()) {
            if (!TOP.contains(k) && !IGNORED.contains(k)) {
                throw new ObsCoreConfigException(where + ": unknown key '" + k + "' (known: " + TOP + ")");
            }
        }
        String facility = string(m, "facility_name", where, true);
        CollectionType type;
        String typeText = string(m, "collection_type", where, false);
        try {
            type = typeText == null ? CollectionType.RUN : CollectionType.valueOf(typeText.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new ObsCoreConfigException(where + ": collection_type must be RUN or TAGGED, not '" + typeText
                    + "'");
        }
        List<Pattern> collections = new ArrayList<>();
        for (String c : strings(m.get("collections"), where + ": collections")) {
            try {
                collections.add(type == CollectionType.TAGGED ? Pattern.compile(c, Pattern.LITERAL)
                        : Pattern.compile(c));
            } catch (PatternSyntaxException e) {
                throw new ObsCoreConfigException(where + ": collections: '" + c + "' is not a valid regular "
                        + "expression: " + e.getDescription());
            }
        }
        if (type == CollectionType.TAGGED && collections.size() != 1) {
            throw new ObsCoreConfigException(where + ": collections must have exactly one element when "
                    + "collection_type is TAGGED (it has " + collections.size() + ")");
        }
        Map<String, DatasetTypeConfig> types = new LinkedHashMap<>();
        Map<String, Object> dts = map(m.get("dataset_types"), where + ": dataset_types");
        if (dts.isEmpty()) {
            throw new ObsCoreConfigException(where + ": dataset_types is required and must name at least one "
                    + "dataset type");
        }
        for (Map.Entry<String, Object> e : dts.entrySet()) {
            types.put(e.getKey(), datasetType(e.getValue(), where + ": dataset_types." + e.getKey()));
        }
        Map<String, Double[]> ranges = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : map(m.get("spectral_ranges"), where + ": spectral_ranges").entrySet()) {
            if (!(e.getValue() instanceof List<?> l) || l.size() != 2) {
                throw new ObsCoreConfigException(where + ": spectral_ranges." + e.getKey() + " must be [min, max] "
                        + "in metres (either may be null)");
            }
            ranges.put(e.getKey(), new Double[] {number(l.get(0)), number(l.get(1))});
        }
        Map<String, List<String>> indices = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : map(m.get("indices"), where + ": indices").entrySet()) {
            indices.put(e.getKey(), e.getValue() instanceof List<?> ? strings(e.getValue(), where + ": indices")
                    : List.of(String.valueOf(e.getValue())));
        }
        Map<String, String> facilityMap = new LinkedHashMap<>();
        map(m.get("facility_map"), where + ": facility_map").forEach((k, v) -> facilityMap.put(k, String.valueOf(v)));
        return new ObsCoreConfig(facility, facilityMap, string(m, "obs_collection", where, false), type,
                collections, types, extraColumns(m.get("extra_columns"), where + ": extra_columns"), indices, ranges,
                string(m, "fallback_instrument", where, false), string(m, "obs_publisher_did_fmt", where, false));
    }

    private static DatasetTypeConfig datasetType(Object o, String where) throws ObsCoreConfigException {
        Map<String, Object> m = map(o, where);
        for (String k : m.keySet()) {
            if (!TYPE_KEYS.contains(k)) {
                throw new ObsCoreConfigException(where + ": unknown key '" + k + "' (known: " + TYPE_KEYS + ")");
            }
        }
        Object level = m.get("calib_level");
        if (!(level instanceof Integer l) || l < 0 || l > 4) {
            throw new ObsCoreConfigException(where + ": calib_level is required: 0, 1, 2, 3 or 4");
        }
        int[] sXel = null;
        if (m.get("s_xel") != null) {
            if (!(m.get("s_xel") instanceof List<?> xel) || xel.size() != 2 || !(xel.get(0) instanceof Integer a)
                    || !(xel.get(1) instanceof Integer b)) {
                throw new ObsCoreConfigException(where + ": s_xel must be two pixel counts, e.g. [4000, 4072]");
            }
            sXel = new int[] {a, b};
        }
        return new DatasetTypeConfig(string(m, "dataproduct_type", where, true),
                string(m, "dataproduct_subtype", where, false), l, string(m, "o_ucd", where, false),
                string(m, "access_format", where, false), string(m, "obs_id_fmt", where, false),
                string(m, "datalink_url_fmt", where, false), string(m, "obs_collection", where, false), sXel,
                extraColumns(m.get("extra_columns"), where + ".extra_columns"));
    }

    private static Map<String, ExtraColumn> extraColumns(Object o, String where) throws ObsCoreConfigException {
        Map<String, ExtraColumn> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : map(o, where).entrySet()) {
            Object v = e.getValue();
            if (v instanceof Map<?, ?>) {
                Map<String, Object> c = map(v, where + "." + e.getKey());
                String template = string(c, "template", where + "." + e.getKey(), true);
                String type = c.get("type") == null ? "string" : String.valueOf(c.get("type"));
                if (!Set.of("bool", "int", "float", "string").contains(type)) {
                    throw new ObsCoreConfigException(where + "." + e.getKey() + ": type must be bool, int, float "
                            + "or string, not '" + type + "'");
                }
                out.put(e.getKey(), new ExtraColumn(null, template, type, c.get("length") instanceof Integer n ? n
                        : null, c.get("doc") == null ? null : String.valueOf(c.get("doc"))));
            } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long || v instanceof Double
                    || v instanceof String) {
                out.put(e.getKey(), new ExtraColumn(v, null, v instanceof Boolean ? "bool" : v instanceof Double
                        ? "float" : v instanceof String ? "string" : "int", null, null));
            } else {
                throw new ObsCoreConfigException(where + "." + e.getKey() + ": must be a constant or {template: ..., "
                        + "type: ...}");
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o, String where) throws ObsCoreConfigException {
        if (o == null) {
            return Map.of();
        }
        if (!(o instanceof Map<?, ?> m)) {
            throw new ObsCoreConfigException(where + " must be a mapping");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    private static List<String> strings(Object o, String where) throws ObsCoreConfigException {
        if (o == null) {
            return List.of();
        }
        if (!(o instanceof List<?> l)) {
            throw new ObsCoreConfigException(where + " must be a list");
        }
        return l.stream().map(String::valueOf).toList();
    }

    private static String string(Map<String, Object> m, String key, String where, boolean required)
            throws ObsCoreConfigException {
        Object v = m.get(key);
        if (v == null && required) {
            throw new ObsCoreConfigException(where + ": " + key + " is required");
        }
        return v == null ? null : String.valueOf(v);
    }

    private static Double number(Object o) throws ObsCoreConfigException {
        if (o == null) {
            return null;
        }
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(o));
        } catch (NumberFormatException e) {
            throw new ObsCoreConfigException("spectral_ranges: '" + o + "' is not a number of metres");
        }
    }

    /** The TAGGED collection whose members are published; null in RUN mode. */
    public String taggedCollection() {
        return collectionType == CollectionType.TAGGED ? collections.get(0).pattern() : null;
    }

    /** Whether a RUN collection's rows are published (no patterns: every run). */
    public boolean includesRun(String run) {
        return collections.isEmpty() || collections.stream().anyMatch(p -> p.matcher(run).matches());
    }
}

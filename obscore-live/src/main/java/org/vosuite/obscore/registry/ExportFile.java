package org.vosuite.obscore.registry;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A {@code butler export} YAML file (format 1.0.x; version 0 files are read as 1.0.0): its blocks as maps, with
 * the custom tags turned into values — {@code !uuid} into {@link Uuid}, {@code !butler_time/tai/iso} into
 * {@link TaiNs}, {@code !<lsst.sphgeom.*> {encoded: hex}} into {@link RegionHex}, {@code !lsst.daf.butler.Timespan}
 * into {@link Timespan}; {@code !!binary} stays bytes.
 */
public record ExportFile(String version, int universeVersion, List<Map<String, Object>> blocks) {
    /** A dataset UUID as 32 lowercase hex digits (the SQLite form). */
    public record Uuid(String hex) {
        static Uuid of(String text) {
            String h = text.trim().replace("-", "").toLowerCase();
            if (!h.matches("[0-9a-f]{32}")) {
                throw new IllegalArgumentException("not a UUID: '" + text + "'");
            }
            return new Uuid(h);
        }
    }

    /** A time: nanoseconds since 1970-01-01 TAI. */
    public record TaiNs(long ns) {
    }

    /** A sphgeom region in its hex encoding. */
    public record RegionHex(String hex) {
    }

    /** A timespan; null ends are unbounded. */
    public record Timespan(Long begin, Long end) {
    }

    /** An export file this reader cannot take; the message names the file and what is wrong. */
    public static final class ExportException extends Exception {
        public ExportException(String message) {
            super(message);
        }
    }

    public static ExportFile read(Path file) throws IOException, ExportException {
        if (!Files.isRegularFile(file)) {
            throw new ExportException(file + ": no such export file");
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(file.toString(), r);
        }
    }

    /** Reads an export file from a reader; {@code file} names it in messages. */
    public static ExportFile read(String file, Reader reader) throws ExportException {
        Object root;
        try {
            root = new Yaml(new Constructor()).load(reader);
        } catch (org.yaml.snakeyaml.error.YAMLException | IllegalArgumentException e) {
            throw new ExportException(file + ": not a readable butler export file: " + e.getMessage());
        }
        if (!(root instanceof Map<?, ?> top) || !(top.get("data") instanceof List<?> data)) {
            throw new ExportException(file + ": not a butler export file (no 'data' list)");
        }
        String version = String.valueOf(top.get("version"));
        if (!version.equals("0") && !version.matches("1\\.0(\\.\\d+)?")) {
            throw new ExportException(file + ": export format version " + version + " is not supported (1.0.x and 0"
                    + " are)");
        }
        int universe = top.get("universe_version") instanceof Integer u ? u : 0;
        List<Map<String, Object>> blocks = new ArrayList<>();
        for (Object b : data) {
            if (!(b instanceof Map<?, ?> m) || m.get("type") == null) {
                throw new ExportException(file + ": a data block without a type");
            }
            Map<String, Object> block = new LinkedHashMap<>();
            m.forEach((k, v) -> block.put(String.valueOf(k), v));
            blocks.add(block);
        }
        return new ExportFile(version, universe, blocks);
    }

    private static final class Constructor extends SafeConstructor {
        Constructor() {
            super(new LoaderOptions());
            yamlConstructors.put(new Tag("!uuid"), new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    return Uuid.of(((ScalarNode) node).getValue());
                }
            });
            yamlConstructors.put(new Tag("!butler_time/tai/iso"), new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    return new TaiNs(TaiTime.fromTaiIso(((ScalarNode) node).getValue()));
                }
            });
            for (String type : List.of("ConvexPolygon", "Circle", "Box", "Ellipse", "UnionRegion",
                    "IntersectionRegion")) {
                yamlConstructors.put(new Tag("lsst.sphgeom." + type), new AbstractConstruct() {
                    @Override
                    public Object construct(Node node) {
                        Map<Object, Object> m = constructMapping((MappingNode) node);
                        return new RegionHex(String.valueOf(m.get("encoded")));
                    }
                });
            }
            yamlConstructors.put(new Tag("!lsst.daf.butler.Timespan"), new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    if (node instanceof ScalarNode) {
                        return new Timespan(null, null); // EMPTY
                    }
                    Map<Object, Object> m = constructMapping((MappingNode) node);
                    return new Timespan(m.get("begin") instanceof TaiNs b ? b.ns() : null,
                            m.get("end") instanceof TaiNs e ? e.ns() : null);
                }
            });
        }
    }
}

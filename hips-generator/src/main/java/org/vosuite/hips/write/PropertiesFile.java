package org.vosuite.hips.write;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A HiPS {@code properties} file (HiPS 1.0 §4.4): {@code key = value} lines, UTF-8, in the given order. */
public final class PropertiesFile {
    private PropertiesFile() {
    }

    public static void write(Path file, Map<String, String> properties) throws IOException {
        Files.writeString(file, "# HiPS 1.0 properties, written by vosuite hips-generator\n" + record(properties),
                StandardCharsets.UTF_8);
    }

    /** {@code key = value} lines (null values left out): a properties file's body, or a HiPS list record. */
    public static String record(Map<String, String> properties) {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, String> e : properties.entrySet()) {
            if (e.getValue() != null) {
                s.append(String.format("%-20s = %s%n", e.getKey(), e.getValue().replace('\n', ' ')));
            }
        }
        return s.toString();
    }

    /**
     * The keywords every survey of ours has (HiPS 1.0 §4.4: the mandatory ones and the recommended ones that do not
     * depend on the data), in file order; builders add the rest.
     */
    public static Map<String, String> base(String creatorDid, String title, String description, String tileFormats,
            int order, int orderMin, int tileWidth, String frame) {
        String now = java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).format(
                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'"));
        Map<String, String> p = new java.util.LinkedHashMap<>();
        p.put("creator_did", creatorDid);
        p.put("obs_title", title);
        p.put("obs_description", description);
        p.put("dataproduct_type", "image");
        p.put("hips_version", "1.4");
        p.put("hips_builder", "vosuite hips-generator");
        p.put("hips_release_date", now);
        p.put("hips_creation_date", now);
        p.put("hips_status", "public master clonableOnce");
        p.put("hips_tile_format", tileFormats);
        p.put("hips_order", Integer.toString(order));
        p.put("hips_order_min", Integer.toString(orderMin));
        p.put("hips_tile_width", Integer.toString(tileWidth));
        p.put("hips_frame", frame);
        return p;
    }

    /** The properties of a survey folder (for the HiPS list). */
    public static Map<String, String> read(Path file) throws IOException {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String l = line.strip();
            int eq = l.indexOf('=');
            if (l.isEmpty() || l.startsWith("#") || eq < 1) {
                continue;
            }
            out.put(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
        }
        return out;
    }
}

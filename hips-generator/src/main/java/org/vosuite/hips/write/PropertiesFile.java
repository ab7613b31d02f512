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
        StringBuilder s = new StringBuilder("# HiPS 1.0 properties, written by vosuite hips-generator\n");
        for (Map.Entry<String, String> e : properties.entrySet()) {
            if (e.getValue() != null) {
                s.append(String.format("%-20s = %s%n", e.getKey(), e.getValue().replace('\n', ' ')));
            }
        }
        Files.writeString(file, s.toString(), StandardCharsets.UTF_8);
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

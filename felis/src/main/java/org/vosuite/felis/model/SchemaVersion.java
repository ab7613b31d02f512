package org.vosuite.felis.model;

import java.util.List;

/**
 * A schema version: either a plain string (then {@code plain} is true and only {@code current} is set) or the
 * object form {@code {current, compatible, read_compatible}}.
 */
public record SchemaVersion(String current, List<String> compatible, List<String> readCompatible, boolean plain) {
    public SchemaVersion {
        compatible = List.copyOf(compatible);
        readCompatible = List.copyOf(readCompatible);
    }

    public static SchemaVersion of(String version) {
        return new SchemaVersion(version, List.of(), List.of(), true);
    }
}

package org.vosuite.felis.check;

import org.vosuite.felis.model.Location;

/**
 * One finding about a Felis file. {@code object} names the object the way users think of it ("column
 * Object.coord_ra", "constraint fk_source_object"), and {@code message} says what is wrong and, where it can, what
 * to write instead.
 */
public record Problem(Severity severity, Location location, String object, String message) {

    public enum Severity {
        ERROR, WARNING;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static Problem error(Location location, String object, String message) {
        return new Problem(Severity.ERROR, location, object, message);
    }

    public static Problem warning(Location location, String object, String message) {
        return new Problem(Severity.WARNING, location, object, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line: error: column Object.ra: message} — the format compilers use, so editors can jump to it. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append(location).append(": ").append(severity.label()).append(": ");
        if (object != null && !object.isEmpty()) {
            sb.append(object).append(": ");
        }
        return sb.append(message).toString();
    }
}

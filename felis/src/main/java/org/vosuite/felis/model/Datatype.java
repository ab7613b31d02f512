package org.vosuite.felis.model;

import java.util.Locale;
import java.util.Optional;

/** The Felis column datatypes, with the VOTable type each maps to in TAP_SCHEMA (felis's mapping). */
public enum Datatype {
    BOOLEAN("boolean", false, "boolean"),
    BYTE("byte", false, "unsignedByte"),
    SHORT("short", false, "short"),
    INT("int", false, "int"),
    LONG("long", false, "long"),
    FLOAT("float", false, "float"),
    DOUBLE("double", false, "double"),
    CHAR("char", true, "char"),
    STRING("string", true, "char"),
    UNICODE("unicode", true, "unicodeChar"),
    TEXT("text", false, "char"),
    BINARY("binary", true, "unsignedByte"),
    TIMESTAMP("timestamp", false, "char");

    private final String felisName;
    private final boolean sized;
    private final String votableName;

    Datatype(String felisName, boolean sized, String votableName) {
        this.felisName = felisName;
        this.sized = sized;
        this.votableName = votableName;
    }

    public String felisName() {
        return felisName;
    }

    /** Sized types need a {@code length}. */
    public boolean sized() {
        return sized;
    }

    public String votableName() {
        return votableName;
    }

    public boolean isInteger() {
        return this == BYTE || this == SHORT || this == INT || this == LONG;
    }

    public boolean isFloating() {
        return this == FLOAT || this == DOUBLE;
    }

    public boolean isCharacter() {
        return this == CHAR || this == STRING || this == UNICODE || this == TEXT;
    }

    public static Optional<Datatype> fromFelisName(String name) {
        for (Datatype d : values()) {
            if (d.felisName.equals(name)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    public static String allNames() {
        StringBuilder sb = new StringBuilder();
        for (Datatype d : values()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(d.felisName);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return felisName.toLowerCase(Locale.ROOT);
    }
}

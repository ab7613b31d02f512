package org.vosuite.felis.model;

/** Where an object was written: the file and 1-based line, so every message can point at it. */
public record Location(String file, int line) {
    public static final Location UNKNOWN = new Location("", 0);

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file;
    }
}

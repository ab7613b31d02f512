package org.vosuite.felis.check;

/** The optional checks of {@code felis validate}, named as in python felis. */
public record CheckOptions(boolean checkDescription, boolean checkRedundantDatatypes, boolean checkTapTableIndexes,
        boolean checkTapPrincipal) {
    public static final CheckOptions NONE = new CheckOptions(false, false, false, false);
    public static final CheckOptions ALL = new CheckOptions(true, true, true, true);
}

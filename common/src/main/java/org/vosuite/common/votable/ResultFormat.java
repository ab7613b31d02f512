package org.vosuite.common.votable;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The result formats the services write (DALI RESPONSEFORMAT values and their short aliases). VOTable BINARY2 is
 * the default: compact, streamable, understood by TOPCAT, pyvo and astropy.
 */
public enum ResultFormat {
    VOTABLE_BINARY2("application/x-votable+xml", List.of("votable", "votable/b2", "application/x-votable+xml",
            "text/xml", "application/x-votable+xml;serialization=binary2", "vot", "votable/binary2")),
    VOTABLE_TABLEDATA("application/x-votable+xml;serialization=tabledata", List.of("votable/td",
            "application/x-votable+xml;serialization=tabledata", "votable/tabledata")),
    VOTABLE_BINARY("application/x-votable+xml;serialization=binary", List.of("votable/b",
            "application/x-votable+xml;serialization=binary", "votable/binary")),
    CSV("text/csv;header=present", List.of("csv", "text/csv", "text/csv;header=present")),
    TSV("text/tab-separated-values", List.of("tsv", "text/tab-separated-values")),
    FITS("application/fits", List.of("fits", "application/fits"));

    private final String mimeType;
    private final List<String> names;

    ResultFormat(String mimeType, List<String> names) {
        this.mimeType = mimeType;
        this.names = names;
    }

    public String mimeType() {
        return mimeType;
    }

    public List<String> names() {
        return names;
    }

    public boolean isVoTable() {
        return name().startsWith("VOTABLE");
    }

    /** The format a RESPONSEFORMAT value names (case and spaces ignored), if any. */
    public static Optional<ResultFormat> fromParameter(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(VOTABLE_BINARY2);
        }
        String v = value.toLowerCase(Locale.ROOT).replace(" ", "");
        for (ResultFormat f : values()) {
            if (f.names.contains(v)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}

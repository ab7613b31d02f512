package org.vosuite.felis.check;

import java.util.Optional;

/** TEMPORARY stub; replaced by the real vocabulary. */
public final class UcdVocabulary {
    private UcdVocabulary() {
    }

    public static Optional<String> problem(String ucd) {
        return Optional.empty();
    }
}

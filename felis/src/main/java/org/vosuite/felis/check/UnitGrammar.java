package org.vosuite.felis.check;

import java.util.Optional;

/** TEMPORARY stub; replaced by the real grammar. */
public final class UnitGrammar {
    private UnitGrammar() {
    }

    public static Optional<String> problem(String unit) {
        return Optional.empty();
    }
}

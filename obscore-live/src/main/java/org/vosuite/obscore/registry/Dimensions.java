package org.vosuite.obscore.registry;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What obscore-live knows of the daf_butler dimension universe (versions 7 and 8 agree on these elements): which
 * dimensions a dimension implies (so a dataset type's required dimensions can be told from its full list), and
 * which dimensions are named by strings rather than integers.
 */
public final class Dimensions {
    private Dimensions() {
    }

    /** Dimension → the dimensions it implies. */
    static final Map<String, List<String>> IMPLIES = Map.of("exposure", List.of("physical_filter", "group",
            "day_obs"), "visit", List.of("physical_filter", "day_obs"), "physical_filter", List.of("band"));

    /** Dimensions whose values are strings (the others are integers). */
    static final Set<String> STRING_VALUED = Set.of("instrument", "physical_filter", "band", "group", "skymap");

    /** Canonical order of the dimensions (daf_butler sorts data IDs this way). */
    static final List<String> ORDER = List.of("instrument", "skymap", "band", "physical_filter", "detector", "group",
            "day_obs", "exposure", "visit", "visit_system", "tract", "patch");

    /** The required dimensions among a dataset type's dimensions: those no other one implies. */
    public static List<String> required(List<String> dimensions) {
        Set<String> implied = new LinkedHashSet<>();
        for (String d : dimensions) {
            implied.addAll(IMPLIES.getOrDefault(d, List.of()));
        }
        return dimensions.stream().filter(d -> !implied.contains(d))
                .sorted((a, b) -> Integer.compare(rank(a), rank(b))).toList();
    }

    private static int rank(String d) {
        int i = ORDER.indexOf(d);
        return i < 0 ? ORDER.size() : i;
    }
}

package org.vosuite.felis.parse;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean …?" for misspelt keys and names: the closest candidate within a small edit distance. */
public final class Suggest {
    private Suggest() {
    }

    /** Past this many candidates a suggestion costs more than it helps (thousands of errors in huge files). */
    private static final int MAX_CANDIDATES = 5000;

    public static Optional<String> closest(String word, Collection<String> candidates) {
        if (word == null || candidates.size() > MAX_CANDIDATES) {
            return Optional.empty();
        }
        String w = word.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            if (c == null) {
                continue;
            }
            String lc = c.toLowerCase(Locale.ROOT);
            // A key written without its namespace ("ucd" for "ivoa:ucd") is the commonest slip.
            int d = lc.endsWith(":" + w) || lc.endsWith("_" + w) ? 1 : distance(w, lc);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        int allowed = Math.max(2, w.length() / 3);
        return bestDistance <= allowed ? Optional.ofNullable(best) : Optional.empty();
    }

    public static String didYouMean(String word, Collection<String> candidates) {
        return closest(word, candidates).map(c -> "; did you mean '" + c + "'?").orElse("");
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}

package org.vosuite.tap.geometry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The STC-S strings ADQL's REGION takes, as far as this service searches them: {@code Position}, {@code Circle},
 * {@code Box} and {@code Polygon} in ICRS, e.g. {@code CIRCLE ICRS 10 20 0.5}. Unions, intersections, NOT and other
 * frames are refused: a wrong answer would be worse than an error.
 */
final class StcS {
    /** Words that may follow the shape name without changing the meaning for an ICRS sky position. */
    private static final Set<String> HARMLESS = Set.of("ICRS", "BARYCENTER", "GEOCENTER", "TOPOCENTER",
            "UNKNOWNREFPOS", "SPHERICAL2");

    private StcS() {
    }

    static Shape parse(String text) {
        String[] words = text.trim().split("\\s+");
        String shape = words[0].toUpperCase(Locale.ROOT);
        int i = 1;
        while (i < words.length && !isNumber(words[i])) {
            String w = words[i++].toUpperCase(Locale.ROOT);
            if (!HARMLESS.contains(w)) {
                throw new GeometryException("REGION('" + text + "'): '" + w + "' is not supported; write an ICRS "
                        + "Position, Circle, Box or Polygon");
            }
        }
        List<Double> n = new ArrayList<>();
        for (; i < words.length; i++) {
            if (!isNumber(words[i])) {
                throw new GeometryException("REGION('" + text + "'): expected a number, found '" + words[i] + "'");
            }
            n.add(Double.parseDouble(words[i]));
        }
        switch (shape) {
            case "POSITION" -> {
                count(text, n.size() == 2, "RA and Dec");
                return new Shape.Point(Shape.literal(n.get(0)), Shape.literal(n.get(1)), n.get(0), n.get(1));
            }
            case "CIRCLE" -> {
                count(text, n.size() == 3, "RA, Dec and a radius");
                return new Shape.Circle(n.get(0), n.get(1), n.get(2));
            }
            case "BOX" -> {
                count(text, n.size() == 4, "RA, Dec, a width and a height");
                return new Shape.Polygon(Shape.boxCorners(n.get(0), n.get(1), n.get(2), n.get(3)));
            }
            case "POLYGON" -> {
                count(text, n.size() >= 6 && n.size() % 2 == 0, "at least three RA, Dec pairs");
                double[][] v = new double[n.size() / 2][];
                for (int k = 0; k < v.length; k++) {
                    v[k] = new double[] {n.get(2 * k), n.get(2 * k + 1)};
                }
                return new Shape.Polygon(v);
            }
            default -> throw new GeometryException("REGION('" + text + "'): only Position, Circle, Box and Polygon "
                    + "are supported");
        }
    }

    private static boolean isNumber(String word) {
        try {
            Double.parseDouble(word);
            return !word.isEmpty() && !Character.isLetter(word.charAt(0)); // not NaN, Infinity
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void count(String text, boolean ok, String expected) {
        if (!ok) {
            throw new GeometryException("REGION('" + text + "'): expected " + expected);
        }
    }
}

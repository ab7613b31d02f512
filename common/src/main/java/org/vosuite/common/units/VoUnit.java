package org.vosuite.common.units;

import java.util.Map;
import java.util.TreeMap;

/**
 * A VOUnit (IVOA VOUnits 1.0) as a scale and a dimension over SI base units, enough to convert values between
 * compatible units: {@code deg} to {@code arcsec}, {@code nJy} to {@code mJy}, {@code km/s} to {@code m.s**-1}.
 * Used by ADQL's IN_UNIT. Logarithmic units (mag, dex, dB) have no scale and convert only to themselves.
 * No library on Maven Central does VOUnits; the conversion factors are tested against astropy.units.
 *
 * @param scale     the value of one of this unit in SI base units (angles in radians, solid angles in rad²)
 * @param dimension exponent per base unit (m, kg, s, A, K, mol, cd, rad, and the counted things: ct, pix, byte…)
 */
public record VoUnit(String text, double scale, Map<String, Integer> dimension) {
    public VoUnit {
        dimension = Map.copyOf(dimension);
    }

    /** Thrown for text that is not a unit this class knows, and for incompatible conversions. */
    public static final class UnitException extends Exception {
        public UnitException(String message) {
            super(message);
        }
    }

    /** The factor to multiply a value in this unit by to get it in {@code target}. */
    public double factorTo(VoUnit target) throws UnitException {
        if (!dimension.equals(target.dimension)) {
            throw new UnitException("cannot convert " + text + " to " + target.text + ": they measure different "
                    + "quantities");
        }
        if (Double.isNaN(scale) || Double.isNaN(target.scale)) {
            if (text.equals(target.text)) {
                return 1;
            }
            throw new UnitException("cannot convert " + text + " to " + target.text + ": logarithmic units convert "
                    + "only to themselves");
        }
        return scale / target.scale;
    }

    public static VoUnit parse(String text) throws UnitException {
        if (text == null || text.isBlank()) {
            throw new UnitException("no unit given");
        }
        Parser p = new Parser(text.trim());
        Term t = p.product();
        if (p.pos != p.s.length()) {
            throw new UnitException("'" + text + "' is not a VOUnit: unexpected '" + p.s.charAt(p.pos) + "' at "
                    + "character " + (p.pos + 1));
        }
        return new VoUnit(text.trim(), t.scale, t.dim);
    }

    private record Term(double scale, Map<String, Integer> dim) {
        Term times(Term o, int sign) {
            Map<String, Integer> d = new TreeMap<>(dim);
            o.dim.forEach((k, v) -> d.merge(k, sign * v, Integer::sum));
            d.values().removeIf(v -> v == 0);
            return new Term(sign > 0 ? scale * o.scale : scale / o.scale, d);
        }

        Term power(double e) throws UnitException {
            Map<String, Integer> d = new TreeMap<>();
            for (Map.Entry<String, Integer> x : dim.entrySet()) {
                double v = x.getValue() * e;
                if (v != Math.rint(v)) {
                    throw new UnitException("fractional powers of units are not supported here");
                }
                d.put(x.getKey(), (int) v);
            }
            return new Term(Math.pow(scale, e), d);
        }
    }

    private static final class Parser {
        final String s;
        int pos;

        Parser(String s) {
            this.s = s;
        }

        Term product() throws UnitException {
            Term t = factor();
            while (pos < s.length() && (s.charAt(pos) == '.' || s.charAt(pos) == '/')) {
                int sign = s.charAt(pos++) == '.' ? 1 : -1;
                t = t.times(factor(), sign);
            }
            return t;
        }

        Term factor() throws UnitException {
            Term t;
            if (pos < s.length() && s.charAt(pos) == '(') {
                pos++;
                t = product();
                expect(')');
            } else if (pos < s.length() && (Character.isDigit(s.charAt(pos)))) {
                t = new Term(number(), Map.of());
            } else {
                int start = pos;
                while (pos < s.length() && Character.isLetter(s.charAt(pos))) {
                    pos++;
                }
                if (start == pos) {
                    throw new UnitException("'" + s + "' is not a VOUnit: expected a unit symbol at character "
                            + (pos + 1));
                }
                t = symbol(s.substring(start, pos));
            }
            if (s.startsWith("**", pos)) {
                pos += 2;
                t = t.power(exponent());
            }
            return t;
        }

        double exponent() throws UnitException {
            if (pos < s.length() && s.charAt(pos) == '(') {
                pos++;
                double a = signed();
                double e = a;
                if (pos < s.length() && s.charAt(pos) == '/') {
                    pos++;
                    e = a / signed();
                }
                expect(')');
                return e;
            }
            return signed();
        }

        double signed() throws UnitException {
            int sign = 1;
            if (pos < s.length() && (s.charAt(pos) == '-' || s.charAt(pos) == '+')) {
                sign = s.charAt(pos++) == '-' ? -1 : 1;
            }
            return sign * number();
        }

        double number() throws UnitException {
            int start = pos;
            while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.'
                    && pos + 1 < s.length() && Character.isDigit(s.charAt(pos + 1))
                    || (s.charAt(pos) == 'e' || s.charAt(pos) == 'E') && pos > start)) {
                if ((s.charAt(pos) == 'e' || s.charAt(pos) == 'E') && pos + 1 < s.length()
                        && (s.charAt(pos + 1) == '-' || s.charAt(pos + 1) == '+')) {
                    pos++;
                }
                pos++;
            }
            if (start == pos) {
                throw new UnitException("'" + s + "' is not a VOUnit: expected a number at character " + (pos + 1));
            }
            double v = Double.parseDouble(s.substring(start, pos));
            if (s.startsWith("**", pos)) { // 10**-3
                pos += 2;
                v = Math.pow(v, exponent());
            }
            return v;
        }

        void expect(char c) throws UnitException {
            if (pos >= s.length() || s.charAt(pos) != c) {
                throw new UnitException("'" + s + "' is not a VOUnit: expected '" + c + "' at character "
                        + (pos + 1));
            }
            pos++;
        }
    }

    private static Term symbol(String sym) throws UnitException {
        Term exact = UNITS.get(sym);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, Double> p : PREFIXES.entrySet()) {
            if (sym.length() > p.getKey().length() && sym.startsWith(p.getKey())) {
                Term base = UNITS.get(sym.substring(p.getKey().length()));
                if (base != null && !UNPREFIXED.contains(sym.substring(p.getKey().length()))) {
                    return new Term(base.scale * p.getValue(), base.dim);
                }
            }
        }
        throw new UnitException("unknown unit '" + sym + "' (VOUnits 1.0 symbols, e.g. deg, arcsec, mas, Jy, nm, "
                + "km/s)");
    }

    private static final Map<String, Double> PREFIXES = new TreeMap<>(Map.ofEntries(Map.entry("da", 1e1),
            Map.entry("y", 1e-24), Map.entry("z", 1e-21), Map.entry("a", 1e-18), Map.entry("f", 1e-15),
            Map.entry("p", 1e-12), Map.entry("n", 1e-9), Map.entry("u", 1e-6), Map.entry("m", 1e-3),
            Map.entry("c", 1e-2), Map.entry("d", 1e-1), Map.entry("h", 1e2), Map.entry("k", 1e3),
            Map.entry("M", 1e6), Map.entry("G", 1e9), Map.entry("T", 1e12), Map.entry("P", 1e15),
            Map.entry("E", 1e18), Map.entry("Z", 1e21), Map.entry("Y", 1e24)));

    /** Units VOUnits does not allow prefixes on. */
    private static final java.util.Set<String> UNPREFIXED = java.util.Set.of("deg", "arcmin", "h", "min", "d",
            "AU", "au", "solMass", "solLum", "solRad", "mag", "dex", "dB", "Angstrom", "angstrom", "D", "Sun",
            "ct", "pix", "pixel", "chan", "bin", "voxel", "beam", "adu", "lyr");

    private static final Map<String, Term> UNITS = new java.util.HashMap<>();

    private static void unit(String symbols, double scale, Object... dims) {
        Map<String, Integer> d = new TreeMap<>();
        for (int i = 0; i < dims.length; i += 2) {
            d.put((String) dims[i], (Integer) dims[i + 1]);
        }
        for (String s : symbols.split(" ")) {
            UNITS.put(s, new Term(scale, d));
        }
    }

    static {
        double deg = Math.PI / 180;
        unit("m", 1, "m", 1);
        unit("g", 1e-3, "kg", 1);
        unit("s", 1, "s", 1);
        unit("A", 1, "A", 1);
        unit("K", 1, "K", 1);
        unit("mol", 1, "mol", 1);
        unit("cd", 1, "cd", 1);
        unit("rad", 1, "rad", 1);
        unit("sr", 1, "rad", 2);
        unit("deg", deg, "rad", 1);
        unit("arcmin", deg / 60, "rad", 1);
        unit("arcsec", deg / 3600, "rad", 1);
        unit("mas", deg / 3600e3, "rad", 1);
        unit("Hz", 1, "s", -1);
        unit("N", 1, "kg", 1, "m", 1, "s", -2);
        unit("Pa", 1, "kg", 1, "m", -1, "s", -2);
        unit("J", 1, "kg", 1, "m", 2, "s", -2);
        unit("W", 1, "kg", 1, "m", 2, "s", -3);
        unit("C", 1, "A", 1, "s", 1);
        unit("V", 1, "kg", 1, "m", 2, "s", -3, "A", -1);
        unit("Ohm", 1, "kg", 1, "m", 2, "s", -3, "A", -2);
        unit("S", 1, "kg", -1, "m", -2, "s", 3, "A", 2);
        unit("F", 1, "kg", -1, "m", -2, "s", 4, "A", 2);
        unit("Wb", 1, "kg", 1, "m", 2, "s", -2, "A", -1);
        unit("T", 1, "kg", 1, "s", -2, "A", -1);
        unit("H", 1, "kg", 1, "m", 2, "s", -2, "A", -2);
        unit("lm", 1, "cd", 1, "rad", 2);
        unit("lx", 1, "cd", 1, "rad", 2, "m", -2);
        unit("min", 60, "s", 1);
        unit("h", 3600, "s", 1);
        unit("d", 86400, "s", 1);
        unit("a yr", 365.25 * 86400, "s", 1);
        unit("AU au", 1.495978707e11, "m", 1);
        unit("pc", 3.0856775814913674e16, "m", 1);
        unit("lyr", 9.4607304725808e15, "m", 1);
        unit("Angstrom angstrom", 1e-10, "m", 1);
        unit("Jy", 1e-26, "kg", 1, "s", -2);
        unit("eV", 1.602176634e-19, "kg", 1, "m", 2, "s", -2);
        unit("erg", 1e-7, "kg", 1, "m", 2, "s", -2);
        unit("G", 1e-4, "kg", 1, "s", -2, "A", -1);
        unit("barn", 1e-28, "m", 2);
        unit("u", 1.66053906660e-27, "kg", 1);
        unit("solMass", 1.988409870698051e30, "kg", 1);
        unit("solRad", 6.957e8, "m", 1);
        unit("solLum", 3.828e26, "kg", 1, "m", 2, "s", -3);
        unit("ct count", 1, "ct", 1);
        unit("ph photon", 1, "ph", 1);
        unit("pix pixel", 1, "pix", 1);
        unit("byte", 1, "byte", 1);
        unit("bit", 0.125, "byte", 1);
        unit("adu", 1, "adu", 1);
        unit("chan", 1, "chan", 1);
        unit("bin", 1, "bin", 1);
        unit("voxel", 1, "voxel", 1);
        unit("beam", 1, "beam", 1);
        unit("mag", Double.NaN, "mag", 1);
        unit("dex", Double.NaN, "dex", 1);
        unit("dB", Double.NaN, "dB", 1);
    }
}

package org.vosuite.felis.check;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a unit string the way {@code astropy.units.Unit(s)} (astropy 5.2.1, default "generic"
 * format) does, so that {@code felis validate} accepts exactly the units Python felis accepts.
 *
 * <p>astropy parses units with a PLY LALR grammar whose conflicts are resolved silently; this
 * recursive-descent parser reproduces the language that results, not the grammar's intent. Hence,
 * as in astropy: a parenthesised group cannot carry a power ({@code (m/s)**2} is rejected), a name
 * followed by {@code (} always takes a power ({@code m (s)} is rejected), {@code 10 (m)} is
 * rejected, a leading {@code /} inverts only one factor, and a numeric factor written with an
 * integer exponent must have base 10. Failures astropy raises while building the unit (an
 * overflowing scale factor, arithmetic on a logarithmic unit such as {@code mag(ct/s)}, ...) are
 * reported too. Unit names come from {@code units.txt}, generated from astropy's unit registry.
 *
 * <p>Known gap: astropy also fails when the SI scale of a factor raised to a huge power overflows
 * a double while combining it with another unit (e.g. {@code km**103 s}, {@code Jy-33 %}); that
 * needs each unit's SI decomposition, which this checker does not carry, so such strings pass.
 *
 * <p>Only spaces may surround the unit (tabs and newlines are errors, as in astropy); felis strips
 * the string before checking it, and callers that want felis' behaviour should do the same.
 */
public final class UnitGrammar {

    private UnitGrammar() {
    }

    /**
     * Returns why astropy would reject {@code unit}, or empty when it would accept it. A blank
     * string is the dimensionless unit and is accepted; {@code null} means "no unit" and is too.
     */
    public static Optional<String> problem(String unit) {
        if (unit == null || isPythonBlank(unit)) {
            return Optional.empty();
        }
        String s = normalizeUnicode(unit);
        // astropy first tries the whole string as a single unit name.
        if (Registry.lookup(canonicalName(s)) != null) {
            return Optional.empty();
        }
        try {
            new Parser(new Lexer(s).tokens()).parseAll();
            return Optional.empty();
        } catch (UnitError e) {
            return Optional.of(e.getMessage());
        }
    }

    // ---------------------------------------------------------------- unicode & unit names

    private static final Pattern SUPERSCRIPT =
            Pattern.compile("[\u207B\u207A\u2070\u00B9\u00B2\u00B3\u2074-\u2079]?"
                    + "[\u2070\u00B9\u00B2\u00B3\u2074-\u2079]+");
    private static final Pattern DEGREE = Pattern.compile("\u00B0([CF])?");

    /** astropy's rewriting of non-ASCII input: NFC, Greek mu, minus sign, superscripts, degrees. */
    private static String normalizeUnicode(String s) {
        if (isAscii(s)) {
            return s;
        }
        String n = Normalizer.normalize(s, Normalizer.Form.NFC)
                .replace('\u03BC', '\u00B5')
                .replace('\u2212', '-');
        n = SUPERSCRIPT.matcher(n).replaceAll(m -> Matcher.quoteReplacement(
                "(" + translateSuperscripts(m.group()) + ")"));
        // astropy replaces each degree-sign match by the *whole* string with the sign spelled
        // "deg_" (so "\u00B0C/s" becomes "deg_C/s/s"); reproduced as is.
        String replacement = n.codePointCount(0, n.length()) == 1 ? "deg" : n.replace("\u00B0", "deg_");
        return DEGREE.matcher(n).replaceAll(Matcher.quoteReplacement(replacement));
    }

    private static String translateSuperscripts(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\u207B' -> b.append('-');
                case '\u207A' -> b.append('+');
                case '\u00B9' -> b.append('1');
                case '\u00B2' -> b.append('2');
                case '\u00B3' -> b.append('3');
                default -> b.append((char) ('0' + (c - '\u2070')));
            }
        }
        return b.toString();
    }

    private static final Map<String, String> SYMBOLS = Map.of(
            "%", "percent", "\u2032", "arcmin", "\u2033", "arcsec", "\u02B0", "hourangle",
            "e\u207B", "electron");
    private static final Map<Integer, String> PREFIXABLE_SYMBOLS = Map.of(
            0x03A9, "Ohm", 0x00C5, "Angstrom", 0x2113, "l");
    private static final Map<Integer, String> SUFFIX_SYMBOLS = Map.of(
            0x2299, "sun", 0x2609, "sun", 0x2295, "earth", 0x1F728, "earth", 0x2643, "jupiter",
            0x2091, "_e", 0x209A, "_p");

    /** Maps symbols such as Omega, micro-metre or M-sun to the registry name astropy looks up. */
    private static String canonicalName(String s) {
        String symbol = SYMBOLS.get(s);
        if (symbol != null) {
            return symbol;
        }
        if (isAscii(s) || s.isEmpty()) {
            return s;
        }
        if (s.charAt(0) == '\u00B5') {
            s = "u" + s.substring(1);
        }
        int last = s.codePointBefore(s.length());
        String head = s.substring(0, s.length() - Character.charCount(last));
        if (PREFIXABLE_SYMBOLS.containsKey(last)) {
            return head + PREFIXABLE_SYMBOLS.get(last);
        }
        if (s.codePointCount(0, s.length()) > 1 && SUFFIX_SYMBOLS.containsKey(last)) {
            return head + SUFFIX_SYMBOLS.get(last);
        }
        if (s.endsWith("R\u221E")) {
            return s.substring(0, s.length() - 2) + "Ry";
        }
        return s;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7F) {
                return false;
            }
        }
        return true;
    }

    /** Python's {@code str.isspace()} set, which astropy uses to detect a blank unit. */
    private static boolean isPythonBlank(String s) {
        return s.codePoints().allMatch(c -> (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20)
                || c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A)
                || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000);
    }

    /** The registry of unit names, loaded from units.txt on first use. */
    private static final class Registry {
        /** name to "is logarithmic" (equivalent to dex). */
        static final Map<String, Boolean> NAMES = load();

        static Boolean lookup(String name) {
            return NAMES.get(name);
        }

        private static Map<String, Boolean> load() {
            Map<String, List<String>> groups = Map.of(
                    "si", List.of("Q", "R", "Y", "Z", "E", "P", "T", "G", "M", "k", "h", "da", "d",
                            "c", "m", "u", "n", "p", "f", "a", "z", "y", "r", "q"),
                    "si-long", List.of("quetta", "ronna", "yotta", "zetta", "exa", "peta", "tera",
                            "giga", "mega", "kilo", "hecto", "deka", "deca", "deci", "centi",
                            "milli", "micro", "nano", "pico", "femto", "atto", "zepto", "yocto",
                            "ronto", "quecto"),
                    "bin", List.of("Ki", "Mi", "Gi", "Ti", "Pi", "Ei"),
                    "bin-long", List.of("kibi", "mebi", "gibi", "tebi", "pebi", "exbi"));
            Map<String, Boolean> names = new HashMap<>();
            try (InputStream in = UnitGrammar.class.getResourceAsStream("units.txt")) {
                if (in == null) {
                    throw new IllegalStateException("units.txt resource is missing");
                }
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String line; (line = r.readLine()) != null; ) {
                    line = line.strip();
                    if (line.isEmpty() || line.startsWith("#")) {
                        continue;
                    }
                    String[] f = line.split("\\s+");
                    Set<String> prefixes = new LinkedHashSet<>();
                    prefixes.add("");
                    boolean log = false;
                    for (int i = 1; i < f.length; i++) {
                        String t = f[i];
                        if (t.equals("@log")) {
                            log = true;
                        } else if (t.startsWith("+")) {
                            prefixes.add(t.substring(1));
                        } else if (t.startsWith("-")) {
                            prefixes.remove(t.substring(1));
                        } else if (groups.containsKey(t)) {
                            prefixes.addAll(groups.get(t));
                        } else {
                            throw new IllegalStateException("units.txt: bad token " + t);
                        }
                    }
                    for (String p : prefixes) {
                        names.put(p + f[0], log);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.copyOf(names);
        }
    }

    /** astropy-like "did you mean" list: a singular form, else names at least 80% similar. */
    private static String suggestion(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        Set<String> exactSingular = new TreeSet<>();
        Map<String, Double> scored = new HashMap<>();
        for (String candidate : Registry.NAMES.keySet()) {
            String c = candidate.toLowerCase(Locale.ROOT);
            if (lower.endsWith("s") && c.equals(lower.substring(0, lower.length() - 1))) {
                exactSingular.add(candidate);
            }
            double ratio = 2.0 * commonSubsequence(lower, c) / (lower.length() + c.length());
            if (ratio >= 0.8) {
                scored.put(candidate, ratio);
            }
        }
        List<String> picks = new ArrayList<>(exactSingular);
        if (picks.isEmpty()) {
            scored.entrySet().stream()
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .limit(3)
                    .forEach(e -> picks.add(e.getKey()));
        }
        if (picks.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder(" (did you mean ");
        for (int i = 0; i < picks.size(); i++) {
            b.append(i == 0 ? "" : i == picks.size() - 1 ? " or " : ", ")
                    .append('\'').append(picks.get(i)).append('\'');
        }
        return b.append("?)").toString();
    }

    private static int commonSubsequence(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = a.charAt(i - 1) == b.charAt(j - 1)
                        ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    // ---------------------------------------------------------------- lexer

    private enum T { UINT, UFLOAT, SIGN, FUNCNAME, UNIT, DOUBLE_STAR, STAR, PERIOD, CARET, SOLIDUS,
        OPEN, CLOSE, COMMA, END }

    private record Token(T type, String text, int col, BigInteger integer, double real) {
        Token(T type, String text, int col) {
            this(type, text, col, null, 0);
        }
    }

    private static final String[] FUNCTIONS = {"sqrt", "ln", "exp", "log", "mag", "dB", "dex"};

    /** Tokenizes like astropy's PLY lexer: alternatives tried in order, first match wins. */
    private static final class Lexer {
        private final String s;
        private int i;

        Lexer(String s) {
            this.s = s;
        }

        List<Token> tokens() throws UnitError {
            List<Token> out = new ArrayList<>();
            while (i < s.length()) {
                int c = s.codePointAt(i);
                int start = i;
                if (c == ' ') {
                    i++;
                } else if (Character.isDigit(c) || (c == '.' && digitAt(i + 1))) {
                    out.add(number());
                } else if ((c == '+' || c == '-') && digitAt(i + 1)) {
                    i++;
                    out.add(new Token(T.SIGN, String.valueOf((char) c), start));
                } else if (functionName() != null) {
                    String f = functionName();
                    i += f.length();
                    out.add(new Token(T.FUNCNAME, f, start));
                } else if (c == '%') {
                    i++;
                    out.add(unit("%", start));
                } else if (isWord(c) && !Character.isDigit(c)) {
                    while (i < s.length() && isWord(s.codePointAt(i)) && !Character.isDigit(s.codePointAt(i))) {
                        i += Character.charCount(s.codePointAt(i));
                    }
                    out.add(unit(s.substring(start, i), start));
                } else if (s.startsWith("**", i)) {
                    i += 2;
                    out.add(new Token(T.DOUBLE_STAR, "**", start));
                } else {
                    T t = switch (c) {
                        case ',' -> T.COMMA;
                        case '*' -> T.STAR;
                        case '.' -> T.PERIOD;
                        case '^' -> T.CARET;
                        case '(' -> T.OPEN;
                        case ')' -> T.CLOSE;
                        case '/' -> T.SOLIDUS;
                        default -> throw new UnitError("invalid character " + describe(c)
                                + " at position " + start, start);
                    };
                    i++;
                    out.add(new Token(t, String.valueOf((char) c), start));
                }
            }
            out.add(new Token(T.END, "", s.length()));
            return out;
        }

        private boolean digitAt(int k) {
            return k < s.length() && Character.isDigit(s.codePointAt(k));
        }

        /** {@code ((\d+\.?\d*)|(\.\d+))([eE][+-]?\d+)?}; integral spellings (also "2.") are UINT. */
        private Token number() {
            int start = i;
            StringBuilder ascii = new StringBuilder();
            boolean integral = true;
            digits(ascii);
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
                int before = ascii.length();
                ascii.append('.');
                digits(ascii);
                if (ascii.length() > before + 1 || before == 0) {
                    integral = false;
                }
            }
            if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                int k = i + 1;
                if (k < s.length() && (s.charAt(k) == '+' || s.charAt(k) == '-')) {
                    k++;
                }
                if (digitAt(k)) {
                    ascii.append('e').append(s, i + 1, k);
                    i = k;
                    digits(ascii);
                    integral = false;
                }
            }
            String text = s.substring(start, i);
            if (integral) {
                String n = ascii.toString();
                if (n.endsWith(".")) {
                    n = n.substring(0, n.length() - 1);
                }
                return new Token(T.UINT, text, start, new BigInteger(n), 0);
            }
            return new Token(T.UFLOAT, text, start, null, Double.parseDouble(ascii.toString()));
        }

        private void digits(StringBuilder ascii) {
            while (digitAt(i)) {
                int c = s.codePointAt(i);
                ascii.append((char) ('0' + Character.digit(c, 10)));
                i += Character.charCount(c);
            }
        }

        /** A function name counts only when followed by optional spaces and "(". */
        private String functionName() {
            for (String f : FUNCTIONS) {
                if (s.startsWith(f, i)) {
                    int k = i + f.length();
                    while (k < s.length() && s.charAt(k) == ' ') {
                        k++;
                    }
                    if (k < s.length() && s.charAt(k) == '(') {
                        return f;
                    }
                }
            }
            return null;
        }

        private Token unit(String text, int col) throws UnitError {
            String name = canonicalName(text);
            if (Registry.lookup(name) == null) {
                throw new UnitError("'" + text + "' is not a known unit" + suggestion(name), col);
            }
            return new Token(T.UNIT, name, col);
        }
    }

    /** Python's {@code \w} for str patterns: letters, any Unicode number, underscore. */
    private static boolean isWord(int c) {
        if (c == '_' || Character.isLetter(c)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    private static String describe(int c) {
        return c > ' ' && c != 0x7F && !Character.isWhitespace(c) && !Character.isISOControl(c)
                ? "'" + new String(Character.toChars(c)) + "'"
                : String.format("U+%04X", c);
    }

    // ---------------------------------------------------------------- values

    /** A scale factor with Python's numeric semantics (int, Fraction or float). */
    private static final class Num {
        enum K { NONE, INT, FRAC, FLOAT }

        /** Integers beyond this many bits are kept only as "too large for a float". */
        private static final int MAX_BITS = 4096;
        static final Num NONE = new Num(K.NONE, null, null, 0);
        static final Num HUGE = new Num(K.INT, null, null, 0);

        final K kind;
        final BigInteger num;
        final BigInteger den;
        final double real;

        private Num(K kind, BigInteger num, BigInteger den, double real) {
            this.kind = kind;
            this.num = num;
            this.den = den;
            this.real = real;
        }

        static Num of(BigInteger i) {
            return i.bitLength() > MAX_BITS ? HUGE : new Num(K.INT, i, null, 0);
        }

        static Num of(double d) {
            return new Num(K.FLOAT, null, null, d);
        }

        static Num fraction(BigInteger n, BigInteger d, int col) throws UnitError {
            if (d.signum() == 0) {
                throw new UnitError("division by zero in a fractional power", col);
            }
            if (d.signum() < 0) {
                n = n.negate();
                d = d.negate();
            }
            BigInteger g = n.gcd(d);
            return g.signum() == 0 ? new Num(K.FRAC, n, d, 0)
                    : new Num(K.FRAC, n.divide(g), d.divide(g), 0);
        }

        boolean isZero() {
            return kind == K.INT && num != null && num.signum() == 0;
        }

        /** Python's float(x): integers and fractions too large for a double raise. */
        double toDouble(int col) throws UnitError {
            double d = switch (kind) {
                case FLOAT -> real;
                case INT -> num == null ? Double.POSITIVE_INFINITY : num.doubleValue();
                case FRAC -> new BigDecimal(num).divide(new BigDecimal(den), MathContext.DECIMAL64)
                        .doubleValue();
                case NONE -> throw new IllegalStateException();
            };
            if (kind != K.FLOAT && Double.isInfinite(d)) {
                throw new UnitError("numeric factor too large", col);
            }
            return d;
        }

        /** The value as a double for bookkeeping, saturating instead of raising. */
        double approx() {
            try {
                return toDouble(0);
            } catch (UnitError e) {
                return num != null && num.signum() < 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
        }

        static Num times(Num a, Num b, int col) throws UnitError {
            if (a.kind == K.FLOAT || b.kind == K.FLOAT) {
                return of(a.toDouble(col) * b.toDouble(col));
            }
            if (a.kind == K.INT && b.kind == K.INT) {
                if (a.isZero() || b.isZero()) {
                    return of(BigInteger.ZERO);
                }
                return a.num == null || b.num == null ? HUGE : of(a.num.multiply(b.num));
            }
            if (a.num == null || b.num == null) {
                return HUGE;
            }
            BigInteger ad = a.den == null ? BigInteger.ONE : a.den;
            BigInteger bd = b.den == null ? BigInteger.ONE : b.den;
            return fraction(a.num.multiply(b.num), ad.multiply(bd), col);
        }

        /** {@code base ** exp} for a non-negative integer base, as Python computes it. */
        static Num power(BigInteger base, Num exp, int col) throws UnitError {
            switch (exp.kind) {
                case INT:
                    if (exp.num != null && exp.num.signum() >= 0) {
                        return intPower(base, exp.num);
                    }
                    return of(floatPower(of(base).toDouble(col), exp.toDouble(col), col));
                case FRAC:
                    if (exp.den.equals(BigInteger.ONE)) {
                        if (exp.num.signum() >= 0) {
                            return intPower(base, exp.num);
                        }
                        if (base.signum() == 0) {
                            throw new UnitError("0 cannot be raised to a negative power", col);
                        }
                        Num d = intPower(base, exp.num.negate());
                        return d.num == null ? of(0.0) : fraction(BigInteger.ONE, d.num, col);
                    }
                    return of(floatPower(of(base).toDouble(col), exp.toDouble(col), col));
                default:
                    return of(floatPower(of(base).toDouble(col), exp.real, col));
            }
        }

        private static Num intPower(BigInteger base, BigInteger exp) {
            if (exp.signum() == 0 || base.equals(BigInteger.ONE)) {
                return of(BigInteger.ONE);
            }
            if (base.signum() == 0) {
                return of(BigInteger.ZERO);
            }
            if (exp.bitLength() > 31 || (long) base.bitLength() * exp.intValue() > MAX_BITS + 64) {
                return HUGE;
            }
            return of(base.pow(exp.intValue()));
        }

        /** CPython's float_pow for a non-negative base, including its errors. */
        static double floatPower(double base, double exp, int col) throws UnitError {
            if (exp == 0) {
                return 1.0;
            }
            if (Double.isNaN(base)) {
                return base;
            }
            if (Double.isNaN(exp)) {
                return base == 1.0 ? 1.0 : exp;
            }
            if (Double.isInfinite(exp)) {
                double a = Math.abs(base);
                return a == 1.0 ? 1.0 : (exp > 0) == (a > 1.0) ? Double.POSITIVE_INFINITY : 0.0;
            }
            if (Double.isInfinite(base)) {
                return exp > 0 ? base : 0.0;
            }
            if (base == 0.0) {
                if (exp < 0) {
                    throw new UnitError("0 cannot be raised to a negative power", col);
                }
                return 0.0;
            }
            double r = Math.pow(base, exp);
            if (Double.isInfinite(r)) {
                throw new UnitError("numeric factor out of range", col);
            }
            return r;
        }
    }

    /** The unit built so far: ordinary, logarithmic ("mag(ct/s)") or structured ("m, s"). */
    private static final class Val {
        enum K { PLAIN, LOG, STRUCT }

        private static final double EPS = 1e-12;
        final K kind;
        /**
         * PLAIN: unit name to power. astropy compares SI decompositions where this compares
         * names; that only matters for contrived mag()/dB()/dex() arguments such as "Hz s".
         */
        final Map<String, Double> powers;
        final double scale;
        /** PLAIN: the scale is a Python int too large for a float (e.g. "10**400"). */
        final boolean hugeScale;
        /** LOG: the function ("mag", "dB", "dex"). */
        final String function;
        /** LOG: whether the argument is dimensionless; null if astropy cannot even compare it. */
        final Boolean dimensionless;

        private Val(K kind, Map<String, Double> powers, double scale, boolean hugeScale, String function,
                Boolean dimensionless) {
            this.kind = kind;
            this.powers = powers;
            this.scale = scale;
            this.hugeScale = hugeScale;
            this.function = function;
            this.dimensionless = dimensionless;
        }

        private static Val plain(Map<String, Double> powers, double scale) {
            return new Val(K.PLAIN, powers, scale, false, null, null);
        }

        static Val named(String name) {
            Map<String, Double> p = new TreeMap<>();
            p.put(name, 1.0);
            return plain(p, 1.0);
        }

        static Val number(Num f, int col) throws UnitError {
            if (f.kind == Num.K.NONE) {
                throw baseNotTen(col);
            }
            boolean huge = f.kind == Num.K.INT && Double.isInfinite(f.approx());
            return new Val(K.PLAIN, new TreeMap<>(), f.approx(), huge, null, null);
        }

        static Val struct() {
            return new Val(K.STRUCT, null, 1.0, false, null, null);
        }

        private static UnitError baseNotTen(int col) {
            return new UnitError("a numeric factor with an integer exponent must have base 10", col);
        }

        /** {@code factor * unit}, which astropy turns into a Quantity and back. */
        Val scaledBy(Num f, int col) throws UnitError {
            if (f.kind == Num.K.NONE) {
                throw baseNotTen(col);
            }
            if (kind != K.PLAIN) {
                throw new UnitError("a numeric factor cannot scale a logarithmic unit", col);
            }
            return plain(powers, scale * f.toDouble(col));
        }

        /** A logarithmic unit of a dimensionless quantity behaves like the bare mag/dB/dex. */
        private Val ordinary(String operation, int col) throws UnitError {
            if (kind == K.PLAIN) {
                return this;
            }
            if (kind == K.LOG && dimensionless == null) {
                throw new UnitError("numeric factor too large", col);
            }
            if (kind == K.LOG && dimensionless) {
                return named(function);
            }
            String what = kind == K.LOG ? "a logarithmic unit with a physical dimension" : "a structured unit";
            throw new UnitError(String.format(operation, what), col);
        }

        Val times(Val o, boolean divide, int col) throws UnitError {
            Val a = ordinary(divide ? "cannot divide %s" : "cannot multiply %s", col);
            Val b = o.ordinary(divide ? "cannot divide by %s" : "cannot multiply by %s", col);
            Map<String, Double> p = new TreeMap<>(a.powers);
            for (Map.Entry<String, Double> e : b.powers.entrySet()) {
                p.merge(e.getKey(), divide ? -e.getValue() : e.getValue(), Double::sum);
            }
            return plain(p, divide ? a.scale / b.scale : a.scale * b.scale);
        }

        Val power(Num exp, int col) throws UnitError {
            if (kind == K.STRUCT) {
                throw new UnitError("cannot raise a structured unit to a power", col);
            }
            if (exp.kind == Num.K.FLOAT && Double.isInfinite(exp.real)) {
                throw new UnitError("a power cannot be infinite", col);
            }
            double e = exp.approx();
            if (kind == K.LOG) {
                if (e == 0) {
                    return plain(new TreeMap<>(), 1.0);
                }
                if (e == 1) {
                    return this;
                }
            }
            Val a = ordinary("cannot raise %s to a power", col);
            if (a.hugeScale) {
                // Python keeps int ** non-negative int exact; anything else needs a float.
                if (exp.kind != Num.K.INT || exp.num == null || exp.num.signum() < 0) {
                    throw new UnitError("numeric factor too large", col);
                }
                return e == 0 ? plain(new TreeMap<>(), 1.0) : a;
            }
            Map<String, Double> p = new TreeMap<>();
            a.powers.forEach((k, v) -> p.put(k, v * e));
            return plain(p, Math.pow(a.scale, e));
        }

        /** mag(x), dB(x), dex(x): x must be an ordinary unit not itself logarithmic. */
        Val logarithm(String name, int col) throws UnitError {
            double logPower = 0;
            boolean otherDimensions = false;
            if (kind == K.PLAIN) {
                for (Map.Entry<String, Double> e : powers.entrySet()) {
                    if (Boolean.TRUE.equals(Registry.lookup(e.getKey()))) {
                        logPower += e.getValue();
                    } else if (Math.abs(e.getValue()) > EPS) {
                        otherDimensions = true;
                    }
                }
            }
            if (kind != K.PLAIN || (!otherDimensions && Math.abs(logPower - 1) < EPS)) {
                throw new UnitError("the argument of " + name + "(...) is not a physical unit", col);
            }
            Boolean dimless = hugeScale ? null
                    : powers.values().stream().allMatch(v -> Math.abs(v) < EPS)
                    && scale >= 1 - 4.0 * Math.ulp(0.5) && scale <= 1 + 4.0 * Math.ulp(1.0);
            return new Val(K.LOG, null, 1.0, false, name, dimless);
        }
    }

    // ---------------------------------------------------------------- parser

    private static final class UnitError extends Exception {
        private static final long serialVersionUID = 1L;
        final int col;

        UnitError(String message, int col) {
            super(message, null, false, false);
            this.col = col;
        }
    }

    /**
     * Recursive descent over astropy's effective grammar:
     * <pre>
     * main     := item ("," item?)*                 (a comma makes it a structured unit)
     * item     := "(" item ("," item?)+ ")" | unit
     * unit     := factor [("*"|".") body] | factor body | body     ("*"/"." must be followed by a body)
     * body     := "/" uexpr | product ("/" product)*
     * product  := uexpr ([("*"|".")] uexpr)*
     * uexpr    := FUNC "(" main ")" | NAME [("**"|"^")] [power] | "(" product ")"
     * power    := [sign] INT | "(" [sign] INT ["/" [sign] INT] ")" | "(" [sign] FLOAT ")"
     * factor   := see {@link #factor()}
     * </pre>
     */
    private static final class Parser {
        private final List<Token> tokens;
        private int pos;

        Parser(List<Token> tokens) {
            this.tokens = tokens;
        }

        void parseAll() throws UnitError {
            main();
            expect(T.END);
        }

        private T peek() {
            return tokens.get(pos).type();
        }

        private boolean at(T... types) {
            T t = peek();
            for (T x : types) {
                if (x == t) {
                    return true;
                }
            }
            return false;
        }

        private Token next() {
            return tokens.get(pos++);
        }

        private Token expect(T type) throws UnitError {
            if (peek() != type) {
                throw syntaxError();
            }
            return next();
        }

        private UnitError syntaxError() {
            Token t = tokens.get(pos);
            return new UnitError(t.type() == T.END ? "unexpected end of unit"
                    : "syntax error at position " + t.col() + " ('" + t.text() + "')", t.col());
        }

        private int col() {
            return tokens.get(Math.max(0, pos - 1)).col();
        }

        private Val main() throws UnitError {
            Val first = item();
            if (!at(T.COMMA)) {
                return first;
            }
            items();
            return Val.struct();
        }

        /** The rest of a structured list, positioned at its first comma. */
        private void items() throws UnitError {
            while (at(T.COMMA)) {
                next();
                if (at(T.UINT, T.UFLOAT, T.SIGN, T.UNIT, T.FUNCNAME, T.OPEN, T.SOLIDUS)) {
                    item();
                }
            }
        }

        private Val item() throws UnitError {
            if (!at(T.OPEN)) {
                return unit();
            }
            // "(" opens either a structured unit "(a, b)" or a group "(a b)"; they differ in
            // whether a comma follows, so try one and fall back to the other.
            int mark = pos;
            try {
                next();
                item();
                if (!at(T.COMMA)) {
                    throw syntaxError();
                }
                items();
                expect(T.CLOSE);
                return Val.struct();
            } catch (UnitError structured) {
                pos = mark;
                try {
                    return unit();
                } catch (UnitError group) {
                    throw group.col >= structured.col ? group : structured;
                }
            }
        }

        private Val unit() throws UnitError {
            if (!at(T.UINT, T.UFLOAT, T.SIGN)) {
                return body();
            }
            Num factor = factor();
            int col = col();
            if (at(T.STAR, T.PERIOD)) {
                next();
                return body().scaledBy(factor, col);
            }
            if (at(T.UNIT, T.FUNCNAME, T.OPEN, T.SOLIDUS)) {
                return body().scaledBy(factor, col);
            }
            return Val.number(factor, col);
        }

        private Val body() throws UnitError {
            if (at(T.SOLIDUS)) {
                next();
                return unitExpression().power(Num.of(BigInteger.ONE.negate()), col());
            }
            Val v = product();
            while (at(T.SOLIDUS)) {
                next();
                v = v.times(product(), true, col());
            }
            return v;
        }

        private Val product() throws UnitError {
            Val v = unitExpression();
            while (true) {
                if (at(T.STAR, T.PERIOD)) {
                    next();
                } else if (!at(T.UNIT, T.FUNCNAME, T.OPEN)) {
                    return v;
                }
                v = v.times(unitExpression(), false, col());
            }
        }

        private Val unitExpression() throws UnitError {
            switch (peek()) {
                case FUNCNAME: {
                    Token f = next();
                    expect(T.OPEN);
                    Val arg = main();
                    expect(T.CLOSE);
                    switch (f.text()) {
                        case "sqrt":
                            return arg.power(Num.of(0.5), f.col());
                        case "mag":
                        case "dB":
                        case "dex":
                            return arg.logarithm(f.text(), f.col());
                        default:
                            throw new UnitError("'" + f.text() + "' is not a supported function", f.col());
                    }
                }
                case UNIT: {
                    Val u = Val.named(next().text());
                    if (at(T.DOUBLE_STAR, T.CARET)) {
                        next();
                        return u.power(numericPower(), col());
                    }
                    // A name directly followed by a number or "(" always takes it as a power.
                    if (at(T.SIGN, T.UINT, T.OPEN)) {
                        return u.power(numericPower(), col());
                    }
                    return u;
                }
                case OPEN: {
                    next();
                    Val v = product();
                    expect(T.CLOSE);
                    return v;
                }
                default:
                    throw syntaxError();
            }
        }

        private int sign() {
            if (at(T.SIGN)) {
                return next().text().equals("-") ? -1 : 1;
            }
            return 1;
        }

        private BigInteger signedInt(int sign) throws UnitError {
            BigInteger v = expect(T.UINT).integer();
            return sign < 0 ? v.negate() : v;
        }

        private Num numericPower() throws UnitError {
            if (!at(T.OPEN)) {
                return Num.of(signedInt(sign()));
            }
            next();
            int s = sign();
            Num v;
            if (at(T.UFLOAT)) {
                v = Num.of(s * next().real());
            } else {
                BigInteger n = signedInt(s);
                if (at(T.SOLIDUS)) {
                    next();
                    v = Num.fraction(n, signedInt(sign()), col());
                } else {
                    v = Num.of(n);
                }
            }
            expect(T.CLOSE);
            return v;
        }

        /**
         * Numeric factors. astropy's conflict resolution makes every integer-exponent form
         * ({@code n**k}, {@code n^(k)}, {@code n-k}, {@code n(-k)}) a "FITS" factor that must have
         * base 10, while {@code n**(x.y)}, {@code n m**p}, {@code n m-k} and signed/real leading
         * numbers are plain arithmetic.
         */
        private Num factor() throws UnitError {
            if (at(T.UINT)) {
                BigInteger n = next().integer();
                switch (peek()) {
                    case SIGN:
                        return fits(n, signedInt(sign()));
                    case OPEN: {
                        next();
                        if (!at(T.SIGN)) {
                            throw syntaxError();
                        }
                        BigInteger k = signedInt(sign());
                        expect(T.CLOSE);
                        return fits(n, k);
                    }
                    case DOUBLE_STAR:
                    case CARET: {
                        next();
                        if (at(T.UINT, T.SIGN)) {
                            return fits(n, signedInt(sign()));
                        }
                        expect(T.OPEN);
                        int s = sign();
                        if (at(T.UINT)) {
                            BigInteger k = signedInt(s);
                            expect(T.CLOSE);
                            return fits(n, k);
                        }
                        double x = s * expect(T.UFLOAT).real();
                        expect(T.CLOSE);
                        return Num.of(Num.floatPower(Num.of(n).toDouble(col()), x, col()));
                    }
                    case UINT:
                        return scaledPower(Num.of(n), next().integer(), false);
                    default:
                        return Num.of(n);
                }
            }
            int s = sign();
            Num leading = at(T.UINT) ? Num.of(signedInt(s)) : Num.of(s * expect(T.UFLOAT).real());
            return at(T.UINT) ? scaledPower(leading, next().integer(), true) : leading;
        }

        /** {@code a b-k} or {@code a b**p}: a times b to a power. */
        private Num scaledPower(Num a, BigInteger b, boolean floatExponent) throws UnitError {
            int col = col();
            if (at(T.SIGN)) {
                double k = Num.of(signedInt(sign())).toDouble(col);
                return Num.times(a, Num.of(Num.floatPower(Num.of(b).toDouble(col), k, col)), col);
            }
            if (!at(T.DOUBLE_STAR, T.CARET)) {
                throw syntaxError();
            }
            next();
            Num p = numericPower();
            Num bp = floatExponent
                    ? Num.of(Num.floatPower(Num.of(b).toDouble(col), p.toDouble(col), col))
                    : Num.power(b, p, col);
            return Num.times(a, bp, col);
        }

        private Num fits(BigInteger base, BigInteger exp) throws UnitError {
            if (!base.equals(BigInteger.TEN)) {
                return Num.NONE;
            }
            return Num.power(base, Num.of(exp), col());
        }
    }
}

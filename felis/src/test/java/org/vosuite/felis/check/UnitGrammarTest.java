package org.vosuite.felis.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnitGrammarTest {


    /** Units astropy accepts, also used in the oracle corpus. */
    private static final List<String> GOOD = List.of(
            "m", "s", "g", "kg", "K", "deg_C", "deg", "arcmin", "arcsec", "mas", "uas", "rad", "sr",
            "Hz", "Jy", "mJy", "nJy", "AB", "ST", "mag", "ct", "count", "electron", "adu", "pix",
            "pixel", "beam", "erg", "W", "Angstrom", "AA", "nm", "um", "pc", "kpc", "Mpc", "AU", "au",
            "lyr", "yr", "a", "d", "h", "min", "solMass", "solLum", "solRad", "Ry", "eV", "keV", "%",
            "dex", "chan", "bin", "vox", "bit", "byte", "R", "G", "T", "barn", "cycle", "ph", "photon",
            "D", "Ba", "dyn", "St", "Gal", "Bi", "C", "V", "ohm", "Ohm", "S", "F", "Wb", "H", "lm",
            "lx", "cd", "mol", "N", "Pa", "J", "A", "t", "u", "Da", "M_e", "M_p", "earthMass",
            "jupiterMass", "nmgy", "mgy", "maggy", "dB", "kbyte", "MiB", "Kibit", "kilometer",
            "pixel**2", "m2.t-1", "pixel^2", "mas/yr", "mas.yr-1", "mas yr-1", "erg/s/cm2/Angstrom",
            "erg s-1 cm-2 AA-1", "10**-3 m", "1e-26 W/m2/Hz", "arcsec**2", "s**(1/2)", "ct/s",
            "electron/s", "m s-2", "km/s", "km.s**-1", "deg**2", "Jy/beam", "W m-2 Hz-1", "m*s",
            "m^-2", "m**(-2)", "m**(1.5)", "m(0.5)", "m**(+1/-2)", "m**( 1 / 2 )", "m ** 2", "m 3",
            "m+3", "m3.s", "3 m", "3m", "3.m", "3.e2 m", ".5 m", "+5 m", "-5", "10-3 m", "10 -3 m",
            "10+3 m", "10(-3) m", "10**(3) m", "10^-3 m", "1E3m", "1.5e-3 10**2 m", "-1.5 10-2 m",
            "2**(1.5) m", "10 10**(1/2) m", "1.5 (m)", "10*/s", "/s", "10/s", "m/s/kg",
            "m/(s kg)", "m s/kg s", "(m)", "((m))", "(m) (s)", "m, s", "(m, s)", "m,", "m,,s",
            "(m, s), kg", "sqrt(m)", "sqrt (m)", "sqrt(10 m2)", "mag(ct/s)", "mag (ct/s)",
            "dex(cm/s2)", "dB(mW)", "mag(1) m", "mag(1)/s", "/mag(1)", "dex dex", "mag m",
            "mag(10 m)", "mag(Hz s)", "1e400 m", "1e-400 m", "0 m", "0", "-1", "10**400",
            "10**308 m", "m**-1000", "m100000000000000000000000", "%%", "deg C", "",
            " ", "   m   ", "\u00B5m", "\u03BCm", "\u00C5", "\u212B", "\u2126", "k\u2126",
            "m\u00B2", "m\u207B\u00B9", "10\u207B\u00B3 m", "\u00B0", "\u00B0C", "\u00B0C/s",
            "e\u207B", "\u2032", "\u2033", "M\u2299", "R\u221E", "M\u2091", "\u2113", "m\u2113",
            "Jy beam-1 pix", "10^(-3) (m)",
            "m\u22122", "\u0663 m");

    /** Units astropy rejects, also used in the oracle corpus. */
    private static final List<String> BAD = List.of(
            "datetimeZ", "maspyr", "nmgy*asec^2", "asec", "foo", "m//s", "m**", "(m", "m)",
            "Km/s", "meters", "ABmag", "degC", "deg_", "(m/s)**2", "(m s)**2", "m**0.5", "m (s)",
            "10 (m)", "2**3 m", "2-3 m", "2**3", "10**(1/2)", "10**400 m", "10**309 m", "m(1/0)",
            "0**(-1.5) m", "10 0-1", "/s/m", "10/s/m", "m/(s/kg)", "m.3", "-.5 m", "- 5 m",
            "10 - 3 m", "10- 3 m", "1.5 10 m", "1.5 10-2.5 m", "m**(1e400)", "m(1e400)",
            "((m, s))", ",m", "(m, s) s", "sqrt(m, s)", "ln(m)", "exp(m)", "log(m)", "mag()",
            "mag(ct/s) m", "mag(ct/s)/s", "s/mag(ct/s)", "/mag(ct/s)", "10 mag(ct/s)",
            "10 mag(1)", "mag(ct/s)**2", "mag(mag(ct/s))", "mag(dex)", "dex(mag)", "mag(mmag)",
            "mag(2 dex)", "mag(m, s)", "dex(m)/2", "sqrt(10**400)", "'m'", "m'", "\tm", "m\t",
            "m\n", "m/\u00B0", "\u00B0/s", "\u00B0 C", "M\u2299/yr", "m\u207B", "Ry/\u2032",
            "m\u2091", "1 2 3", "m-s", "m^", "m^(1/)", "m**(1/2", "*m", "m*", "m*/s", "10*",
            "m,,,,(", "()", "(,)", "(m,)(s,)", "kg m s-2 X", "Jy beam-1 pixx", "pixels", "hz",
            "HZ", "deg c", "e-", "ergs", "sec", "secs", "degree_C", "m m**", "m**2**2", "m^^2",
            "10**-3m**", "10(3) m", "mag(", "dex)", "sqrt", "sqrt()", "ln");

    @Test
    void acceptsWhatAstropyAccepts() {
        for (String s : GOOD) {
            assertEquals(Optional.empty(), UnitGrammar.problem(s), () -> "unit '" + s + "'");
        }
        assertEquals(Optional.empty(), UnitGrammar.problem(null));
    }

    @Test
    void rejectsWhatAstropyRejects() {
        for (String s : BAD) {
            assertTrue(UnitGrammar.problem(s).isPresent(), () -> "unit '" + s + "' should be rejected");
        }
    }

    @Test
    void explainsUnknownNamesWithSuggestions() {
        assertEquals(Optional.of("'asec' is not a known unit (did you mean 'arcsec' or 'parsec'?)"),
                UnitGrammar.problem("asec"));
        assertEquals(Optional.of("'asec' is not a known unit (did you mean 'arcsec' or 'parsec'?)"),
                UnitGrammar.problem("nmgy*asec^2"));
        assertEquals(Optional.of("'meters' is not a known unit (did you mean 'meter'?)"),
                UnitGrammar.problem("meters"));
        assertEquals(Optional.of("'maspyr' is not a known unit"), UnitGrammar.problem("maspyr"));
        assertEquals(Optional.of("'datetimeZ' is not a known unit"), UnitGrammar.problem("datetimeZ"));
    }

    @Test
    void explainsOtherProblems() {
        assertEquals(Optional.of("syntax error at position 2 ('/')"), UnitGrammar.problem("m//s"));
        assertEquals(Optional.of("unexpected end of unit"), UnitGrammar.problem("m**"));
        assertEquals(Optional.of("invalid character U+0009 at position 1"), UnitGrammar.problem("m\t"));
        assertEquals(Optional.of("a numeric factor with an integer exponent must have base 10"),
                UnitGrammar.problem("2**3 m"));
        assertEquals(Optional.of("numeric factor too large"), UnitGrammar.problem("10**400 m"));
        assertEquals(Optional.of("'ln' is not a supported function"), UnitGrammar.problem("ln(m)"));
        assertEquals(Optional.of("cannot multiply a logarithmic unit with a physical dimension"),
                UnitGrammar.problem("mag(ct/s) m"));
    }

    /**
     * Runs a corpus of unit strings through astropy itself and requires the same verdict for
     * every one of them. Needs /usr/bin/python3 with astropy (Debian: python3-astropy).
     */
    @Test
    void agreesWithAstropy(@TempDir Path dir) throws Exception {
        List<String> corpus = corpus();
        assertTrue(corpus.size() >= 150, "corpus too small: " + corpus.size());
        List<String> astropy = AstropyOracle.verdicts(dir, ORACLE, corpus, 1);
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            String s = corpus.get(i);
            Optional<String> ours = UnitGrammar.problem(s);
            boolean astropyAccepts = astropy.get(i).equals("OK");
            if (ours.isEmpty() != astropyAccepts) {
                mismatches.add("'" + s + "': astropy " + astropy.get(i) + ", we "
                        + ours.map(p -> "ERR " + p).orElse("OK"));
            }
        }
        assertTrue(mismatches.isEmpty(), mismatches.size() + " of " + corpus.size()
                + " unit strings judged differently from astropy:\n" + String.join("\n", mismatches));
    }

    /** The hand-written cases plus strings derived from every registry name. */
    private static List<String> corpus() throws IOException {
        Set<String> corpus = new LinkedHashSet<>(GOOD);
        corpus.addAll(BAD);
        for (String name : registryNames()) {
            // Prefixes astropy may or may not allow for this name, and common decorations.
            corpus.add(name);
            corpus.add("k" + name);
            corpus.add("da" + name);
            corpus.add("Ki" + name);
            corpus.add("kilo" + name);
            corpus.add(name + "2");
            corpus.add(name + "**-1");
            corpus.add("10**-3 " + name + "/s");
            corpus.add(name.toUpperCase(java.util.Locale.ROOT));
            corpus.add(name + "s");
        }
        return new ArrayList<>(corpus);
    }

    private static List<String> registryNames() throws IOException {
        List<String> names = new ArrayList<>();
        try (InputStream in = UnitGrammar.class.getResourceAsStream("units.txt")) {
            assertTrue(in != null, "units.txt resource missing");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    names.add(line.strip().split("\\s+")[0]);
                }
            }
        }
        return names;
    }

    /** Strings are passed hex-encoded so that blanks, tabs and non-ASCII survive intact. */
    private static final String ORACLE = String.join("\n",
            "import sys, warnings",
            "try:",
            "    from astropy import units as u",
            "except ImportError:",
            "    sys.exit(3)",
            "warnings.simplefilter('ignore')",
            "out = []",
            "for line in open(sys.argv[1], encoding='ascii').read().splitlines():",
            "    s = bytes.fromhex(line[1:]).decode('utf-8')",
            "    try:",
            "        u.Unit(s)",
            "        out.append('OK')",
            "    except Exception as e:",
            "        out.append('ERR ' + ' '.join(str(e).split(' If this is meant')[0].split()))",
            "sys.stdout.buffer.write(('\\n'.join(out) + '\\n').encode('utf-8'))",
            "");
}

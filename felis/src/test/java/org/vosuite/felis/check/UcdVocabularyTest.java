package org.vosuite.felis.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UcdVocabularyTest {


    /**
     * The word list of the astropy the oracle runs (5.2.1, an older UCD1+ list than our v1.5
     * resource); words it classifies differently from ours are left out of the comparison.
     */
    private static final Path ASTROPY_WORDS =
            Path.of("/usr/lib/python3/dist-packages/astropy/io/votable/data/ucd1p-words.txt");

    /** Hand-written cases for the oracle corpus, valid and invalid. */
    private static final List<String> CASES = List.of(
            "pos.eq.ra;meta.main", "pos.eq.dec;meta.main", "phot.flux;em.opt.r", "meta.id",
            "meta.id;meta.main", "stat.error;phot.flux", "stat.error;phot.mag;em.opt.g",
            "phot.mag;em.opt.i", "phot.flux.density;em.radio", "time.epoch", "time.epoch;obs",
            "meta.record", "src.redshift", "phys.size.radius", "pos.parallax", "pos.pm;pos.eq.ra",
            "phot.count", "instr.det", "obs.image", "meta.ref.url", "meta.code.qual", "arith.zp",
            "arith.ratio", "arith.diff", "stat.mean", "em.wl", "em.IR.J", "phot.mag;em.IR.K",
            "phys.temperature.dew", "obs.atmos", "meta.main", "em.opt.r", "stat.error",
            "phot.flux;meta.main;stat.error", "pos.eq.ra;pos.eq.dec", "meta.id;meta.id",
            "POS.EQ.RA;META.MAIN", "Pos.Eq.Ra", "pos.eq.RA", "em.ir.j", "PHOT.FLUX",
            "foo", "foo.bar", "pos.eq.ra;foo", "pos.eq", "pos.eq.ra.", "pos..eq", ".pos.eq.ra",
            "pos.eq.ra;", ";pos.eq.ra", ";", ";;", "", " ", "pos.eq.ra ", " pos.eq.ra",
            "pos.eq.ra; meta.main", "pos.eq.ra;;meta.main", "pos eq ra", "pos,eq", "pos.eq.ra,meta.main",
            "pos/eq", "pos.eq.ra\t", "m\u00E9ta.main", "-pos.eq.ra", "_pos.eq.ra", "pos.eq.ra;-meta",
            "pos.eq.ra;_meta", "1pos", "pos-eq", "pos_eq", "ivoa:pos.eq.ra", "IVOA:pos.eq.ra",
            "ivoa:pos.eq.ra;meta.main", "pos.eq.ra;ivoa:meta.main", "pos.eq.ra;ivoa:foo",
            "pos.eq.ra;custom:anything", "custom:anything;meta.main", "custom:anything",
            "pos.eq.ra;x:y:z", "pos.eq.ra;:meta.main", "pos.eq.ra;a:", "pos.eq.ra;-ns:word",
            "pos.eq.ra;ns.sub:word", "pos.eq.ra;ns:-word", "pos.eq.ra;ns:", ":", "a:b",
            "src.class;meta.main", "meta.main;pos.eq.ra", "em.opt.r;phot.flux", "arith.diff;phot.mag",
            "phot.mag;arith.diff", "arith.factor;arith.factor", "time;time", "obs;obs.image",
            "stat.error;stat.error", "meta.code;meta.code", "pos;pos", "em;em", "phys;phys",
            "src;src", "instr;instr", "spect;spect", "meta.number;meta.number", "pos.eq.ra;pos.frame=icrs",
            "pos.eq.ra\u00A0", "phot.flux\u2013density", "pos.eq.ra;meta.main;",
            "pos.eq.ra;meta.main;meta.main;meta.main", "obs.field", "obs.param", "meta.note",
            "meta.bib.author", "meta.unit", "meta.ucd", "meta.dataset", "meta.version");

    @Test
    void acceptsVocabularyWords() {
        for (String ucd : List.of("pos.eq.ra;meta.main", "phot.flux;em.opt.r", "meta.id",
                "stat.error;phot.flux", "POS.EQ.RA;meta.MAIN", "phot.mag;em.IR.K")) {
            assertEquals(Optional.empty(), UcdVocabulary.problem(ucd), ucd);
        }
        assertEquals(Optional.empty(), UcdVocabulary.problem(null));
    }

    @Test
    void reportsProblemsLikeAstropy() {
        assertEquals(Optional.of("Unknown word 'foo'"), UcdVocabulary.problem("foo"));
        assertEquals(Optional.of("Secondary word 'meta.main' is not valid as a primary word"),
                UcdVocabulary.problem("meta.main"));
        assertEquals(Optional.of("Primary word 'meta.id' is not valid as a secondary word"),
                UcdVocabulary.problem("meta.record;meta.id"));
        assertEquals(Optional.of("Invalid word ''"), UcdVocabulary.problem(""));
        assertEquals(Optional.of("Invalid word ''"), UcdVocabulary.problem("pos.eq.ra;"));
        assertEquals(Optional.of("UCD has invalid character ' ' in 'pos.eq.ra; meta.main'"),
                UcdVocabulary.problem("pos.eq.ra; meta.main"));
        assertEquals(Optional.of("Unknown word 'pos..eq'"), UcdVocabulary.problem("pos..eq"));
    }

    @Test
    void namespacesFollowFelis() {
        // Python felis passes has_colon=";" in ucd to astropy.
        assertEquals(Optional.of("UCD has invalid character ':' in 'custom:thing'"),
                UcdVocabulary.problem("custom:thing"));
        assertEquals(Optional.empty(), UcdVocabulary.problem("pos.eq.ra;custom:thing"));
        assertEquals(Optional.of("Unknown word 'foo'"), UcdVocabulary.problem("pos.eq.ra;ivoa:foo"));
        assertEquals(Optional.empty(), UcdVocabulary.problem("custom:thing", true));
        assertEquals(Optional.of("Too many colons in 'x:y:z'"), UcdVocabulary.problem("pos.eq.ra;x:y:z"));
        assertEquals(Optional.of("UCD has invalid character ':' in 'pos.eq.ra;custom:thing'"),
                UcdVocabulary.problem("pos.eq.ra;custom:thing", false));
    }

    /**
     * Our resource is the IVOA UCD1+ list v1.5 (EN-UCDlist-v1.5-2023-01-25, as current astropy
     * ships it). Flags: P primary only, S secondary only, Q/E/C/V either.
     */
    @Test
    void followsUcdListV15() {
        // Added in v1.5 (not in astropy 5.2.1's list); both Q, so primary or secondary.
        assertEquals(Optional.empty(), UcdVocabulary.problem("meta.ref.ivoid"));
        assertEquals(Optional.empty(), UcdVocabulary.problem("phot.flux;meta.ref.ivoid"));
        assertEquals(Optional.empty(), UcdVocabulary.problem("pos.outline;obs.field"));
        assertEquals(Optional.empty(), UcdVocabulary.problem("pos.outline"));
        // Flag changes: meta.ref.uri Q -> P, phys.virial Q -> S, pos.eq S -> Q, meta.curation P -> Q.
        assertEquals(Optional.of("Primary word 'meta.ref.uri' is not valid as a secondary word"),
                UcdVocabulary.problem("meta.id;meta.ref.uri"));
        assertEquals(Optional.empty(), UcdVocabulary.problem("meta.ref.uri"));
        assertEquals(Optional.of("Secondary word 'phys.virial' is not valid as a primary word"),
                UcdVocabulary.problem("phys.virial"));
        assertEquals(Optional.empty(), UcdVocabulary.problem("phys.mass;phys.virial"));
        assertEquals(Optional.empty(), UcdVocabulary.problem("pos.eq"));
        assertEquals(Optional.empty(), UcdVocabulary.problem("meta.id;meta.curation"));
        // Removed in v1.5.
        assertEquals(Optional.of("Unknown word 'meta.ref.ivorn'"), UcdVocabulary.problem("meta.ref.ivorn"));
    }

    /**
     * Runs a corpus of UCDs through astropy's parse_ucd and requires the same verdict and message
     * for has_colon False, True and felis' choice. Needs /usr/bin/python3 with astropy 5.2.1, whose
     * word list is older than ours: UCDs using a word that the two lists classify differently
     * (present in only one, or allowed as primary/secondary differently) are skipped.
     */
    @Test
    void agreesWithAstropy(@TempDir Path dir) throws Exception {
        Set<String> changed = changedWords();
        assertTrue(changed.contains("meta.ref.ivoid") && changed.contains("pos.outline"),
                "expected v1.5 additions in the difference: " + changed);
        List<String> corpus = new ArrayList<>();
        int skipped = 0;
        for (String s : corpus()) {
            if (usesAny(s, changed)) {
                skipped++;
            } else {
                corpus.add(s);
            }
        }
        System.out.println("UcdVocabularyTest: " + changed.size() + " words differ between astropy's "
                + "installed list and ours; skipped " + skipped + " of " + (corpus.size() + skipped)
                + " corpus UCDs that use them");
        assertTrue(corpus.size() >= 100, "corpus too small: " + corpus.size());
        List<String> astropy = AstropyOracle.verdicts(dir, ORACLE, corpus, 3);
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            String s = corpus.get(i);
            String[] modes = {"has_colon=False", "has_colon=True", "felis"};
            List<Optional<String>> ours = List.of(UcdVocabulary.problem(s, false),
                    UcdVocabulary.problem(s, true), UcdVocabulary.problem(s));
            for (int m = 0; m < 3; m++) {
                String expected = astropy.get(3 * i + m);
                String actual = ours.get(m).map(p -> "ERR " + p).orElse("OK");
                if (!expected.equals(actual)) {
                    mismatches.add("'" + s + "' (" + modes[m] + "): astropy " + expected + ", we " + actual);
                }
            }
        }
        assertTrue(mismatches.isEmpty(), mismatches.size() + " verdicts on " + corpus.size()
                + " UCDs differ from astropy:\n" + String.join("\n", mismatches));
    }

    /** The hand-written cases, every vocabulary word alone and in second place, case variants. */
    private static List<String> corpus() throws IOException {
        Set<String> corpus = new LinkedHashSet<>(CASES);
        List<String> words = vocabulary();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            corpus.add(w);
            corpus.add("phot.flux;" + w);
            if (i % 7 == 0) {
                corpus.add(w.toUpperCase(Locale.ROOT) + ";META.MAIN");
                corpus.add(w + "x");
            }
        }
        return new ArrayList<>(corpus);
    }

    /** Whether one of the {@code ;}- or {@code :}-separated parts of {@code ucd} is in {@code words}. */
    private static boolean usesAny(String ucd, Set<String> words) {
        for (String part : ucd.split("[;:]", -1)) {
            if (words.contains(part.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Lower-cased words that are in only one of astropy's installed list and our resource, or
     * whose primary/secondary use differs between them.
     */
    private static Set<String> changedWords() throws IOException {
        assertTrue(Files.isRegularFile(ASTROPY_WORDS), ASTROPY_WORDS
                + " is needed for this test: apt-get install python3-astropy");
        Map<String, String> theirs;
        try (InputStream in = Files.newInputStream(ASTROPY_WORDS)) {
            theirs = uses(in);
        }
        Map<String, String> ours;
        try (InputStream in = UcdVocabulary.class.getResourceAsStream("ucd1p-words.txt")) {
            assertTrue(in != null, "ucd1p-words.txt resource missing");
            ours = uses(in);
        }
        Set<String> changed = new TreeSet<>();
        Set<String> all = new TreeSet<>(theirs.keySet());
        all.addAll(ours.keySet());
        for (String w : all) {
            if (!String.valueOf(theirs.get(w)).equals(String.valueOf(ours.get(w)))) {
                changed.add(w);
            }
        }
        return changed;
    }

    /** Lower-cased word to its use as astropy reads the flag: "P", "S" or "PS" (either). */
    private static Map<String, String> uses(InputStream in) throws IOException {
        UcdVocabulary.WordList list = UcdVocabulary.WordList.read(in);
        Map<String, String> uses = new HashMap<>();
        Set<String> words = new TreeSet<>(list.primary());
        words.addAll(list.secondary());
        for (String w : words) {
            uses.put(w, (list.primary().contains(w) ? "P" : "") + (list.secondary().contains(w) ? "S" : ""));
        }
        return uses;
    }

    private static List<String> vocabulary() throws IOException {
        List<String> words = new ArrayList<>();
        try (InputStream in = UcdVocabulary.class.getResourceAsStream("ucd1p-words.txt")) {
            assertTrue(in != null, "ucd1p-words.txt resource missing");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    words.add(line.split("\\|")[1].strip());
                }
            }
        }
        return words;
    }

    /** Strings are passed hex-encoded so that blanks and non-ASCII survive intact. */
    private static final String ORACLE = String.join("\n",
            "import sys",
            "try:",
            "    from astropy.io.votable.ucd import parse_ucd",
            "except ImportError:",
            "    sys.exit(3)",
            "def verdict(s, has_colon):",
            "    try:",
            "        parse_ucd(s, check_controlled_vocabulary=True, has_colon=has_colon)",
            "        return 'OK'",
            "    except ValueError as e:",
            "        return 'ERR ' + str(e)",
            "out = []",
            "for line in open(sys.argv[1], encoding='ascii').read().splitlines():",
            "    s = bytes.fromhex(line[1:]).decode('utf-8')",
            "    out += [verdict(s, False), verdict(s, True), verdict(s, ';' in s)]",
            "sys.stdout.buffer.write(('\\n'.join(out) + '\\n').encode('utf-8'))",
            "");
}

package org.vosuite.felis.check;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a UCD against the IVOA UCD1+ controlled vocabulary the way
 * {@code astropy.io.votable.ucd.parse_ucd(ucd, check_controlled_vocabulary=True, has_colon=...)}
 * does, with astropy's messages. The vocabulary is UCD1+ v1.5, the list current astropy ships (Python felis
 * runs on current astropy, and real Felis files use v1.5 words such as {@code meta.ref.ivoid}).
 *
 * <p>A UCD is a {@code ;}-separated list of words, compared case-insensitively with the
 * vocabulary in {@code ucd1p-words.txt}; the first word must be allowed as a primary word and
 * the others as secondary words. Like astropy, only the first character of a word is checked for
 * syntax, so a malformed word is reported as unknown.
 */
public final class UcdVocabulary {

    private UcdVocabulary() {
    }

    /**
     * Checks {@code ucd} as Python felis does: it calls {@code parse_ucd} with
     * {@code has_colon=";" in ucd}, so namespaced words ({@code custom:word}) are accepted, and
     * not vocabulary-checked, only in UCDs that contain a {@code ;}. {@code null} is accepted.
     */
    public static Optional<String> problem(String ucd) {
        return ucd == null ? Optional.empty() : problem(ucd, ucd.indexOf(';') >= 0);
    }

    /**
     * Returns astropy's complaint about {@code ucd}, or empty when it is valid.
     *
     * @param hasColon whether words may carry a namespace ({@code ns:word}); words in a namespace
     *                 other than {@code ivoa} are not checked against the vocabulary
     */
    public static Optional<String> problem(String ucd, boolean hasColon) {
        for (int i = 0; i < ucd.length(); ) {
            int c = ucd.codePointAt(i);
            if (!(isAlphanumeric(c) || c == '_' || c == '.' || c == ';' || c == '-' || (hasColon && c == ':'))) {
                return fail("UCD has invalid character '" + new String(Character.toChars(c))
                        + "' in '" + ucd + "'");
            }
            i += Character.charCount(c);
        }
        String[] parts = ucd.split(";", -1);
        for (int i = 0; i < parts.length; i++) {
            String word = parts[i];
            String namespace = "ivoa";
            int colon = word.indexOf(':');
            if (colon >= 0) {
                if (word.indexOf(':', colon + 1) >= 0) {
                    return fail("Too many colons in '" + word + "'");
                }
                namespace = word.substring(0, colon);
                word = word.substring(colon + 1);
                if (!startsWord(namespace)) {
                    return fail("Invalid namespace '" + namespace + "'");
                }
                namespace = namespace.toLowerCase(Locale.ROOT);
            }
            if (!startsWord(word)) {
                return fail("Invalid word '" + word + "'");
            }
            if (!namespace.equals("ivoa")) {
                continue;
            }
            String key = word.toLowerCase(Locale.ROOT);
            boolean primary = Words.PRIMARY.contains(key);
            boolean secondary = Words.SECONDARY.contains(key);
            if (i == 0 && !primary) {
                return fail(secondary ? "Secondary word '" + word + "' is not valid as a primary word"
                        : "Unknown word '" + word + "'");
            }
            if (i > 0 && !secondary) {
                return fail(primary ? "Primary word '" + word + "' is not valid as a secondary word"
                        : "Unknown word '" + word + "'");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> fail(String message) {
        return Optional.of(message);
    }

    private static boolean isAlphanumeric(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** astropy only requires a word (or namespace) to start with an ASCII letter or digit. */
    private static boolean startsWord(String s) {
        return !s.isEmpty() && isAlphanumeric(s.charAt(0));
    }

    /** A UCD1+ word list as astropy reads it: lower-cased words allowed first (primary) and after (secondary). */
    record WordList(Set<String> primary, Set<String> secondary) {
        /** Reads the {@code FLAG | word | description} format; P primary only, S secondary only, Q/E/C/V both. */
        static WordList read(InputStream in) throws IOException {
            Set<String> primary = new HashSet<>();
            Set<String> secondary = new HashSet<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\\|");
                String flag = f[0].strip();
                String word = f[1].strip().toLowerCase(Locale.ROOT);
                if (flag.length() == 1 && "QPEVC".contains(flag)) {
                    primary.add(word);
                }
                if (flag.length() == 1 && "QSEVC".contains(flag)) {
                    secondary.add(word);
                }
            }
            return new WordList(Set.copyOf(primary), Set.copyOf(secondary));
        }
    }

    /** The vocabulary, loaded from ucd1p-words.txt on first use. */
    private static final class Words {
        static final Set<String> PRIMARY;
        static final Set<String> SECONDARY;

        static {
            try (InputStream in = UcdVocabulary.class.getResourceAsStream("ucd1p-words.txt")) {
                if (in == null) {
                    throw new IllegalStateException("ucd1p-words.txt resource is missing");
                }
                WordList list = WordList.read(in);
                PRIMARY = list.primary();
                SECONDARY = list.secondary();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

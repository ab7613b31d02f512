package org.vosuite.common.wcs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import nom.tam.fits.HeaderCard;
import nom.tam.util.Cursor;

/**
 * The keyword values of one FITS header, as the WCS needs them: upper-case keyword to value text (strings
 * unquoted). Immutable.
 */
public final class HeaderCards {
    private final Map<String, String> values;

    private HeaderCards(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static HeaderCards of(Map<String, String> values) {
        Map<String, String> m = new LinkedHashMap<>();
        values.forEach((k, v) -> m.put(k.trim().toUpperCase(Locale.ROOT), v));
        return new HeaderCards(m);
    }

    public static HeaderCards of(Header header) {
        Map<String, String> m = new LinkedHashMap<>();
        Cursor<String, HeaderCard> it = header.iterator();
        while (it.hasNext()) {
            HeaderCard c = it.next();
            if (c.getKey() != null && c.getValue() != null && !c.isCommentStyleCard()) {
                m.put(c.getKey().trim().toUpperCase(Locale.ROOT), c.getValue().trim());
            }
        }
        return new HeaderCards(m);
    }

    /** Text cards, one per line (80 columns or shorter; blank lines and END are ignored). */
    public static HeaderCards parse(List<String> lines) throws WcsException {
        Map<String, String> m = new LinkedHashMap<>();
        int n = 0;
        for (String line : lines) {
            n++;
            String l = line.stripTrailing();
            if (l.isBlank() || l.equals("END")) {
                continue;
            }
            if (l.length() > 80) {
                throw new WcsException("line " + n + " is longer than an 80-column FITS card: " + l);
            }
            try {
                HeaderCard c = HeaderCard.create(l);
                if (c.getKey() != null && c.getValue() != null && !c.isCommentStyleCard()) {
                    m.put(c.getKey().trim().toUpperCase(Locale.ROOT), c.getValue().trim());
                }
            } catch (RuntimeException e) {
                throw new WcsException("line " + n + " is not a FITS card (" + e.getMessage() + "): " + l);
            }
        }
        return new HeaderCards(m);
    }

    /**
     * The header of a FITS file's first image HDU with two or more axes (or the primary header when there is
     * none), or a text header of cards when the file does not start like FITS.
     */
    public static HeaderCards read(Path file) throws WcsException, IOException {
        byte[] start = new byte[9];
        try (var in = Files.newInputStream(file)) {
            in.readNBytes(start, 0, 9);
        }
        if (!new String(start, StandardCharsets.US_ASCII).equals("SIMPLE  =")) {
            return parse(Files.readAllLines(file, StandardCharsets.ISO_8859_1));
        }
        try (Fits fits = new Fits(file.toFile())) {
            Header first = null;
            for (BasicHDU<?> hdu; (hdu = fits.readHDU()) != null; ) {
                Header h = hdu instanceof nom.tam.image.compression.hdu.CompressedImageHDU c
                        ? c.getImageHeader() : hdu.getHeader();
                if (first == null) {
                    first = h;
                }
                if (h.getIntValue("NAXIS", 0) >= 2 && h.containsKey("CTYPE1")) {
                    return of(h);
                }
            }
            if (first == null) {
                throw new WcsException(file + " has no FITS header");
            }
            return of(first);
        } catch (FitsException e) {
            throw new WcsException(file + " is not a readable FITS file: " + e.getMessage());
        }
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public String string(String key) {
        return values.get(key);
    }

    /** The number under {@code key}, or {@code fallback} when absent; a value that is not a number is an error. */
    public double number(String key, double fallback) throws WcsException {
        String v = values.get(key);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        try {
            return Double.parseDouble(v.replace('D', 'E').replace('d', 'e'));
        } catch (NumberFormatException e) {
            throw new WcsException(key + " = '" + v + "' is not a number");
        }
    }

    /**
     * Adds cards to a nom-tam-fits header: strings as strings, integers as integers, other numbers as reals (the
     * WCS keywords a writer builds as a map).
     */
    public static void addTo(Header header, Map<String, ?> cards) throws nom.tam.fits.HeaderCardException {
        for (var e : cards.entrySet()) {
            if (e.getValue() instanceof String s) {
                header.addValue(e.getKey(), s, null);
            } else if (e.getValue() instanceof Integer || e.getValue() instanceof Long) {
                header.addValue(e.getKey(), ((Number) e.getValue()).longValue(), null);
            } else {
                header.addValue(e.getKey(), ((Number) e.getValue()).doubleValue(), null);
            }
        }
    }

    public Map<String, String> asMap() {
        return values;
    }
}

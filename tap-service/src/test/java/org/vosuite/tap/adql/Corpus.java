package org.vosuite.tap.adql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the query corpora in src/test/resources/adql: entries start with a "### description" line, invalid
 * entries then have "!!! line:column message", and the query is everything up to the next header. Text before
 * the first header is a comment about the file.
 */
final class Corpus {
    private static final Pattern EXPECTATION = Pattern.compile("!!! (\\d+):(\\d+) (.*)");

    record Entry(String description, int line, int column, String message, String query) {
        @Override
        public String toString() {
            return description;
        }
    }

    private Corpus() {
    }

    static List<Entry> read(String resource) {
        String text;
        try (InputStream in = Corpus.class.getResourceAsStream("/adql/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /adql/" + resource);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Entry> entries = new ArrayList<>();
        String description = null;
        Matcher expected = null;
        StringBuilder query = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("### ")) {
                if (description != null) {
                    entries.add(entry(description, expected, query));
                }
                description = line.substring(4);
                expected = null;
                query.setLength(0);
            } else if (description != null && expected == null && query.length() == 0 && line.startsWith("!!! ")) {
                expected = EXPECTATION.matcher(line);
                if (!expected.matches()) {
                    throw new IllegalStateException("bad expectation line: " + line);
                }
            } else if (description != null) {
                query.append(line).append('\n');
            }
        }
        if (description != null) {
            entries.add(entry(description, expected, query));
        }
        return entries;
    }

    private static Entry entry(String description, Matcher expected, StringBuilder query) {
        String q = query.toString();
        while (q.endsWith("\n")) {
            q = q.substring(0, q.length() - 1);
        }
        if (expected == null) {
            return new Entry(description, 0, 0, null, q);
        }
        return new Entry(description, Integer.parseInt(expected.group(1)), Integer.parseInt(expected.group(2)),
                expected.group(3), q);
    }
}

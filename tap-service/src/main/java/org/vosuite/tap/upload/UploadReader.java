package org.vosuite.tap.upload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StarTableFactory;
import uk.ac.starlink.util.FileDataSource;

/**
 * Reads an uploaded table — VOTable (TABLEDATA, BINARY, BINARY2) or CSV — with STIL, after checks that keep hostile
 * files out: the byte limit, no DTD (so no entity declarations: no entity expansion, no external entities), and
 * no VOTable STREAM with an href (which would make the parser read a local file or fetch a URL).
 */
public final class UploadReader {
    private static final Pattern DTD = Pattern.compile("<!DOCTYPE|<!ENTITY");
    private static final Pattern STREAM_HREF = Pattern.compile("<(?:[A-Za-z_][\\w.-]*:)?STREAM\\b[^>]*\\bhref\\s*=");
    private static final int CHUNK = 1 << 20;
    private static final int OVERLAP = 4096;

    private UploadReader() {
    }

    public static StarTable read(String name, Path file, UploadLimits limits) throws UploadException {
        try {
            long size = Files.size(file);
            if (size > limits.maxBytes()) {
                throw new UploadException("the upload '" + name + "' has " + size + " bytes; this service takes at "
                        + "most " + limits.maxBytes() + " bytes per table");
            }
            if (size == 0) {
                throw new UploadException("the upload '" + name + "' is empty");
            }
            boolean xml = startsWithMarkup(file);
            if (xml) {
                scan(name, file);
            }
            StarTableFactory factory = new StarTableFactory(false);
            return factory.makeStarTable(new FileDataSource(file.toFile()), xml ? "votable" : "csv");
        } catch (UploadException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new UploadException("the upload '" + name + "' is not a readable VOTable or CSV table: "
                    + e.getMessage(), e);
        }
    }

    private static boolean startsWithMarkup(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(1024);
            String s = new String(head, StandardCharsets.ISO_8859_1);
            if (s.startsWith("\u00EF\u00BB\u00BF")) { // UTF-8 byte order mark
                s = s.substring(3);
            }
            return s.stripLeading().startsWith("<");
        }
    }

    /** Refuses DTDs and STREAM hrefs anywhere in the file (read in overlapping chunks). */
    private static void scan(String name, Path file) throws IOException, UploadException {
        try (InputStream in = Files.newInputStream(file)) {
            String carry = "";
            byte[] buf = new byte[CHUNK];
            int n;
            while ((n = in.readNBytes(buf, 0, CHUNK)) > 0) {
                String text = carry + new String(buf, 0, n, StandardCharsets.ISO_8859_1);
                if (DTD.matcher(text).find()) {
                    throw new UploadException("the upload '" + name + "' declares a DTD or entities, which this "
                            + "service does not accept; remove the <!DOCTYPE ...> declaration");
                }
                Matcher m = STREAM_HREF.matcher(text);
                if (m.find()) {
                    throw new UploadException("the upload '" + name + "' has a STREAM that refers to other data "
                            + "(href); upload the table with its data inline");
                }
                carry = text.length() > OVERLAP ? text.substring(text.length() - OVERLAP) : text;
            }
        }
    }
}

package org.vosuite.datalink.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends a file with HTTP range support (RFC 9110 §14): one range {@code bytes=a-b}, {@code bytes=a-} or
 * {@code bytes=-n} gets 206 and that part; a range past the end gets 416; several ranges get the whole file (a
 * server may ignore Range). HEAD gets the headers only. The kernel copies the bytes (sendfile).
 */
final class FileResponse {
    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private FileResponse() {
    }

    static void send(RoutingContext ctx, Path file, String contentType) throws IOException {
        long size = Files.size(file);
        long modified = Files.getLastModifiedTime(file).toMillis();
        HttpServerResponse r = ctx.response();
        r.putHeader("Content-Type", contentType)
                .putHeader("Accept-Ranges", "bytes")
                .putHeader("ETag", "\"" + Long.toHexString(size) + "-" + Long.toHexString(modified) + "\"")
                .putHeader("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        java.time.Instant.ofEpochMilli(modified).atZone(ZoneOffset.UTC)))
                .putHeader("Content-Disposition", "inline; filename=\"" + file.getFileName().toString()
                        .replace("\"", "") + "\"");
        long start = 0;
        long length = size;
        String range = ctx.request().getHeader("Range");
        if (range != null) {
            Matcher m = SINGLE.matcher(range.trim());
            if (m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
                long[] span = span(m.group(1), m.group(2), size);
                if (span == null) {
                    r.setStatusCode(416).putHeader("Content-Range", "bytes */" + size).end();
                    return;
                }
                start = span[0];
                length = span[1] - span[0] + 1;
                r.setStatusCode(206).putHeader("Content-Range", "bytes " + span[0] + "-" + span[1] + "/" + size);
            }
        }
        if (ctx.request().method() == HttpMethod.HEAD) {
            r.putHeader("Content-Length", Long.toString(length)).end();
            return;
        }
        r.sendFile(file.toString(), start, length);
    }

    /** First and last byte of a range, or null when it selects nothing of the file. */
    private static long[] span(String first, String last, long size) {
        try {
            if (first.isEmpty()) { // the last n bytes
                long n = Long.parseLong(last);
                return n == 0 || size == 0 ? null : new long[] {Math.max(0, size - n), size - 1};
            }
            long a = Long.parseLong(first);
            long b = last.isEmpty() ? size - 1 : Math.min(Long.parseLong(last), size - 1);
            return a >= size || b < a ? null : new long[] {a, b};
        } catch (NumberFormatException e) {
            return null; // more digits than a long: beyond any file
        }
    }
}

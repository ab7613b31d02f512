package org.vosuite.tap.http;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A multipart/form-data POST as TOPCAT and pyvo send uploads: form fields, then file parts. */
final class Multipart {
    private static final String BOUNDARY = "vosuite-test-boundary-7c1e";
    private final Map<String, String> fields = new LinkedHashMap<>();
    private final Map<String, byte[]> files = new LinkedHashMap<>();

    Multipart field(String name, String value) {
        fields.put(name, value);
        return this;
    }

    Multipart file(String name, String content) {
        files.put(name, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    HttpRequest.Builder post(String url) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fields.forEach((k, v) -> write(out, "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + k
                + "\"\r\n\r\n" + v + "\r\n"));
        files.forEach((k, v) -> {
            write(out, "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + k + "\"; filename=\"" + k
                    + ".xml\"\r\nContent-Type: application/x-votable+xml\r\n\r\n");
            out.writeBytes(v);
            write(out, "\r\n");
        });
        write(out, "--" + BOUNDARY + "--\r\n");
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "multipart/form-data; boundary="
                + BOUNDARY).POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()));
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}

package org.vosuite.tap.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Fetches an upload given by URL, when the configuration allows it: only from allow-listed hosts, without following
 * redirects (a redirect could lead anywhere), and no more bytes than the upload limit.
 */
public final class UploadFetcher {
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private UploadFetcher() {
    }

    public static Path fetch(UploadRequest u, UploadLimits limits) throws UploadException {
        if (!limits.urls()) {
            throw new UploadException("uploads by URL are disabled on this service; send the table in the request "
                    + "(UPLOAD=" + u.name() + ",param:PART with a multipart part PART)");
        }
        URI uri;
        try {
            uri = URI.create(u.url());
        } catch (IllegalArgumentException e) {
            throw new UploadException("the upload URL '" + u.url() + "' is malformed");
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (limits.allowedHosts().stream().noneMatch(h -> h.equalsIgnoreCase(host))) {
            throw new UploadException("uploads are fetched only from " + limits.allowedHosts() + "; '" + host
                    + "' is not one of them");
        }
        Path file = null;
        try {
            file = Files.createTempFile("tap-upload", ".dat");
            HttpResponse<InputStream> r = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2))
                    .build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body(); OutputStream out = Files.newOutputStream(file)) {
                if (r.statusCode() != 200) {
                    throw new UploadException("fetching the upload '" + u.name() + "' from " + u.url() + " gave HTTP "
                            + r.statusCode());
                }
                byte[] buf = new byte[65536];
                long total = 0;
                int n;
                while ((n = in.read(buf)) > 0) {
                    total += n;
                    if (total > limits.maxBytes()) {
                        throw new UploadException("the upload '" + u.name() + "' is larger than " + limits.maxBytes()
                                + " bytes, the most this service takes per table");
                    }
                    out.write(buf, 0, n);
                }
            }
            return file;
        } catch (IOException e) {
            delete(file);
            throw new UploadException("cannot fetch the upload '" + u.name() + "' from " + u.url() + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            delete(file);
            Thread.currentThread().interrupt();
            throw new UploadException("interrupted while fetching the upload '" + u.name() + "'");
        } catch (UploadException e) {
            delete(file);
            throw e;
        }
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file
            }
        }
    }
}

package org.vosuite.common.http;

import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Optional authentication by bearer tokens ({@code Authorization: Bearer TOKEN}), each token naming a user. Off by
 * default ({@link #NONE}): every request is anonymous. On: a request without a token is anonymous, a request with
 * an unknown token is refused (401), so a typo never silently turns into anonymous access.
 */
public final class BearerTokens {
    public static final BearerTokens NONE = new BearerTokens(Map.of(), false);

    private final Map<String, String> users;
    private final boolean enabled;

    private BearerTokens(Map<String, String> users, boolean enabled) {
        this.users = Map.copyOf(users);
        this.enabled = enabled;
    }

    /** A request whose token is not known. */
    public static final class Unauthorized extends Exception {
        public Unauthorized(String message) {
            super(message);
        }
    }

    /** Tokens from configuration: token → user name. */
    public static BearerTokens of(Map<String, String> tokenToUser) {
        return new BearerTokens(tokenToUser, true);
    }

    /** A token file: one {@code TOKEN USER} per line; blank lines and lines starting with # are ignored. */
    public static BearerTokens fromFile(Path file) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        int n = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] parts = t.split("\\s+");
            if (parts.length != 2) {
                throw new IOException(file + " line " + n + ": expected 'TOKEN USER'");
            }
            m.put(parts[0], parts[1]);
        }
        return of(m);
    }

    public boolean enabled() {
        return enabled;
    }

    /** The user the request authenticates as; null for an anonymous request. */
    public String user(HttpServerRequest request) throws Unauthorized {
        if (!enabled) {
            return null;
        }
        String h = request.getHeader("Authorization");
        if (h == null || h.isBlank()) {
            return null;
        }
        if (!h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new Unauthorized("only bearer tokens are accepted: send 'Authorization: Bearer TOKEN'");
        }
        byte[] given = h.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        for (Map.Entry<String, String> e : users.entrySet()) {
            // constant-time comparison: the time taken does not tell how much of a token was right
            if (MessageDigest.isEqual(given, e.getKey().getBytes(StandardCharsets.UTF_8))) {
                return e.getValue();
            }
        }
        throw new Unauthorized("the bearer token is not valid");
    }
}

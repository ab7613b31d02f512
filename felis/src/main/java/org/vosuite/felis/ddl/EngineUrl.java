package org.vosuite.felis.ddl;

import java.net.URI;
import java.util.Optional;
import java.util.Properties;

/**
 * A database to run against. Takes a JDBC URL ({@code jdbc:postgresql://host/db?user=…}) or the SQLAlchemy form
 * python felis users already have in their scripts ({@code postgresql://user:pw@host:5432/db},
 * {@code sqlite:///file.db}). As in felis, a URL without a database ({@code postgresql://}, {@code mysql://},
 * {@code sqlite://}) only names a dialect: SQL is printed, nothing is executed.
 *
 * @param jdbcUrl    null for a dialect-only URL
 * @param properties user and password taken out of a SQLAlchemy URL
 */
public record EngineUrl(Dialect dialect, String jdbcUrl, Properties properties) {

    public boolean isMock() {
        return jdbcUrl == null;
    }

    public static EngineUrl parse(String url) {
        if (url.startsWith("jdbc:")) {
            Dialect d = Dialect.fromJdbcUrl(url).orElseThrow(() -> new IllegalArgumentException(
                    "unsupported JDBC URL '" + url + "': use jdbc:postgresql:, jdbc:mysql:, jdbc:sqlite: or jdbc:h2:"));
            return new EngineUrl(d, url, new Properties());
        }
        int colon = url.indexOf("://");
        if (colon < 0) {
            throw new IllegalArgumentException("'" + url + "' is not a database URL; give a JDBC URL such as "
                    + "jdbc:postgresql://localhost:5432/mydb or a dialect such as postgresql://");
        }
        String scheme = url.substring(0, colon);
        String dialectName = scheme.contains("+") ? scheme.substring(0, scheme.indexOf('+')) : scheme;
        Dialect d = Dialect.fromName(dialectName).orElseThrow(() -> new IllegalArgumentException(
                "unsupported database '" + dialectName + "' in '" + url + "' (postgresql, mysql, sqlite or h2)"));
        String rest = url.substring(colon + 3);
        if (rest.isEmpty()) {
            return new EngineUrl(d, null, new Properties());
        }
        if (d == Dialect.SQLITE) {
            // sqlite:///relative.db and sqlite:////absolute.db, as in SQLAlchemy
            String path = rest.startsWith("/") ? rest.substring(1) : rest;
            return new EngineUrl(d, path.isEmpty() ? null : "jdbc:sqlite:" + path, new Properties());
        }
        URI u = URI.create(dialectName + "://" + rest);
        Properties props = new Properties();
        Optional.ofNullable(u.getUserInfo()).ifPresent(info -> {
            int i = info.indexOf(':');
            props.setProperty("user", i < 0 ? info : info.substring(0, i));
            if (i >= 0) {
                props.setProperty("password", info.substring(i + 1));
            }
        });
        String host = u.getHost() == null ? "localhost" : u.getHost();
        String port = u.getPort() < 0 ? "" : ":" + u.getPort();
        String db = u.getPath() == null ? "" : u.getPath();
        String query = u.getQuery() == null ? "" : "?" + u.getQuery();
        return new EngineUrl(d, "jdbc:" + dialectName + "://" + host + port + db + query, props);
    }
}

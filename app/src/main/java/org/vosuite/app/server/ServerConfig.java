package org.vosuite.app.server;

import java.nio.file.Path;
import java.time.Duration;
import org.vosuite.common.config.ConfigException;
import org.vosuite.common.config.ConfigMap;
import org.vosuite.common.db.EmbeddedDatabase;
import org.vosuite.common.db.PostgresDataSources;
import org.vosuite.tap.TapLimits;

/**
 * What {@code vo serve --config FILE} reads:
 * <pre>
 * server:   {host: 127.0.0.1, port: 8080, queryThreads: 8}
 * database: {url: jdbc:postgresql://host:5432/db, user: u, password: p}
 *       or  {embedded: {dataDir: data/pg, database: release}}
 * tap:      {schema: TAP_SCHEMA, maxrec: 100000, maxrecHard: 10000000, syncTimeoutSeconds: 600}
 * </pre>
 * Unknown keys are errors.
 */
public record ServerConfig(SuiteServer.Settings server, String jdbcUrl, String user, String password,
        Path embeddedDataDir, String embeddedDatabase) {

    /** The configured database, opened: the embedded one is started (and must be closed by the caller). */
    public record OpenDatabase(javax.sql.DataSource dataSource, EmbeddedDatabase embedded) implements AutoCloseable {
        @Override
        public void close() {
            if (dataSource instanceof AutoCloseable pool) {
                try {
                    pool.close();
                } catch (Exception ignored) {
                    // stopping anyway
                }
            }
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    public OpenDatabase open() {
        if (jdbcUrl != null) {
            return new OpenDatabase(PostgresDataSources.pooled(jdbcUrl, user, password, server.queryThreads() + 2),
                    null);
        }
        EmbeddedDatabase embedded = EmbeddedDatabase.start(embeddedDataDir, 0);
        return new OpenDatabase(PostgresDataSources.pooled(embedded.ensureDatabase(embeddedDatabase), null, null,
                server.queryThreads() + 2), embedded);
    }

    public static ServerConfig from(ConfigMap root, Path relativeTo) {
        ConfigMap server = root.section("server");
        ConfigMap db = root.section("database");
        ConfigMap tap = root.section("tap");
        TapLimits limits = new TapLimits(tap.number("maxrec", TapLimits.DEFAULT.defaultMaxRec()),
                tap.number("maxrecHard", TapLimits.DEFAULT.hardMaxRec()),
                Duration.ofSeconds(tap.number("syncTimeoutSeconds", TapLimits.DEFAULT.syncTimeout().toSeconds())));
        if (limits.defaultMaxRec() > limits.hardMaxRec()) {
            throw new ConfigException("tap.maxrec (" + limits.defaultMaxRec() + ") is larger than tap.maxrecHard ("
                    + limits.hardMaxRec() + ")");
        }
        SuiteServer.Settings settings = new SuiteServer.Settings(server.string("host", "127.0.0.1"),
                (int) server.number("port", 8080), tap.string("schema", "TAP_SCHEMA"), limits,
                (int) server.number("queryThreads", 8));
        String url = db.string("url", null);
        ConfigMap embedded = db.section("embedded");
        String dataDir = embedded.string("dataDir", null);
        String database = embedded.string("database", "release");
        String user = db.string("user", null);
        String password = db.string("password", null);
        embedded.finish();
        server.finish();
        db.finish();
        tap.finish();
        root.finish();
        if ((url == null) == (dataDir == null)) {
            throw new ConfigException("database: give either url (a JDBC URL of a PostgreSQL database) or "
                    + "embedded.dataDir (a folder for the embedded PostgreSQL), not both and not neither");
        }
        return new ServerConfig(settings, url, user, password,
                dataDir == null ? null : relativeTo.resolve(dataDir), database);
    }
}

package org.vosuite.app.server;

import java.nio.file.Path;
import java.time.Duration;
import org.vosuite.common.config.ConfigException;
import org.vosuite.common.config.ConfigMap;
import org.vosuite.common.db.EmbeddedDatabase;
import org.vosuite.common.db.PostgresDataSources;
import org.vosuite.common.http.BearerTokens;
import org.vosuite.common.uws.JobManager;
import org.vosuite.tap.TapLimits;
import org.vosuite.tap.upload.UploadLimits;

/**
 * What {@code vo serve --config FILE} reads:
 * <pre>
 * server:   {host: 127.0.0.1, port: 8080, queryThreads: 8}
 * database: {url: jdbc:postgresql://host:5432/db, user: u, password: p}
 *       or  {embedded: {dataDir: data/pg, database: release}}
 * tap:      {schema: TAP_SCHEMA, maxrec: 100000, maxrecHard: 10000000, syncTimeoutSeconds: 600}
 * async:    {maxRunning: 4, executionDurationSeconds: 3600, maxExecutionDurationSeconds: 28800,
 *            destructionDays: 7, maxDestructionDays: 30, maxWaitSeconds: 60, jobsDir: jobs}
 * uploads:  {maxRows: 100000, maxBytes: 67108864, urls: false, allowedHosts: [data.example.org]}
 * auth:     {tokenFile: tokens.txt}   or  {tokens: {SECRET-TOKEN: alice}}   (absent: no authentication)
 * soda:     {registry: jdbc:sqlite:repo/gen3.sqlite3, datastoreRoot: repo, dataRoots: [repo],
 *            maxPixels: 100000000}   (absent: no SODA service)
 * </pre>
 * Unknown keys are errors.
 */
public record ServerConfig(SuiteServer.Settings server, String jdbcUrl, String user, String password,
        Path embeddedDataDir, String embeddedDatabase, SuiteServer.SodaSettings soda) {

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
        ConfigMap uploads = root.section("uploads");
        UploadLimits d = UploadLimits.DEFAULT;
        UploadLimits uploadLimits = new UploadLimits(uploads.number("maxRows", d.maxRows()),
                uploads.number("maxBytes", d.maxBytes()), uploads.flag("urls", d.urls()),
                uploads.strings("allowedHosts"));
        uploads.finish();
        if (uploadLimits.urls() && uploadLimits.allowedHosts().isEmpty()) {
            throw new ConfigException("uploads.urls is true but uploads.allowedHosts is empty: list the hosts "
                    + "uploads may be fetched from");
        }
        TapLimits limits = new TapLimits(tap.number("maxrec", TapLimits.DEFAULT.defaultMaxRec()),
                tap.number("maxrecHard", TapLimits.DEFAULT.hardMaxRec()),
                Duration.ofSeconds(tap.number("syncTimeoutSeconds", TapLimits.DEFAULT.syncTimeout().toSeconds())),
                uploadLimits);
        ConfigMap async = root.section("async");
        JobManager.Settings j = JobManager.Settings.DEFAULT;
        JobManager.Settings jobs = new JobManager.Settings((int) async.number("maxRunning", j.maxRunning()),
                Duration.ofSeconds(async.number("executionDurationSeconds", j.defaultDuration().toSeconds())),
                Duration.ofSeconds(async.number("maxExecutionDurationSeconds", j.maxDuration().toSeconds())),
                Duration.ofDays(async.number("destructionDays", j.defaultLifetime().toDays())),
                Duration.ofDays(async.number("maxDestructionDays", j.maxLifetime().toDays())),
                Duration.ofSeconds(async.number("maxWaitSeconds", j.maxWait().toSeconds())));
        Path jobsDir = relativeTo.resolve(async.string("jobsDir", "jobs"));
        async.finish();
        if (jobs.maxRunning() < 1) {
            throw new ConfigException("async.maxRunning must be at least 1");
        }
        ConfigMap authSection = root.section("auth");
        String tokenFile = authSection.string("tokenFile", null);
        java.util.Map<String, String> tokens = authSection.entries("tokens");
        authSection.finish();
        BearerTokens auth;
        if (tokenFile != null && !tokens.isEmpty()) {
            throw new ConfigException("auth: give tokenFile or tokens, not both");
        } else if (tokenFile != null) {
            try {
                auth = BearerTokens.fromFile(relativeTo.resolve(tokenFile));
            } catch (java.io.IOException e) {
                throw new ConfigException("auth.tokenFile: cannot read " + relativeTo.resolve(tokenFile) + ": "
                        + e.getMessage());
            }
        } else {
            auth = tokens.isEmpty() ? BearerTokens.NONE : BearerTokens.of(tokens);
        }
        if (limits.defaultMaxRec() > limits.hardMaxRec()) {
            throw new ConfigException("tap.maxrec (" + limits.defaultMaxRec() + ") is larger than tap.maxrecHard ("
                    + limits.hardMaxRec() + ")");
        }
        SuiteServer.Settings settings = new SuiteServer.Settings(server.string("host", "127.0.0.1"),
                (int) server.number("port", 8080), tap.string("schema", "TAP_SCHEMA"), limits,
                (int) server.number("queryThreads", 8), jobs, jobsDir, auth);
        SuiteServer.SodaSettings soda = soda(root.section("soda"), relativeTo);
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
                dataDir == null ? null : relativeTo.resolve(dataDir), database, soda);
    }

    private static SuiteServer.SodaSettings soda(ConfigMap soda, Path relativeTo) {
        String registry = soda.string("registry", null);
        String root = soda.string("datastoreRoot", null);
        java.util.List<String> roots = soda.strings("dataRoots");
        long maxPixels = soda.number("maxPixels", 100_000_000L);
        soda.finish();
        if (registry == null) {
            if (root != null || !roots.isEmpty()) {
                throw new ConfigException("soda: registry (the Butler registry's JDBC URL) is required");
            }
            return null;
        }
        if (root == null) {
            throw new ConfigException("soda.datastoreRoot is required: the folder the registry's file paths start"
                    + " from");
        }
        Path datastore = relativeTo.resolve(root);
        java.util.List<Path> dataRoots = roots.isEmpty() ? java.util.List.of(datastore)
                : roots.stream().map(relativeTo::resolve).toList();
        return new SuiteServer.SodaSettings(registry, datastore, dataRoots, maxPixels);
    }
}

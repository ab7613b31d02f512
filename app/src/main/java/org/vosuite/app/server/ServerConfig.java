package org.vosuite.app.server;

import java.nio.file.Path;
import java.time.Duration;
import org.vosuite.common.config.ConfigException;
import org.vosuite.common.config.ConfigFile;
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
 * server:   {host: 127.0.0.1, port: 8080, queryThreads: 8, publicUrl: https://data.example.org}
 *           (publicUrl: the URL clients reach the server at, for links in results; default http://host:port)
 * database: {url: jdbc:postgresql://host:5432/db, user: u, password: p}
 *       or  {embedded: {dataDir: data/pg, database: release}}
 * tap:      {schema: TAP_SCHEMA, maxrec: 100000, maxrecHard: 10000000, syncTimeoutSeconds: 600,
 *            descriptors: descriptors.yaml}   (a manifest of service descriptors for result columns)
 * async:    {maxRunning: 4, executionDurationSeconds: 3600, maxExecutionDurationSeconds: 28800,
 *            destructionDays: 7, maxDestructionDays: 30, maxWaitSeconds: 60, jobsDir: jobs}
 * uploads:  {maxRows: 100000, maxBytes: 67108864, urls: false, allowedHosts: [data.example.org]}
 * auth:     {tokenFile: tokens.txt}   or  {tokens: {SECRET-TOKEN: alice}}   (absent: no authentication)
 * soda:     {registry: jdbc:sqlite:repo/gen3.sqlite3, datastoreRoot: repo, dataRoots: [repo],
 *            maxPixels: 100000000}   (absent: no SODA service)
 * datalink: {maxIds: 100, documentation: https://release.example.org/docs, butlerRepo: repo,
 *            previewCache: previews, queries: {lightcurve: {adql: "SELECT … WHERE objectId = {ID}", id: long}}}
 *           (needs soda; absent: no DataLink service)
 * docs:     {felis: [release.yaml]}   (data dictionaries served at /docs/)
 * hips:     {surveys: hips}   (a folder of HiPS surveys from vo hips generate, served at /hips/)
 * portal:   {catalog: schema.Table, id: idColumn, ra: raColumn, dec: decColumn}
 *           (the table whose rows the portal's sky view draws when zoomed in; absent: none)
 * </pre>
 * Unknown keys are errors.
 */
public record ServerConfig(SuiteServer.Settings server, String jdbcUrl, String user, String password,
        Path embeddedDataDir, String embeddedDatabase, SuiteServer.Services services) {

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
        SuiteServer.DatalinkOptions datalink = datalink(root.section("datalink"), relativeTo);
        if (datalink != null && soda == null) {
            throw new ConfigException("datalink needs the soda section: DataLink finds datasets through the same "
                    + "registry and data roots");
        }
        String manifest = tap.string("descriptors", null);
        java.util.List<org.vosuite.common.votable.ServiceDescriptor> descriptors = manifest == null
                ? java.util.List.of() : org.vosuite.tap.descriptor.ResultDescriptors.read(ConfigFile.read(
                        relativeTo.resolve(manifest)));
        ConfigMap docs = root.section("docs");
        java.util.List<org.vosuite.felis.model.Schema> schemas = new java.util.ArrayList<>();
        for (String f : docs.strings("felis")) {
            try {
                schemas.add(org.vosuite.felis.Felis.load(relativeTo.resolve(f)));
            } catch (RuntimeException e) {
                throw new ConfigException("docs.felis: " + f + " cannot be read: " + e.getMessage());
            }
        }
        docs.finish();
        ConfigMap hips = root.section("hips");
        String surveys = hips.string("surveys", null);
        hips.finish();
        if (surveys != null && !java.nio.file.Files.isDirectory(relativeTo.resolve(surveys))) {
            throw new ConfigException("hips.surveys: " + relativeTo.resolve(surveys) + " is not a folder");
        }
        ConfigMap portal = root.section("portal");
        SuiteServer.Portal sky = SuiteServer.Portal.NONE;
        String catalog = portal.string("catalog", null);
        if (catalog != null) {
            sky = new SuiteServer.Portal(catalog, identifier(portal, "id"), identifier(portal, "ra"),
                    identifier(portal, "dec"));
            if (!catalog.matches("[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_]*")) {
                throw new ConfigException("portal.catalog must be schema.table as ADQL names it, not '" + catalog
                        + "'");
            }
        }
        portal.finish();
        String publicUrl = server.string("publicUrl", null);
        if (publicUrl != null && !publicUrl.matches("https?://[^\\s/]+(/\\S*)?")) {
            throw new ConfigException("server.publicUrl must be an http(s) URL, not '" + publicUrl + "'");
        }
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
                dataDir == null ? null : relativeTo.resolve(dataDir), database, new SuiteServer.Services(soda,
                datalink, descriptors, schemas, publicUrl == null ? null : publicUrl.replaceAll("/+$", ""),
                surveys == null ? null : relativeTo.resolve(surveys), sky));
    }

    /** A column name the portal puts into ADQL: required, and a plain identifier. */
    private static String identifier(ConfigMap portal, String key) {
        String v = portal.string(key, null);
        if (v == null || !v.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new ConfigException("portal." + key + " must be a column name of portal.catalog (letters, digits, "
                    + "_), not " + (v == null ? "missing" : "'" + v + "'"));
        }
        return v;
    }

    private static SuiteServer.DatalinkOptions datalink(ConfigMap d, Path relativeTo) {
        boolean configured = !d.keys().isEmpty();
        SuiteServer.DatalinkOptions x = SuiteServer.DatalinkOptions.DEFAULT;
        int maxIds = (int) d.number("maxIds", x.maxIds());
        String documentation = d.string("documentation", null);
        String repo = d.string("butlerRepo", x.butlerRepo());
        String cache = d.string("previewCache", null);
        java.util.Map<String, org.vosuite.datalink.NamedQuery> queries = new java.util.LinkedHashMap<>();
        ConfigMap q = d.section("queries");
        for (String name : q.keys()) {
            ConfigMap one = q.section(name);
            try {
                queries.put(name, new org.vosuite.datalink.NamedQuery(one.string("adql", ""), one.string("id",
                        "long")));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("datalink.queries." + name + ": " + e.getMessage());
            }
            one.finish();
        }
        q.finish();
        d.finish();
        if (!configured) {
            return null;
        }
        if (maxIds < 1) {
            throw new ConfigException("datalink.maxIds must be at least 1");
        }
        return new SuiteServer.DatalinkOptions(maxIds, documentation, repo, cache == null ? null
                : relativeTo.resolve(cache), queries);
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

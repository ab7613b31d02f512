package org.vosuite.app.server;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.vosuite.common.http.BearerTokens;
import org.vosuite.common.uws.JobManager;
import org.vosuite.common.uws.JobStore;
import org.vosuite.common.uws.LocalResultStore;
import org.vosuite.tap.TapLimits;
import org.vosuite.tap.TapService;
import org.vosuite.tap.exec.AsyncQueries;
import org.vosuite.tap.http.TapRouter;

/**
 * The one HTTP server of the suite: each service's router mounted under its prefix ({@code /tap}, {@code /soda};
 * DataLink, HiPS and the portal come with their modules).
 */
public final class SuiteServer implements AutoCloseable {
    private final Vertx vertx;
    private final HttpServer server;
    private final String baseUrl;

    private final JobManager tapJobs;
    private final JobManager sodaJobs;

    private SuiteServer(Vertx vertx, HttpServer server, String baseUrl, JobManager tapJobs, JobManager sodaJobs) {
        this.vertx = vertx;
        this.server = server;
        this.baseUrl = baseUrl;
        this.tapJobs = tapJobs;
        this.sodaJobs = sodaJobs;
    }

    /**
     * Settings of the server itself.
     *
     * @param jobs    async job limits
     * @param jobsDir where job results and uploads are kept
     * @param auth    bearer tokens, or {@link BearerTokens#NONE}
     */
    public record Settings(String host, int port, String tapSchema, TapLimits limits, int queryThreads,
            JobManager.Settings jobs, Path jobsDir, BearerTokens auth) {
    }

    /**
     * Starts serving. Async jobs persist in the database (schema vosuite_uws): jobs that were executing when the
     * process last stopped are marked ERROR, queued ones run.
     */
    /**
     * Where SODA finds datasets: the Butler registry (JDBC URL), the datastore root its relative paths start from,
     * the folders files may be served from, and the largest cutout in pixels.
     */
    public record SodaSettings(String registryUrl, Path datastoreRoot, java.util.List<Path> dataRoots,
            long maxPixels) {
    }

    public static SuiteServer start(Settings settings, DataSource database) throws SQLException, IOException {
        return start(settings, database, null);
    }

    /** Starts serving, with SODA at /soda when {@code soda} is given. */
    public static SuiteServer start(Settings settings, DataSource database, SodaSettings soda)
            throws SQLException, IOException {
        TapService tap = TapService.adqlOnPostgres(database, settings.tapSchema(), settings.limits());
        JobManager jobs = new JobManager("tap", new JobStore(database), new LocalResultStore(settings.jobsDir()),
                new AsyncQueries(tap), settings.jobs());
        jobs.start();
        Vertx vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.route().handler(ctx -> {
            ctx.response().putHeader("Server", "vosuite");
            ctx.next();
        });
        TapRouter.mount(vertx, router, "/tap", tap, settings.queryThreads(), new TapRouter.Async(jobs,
                settings.auth()));
        JobManager sodaJobs = null;
        if (soda != null) {
            org.vosuite.soda.SodaService service = new org.vosuite.soda.SodaService(
                    new org.vosuite.soda.resolve.DatasetLocator(database,
                            () -> org.vosuite.obscore.registry.Registries.connect(soda.registryUrl()),
                            soda.datastoreRoot(), soda.dataRoots()), soda.maxPixels());
            sodaJobs = new JobManager("soda", new JobStore(database), new LocalResultStore(settings.jobsDir()),
                    new org.vosuite.soda.http.AsyncCutouts(service), settings.jobs());
            sodaJobs.start();
            org.vosuite.soda.http.SodaRouter.mount(vertx, router, "/soda", service, settings.queryThreads(),
                    sodaJobs, settings.auth());
        }
        router.get("/").handler(ctx -> ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
                .end(HomePage.html()));
        try {
            HttpServer server = vertx.createHttpServer().requestHandler(router)
                    .listen(settings.port(), settings.host()).toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            return new SuiteServer(vertx, server, "http://" + settings.host() + ":" + server.actualPort(), jobs,
                    sodaJobs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            jobs.close();
            if (sodaJobs != null) {
                sodaJobs.close();
            }
            vertx.close();
            throw new IllegalStateException("interrupted while starting", e);
        } catch (ExecutionException | TimeoutException e) {
            jobs.close();
            if (sodaJobs != null) {
                sodaJobs.close();
            }
            vertx.close();
            throw new IllegalStateException("cannot listen on " + settings.host() + ":" + settings.port() + ": "
                    + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()), e);
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    public int port() {
        return server.actualPort();
    }

    @Override
    public void close() {
        tapJobs.close();
        if (sodaJobs != null) {
            sodaJobs.close();
        }
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // shutting down anyway
        }
    }
}

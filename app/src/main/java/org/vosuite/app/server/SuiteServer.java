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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.vosuite.common.http.BearerTokens;
import org.vosuite.common.votable.ServiceDescriptor;
import org.vosuite.datalink.DatalinkSettings;
import org.vosuite.datalink.NamedQuery;
import org.vosuite.datalink.TapDescriptors;
import org.vosuite.datalink.http.DatalinkRouter;
import org.vosuite.felis.model.Schema;
import org.vosuite.hips.http.HipsRouter;
import org.vosuite.obscore.registry.Registries;
import org.vosuite.soda.SodaService;
import org.vosuite.soda.http.AsyncCutouts;
import org.vosuite.soda.http.SodaRouter;
import org.vosuite.soda.resolve.DatasetLocator;
import org.vosuite.tap.descriptor.ResultDescriptors;
import org.vosuite.common.uws.JobManager;
import org.vosuite.common.uws.JobStore;
import org.vosuite.common.uws.LocalResultStore;
import org.vosuite.tap.TapLimits;
import org.vosuite.tap.TapService;
import org.vosuite.tap.exec.AsyncQueries;
import org.vosuite.tap.http.TapRouter;

/**
 * The one HTTP server of the suite: each service's router mounted under its prefix ({@code /tap}, {@code /soda},
 * {@code /datalink}, {@code /hips}, data dictionaries at {@code /docs}) and the portal page at {@code /}.
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
     * Where SODA finds datasets: the Butler registry (JDBC URL), the datastore root its relative paths start from,
     * the folders files may be served from, and the largest cutout in pixels.
     */
    public record SodaSettings(String registryUrl, Path datastoreRoot, List<Path> dataRoots, long maxPixels) {
    }

    /**
     * DataLink, which finds datasets as SODA does (so it needs the SODA settings).
     *
     * @param documentation the release's documentation for #documentation: a URL, a path on this server, or null
     *                      for the data dictionaries at /docs/ when there are any
     * @param previewCache  where previews are kept (null: {@code previews} in the jobs folder)
     */
    public record DatalinkOptions(int maxIds, String documentation, String butlerRepo, Path previewCache,
            Map<String, NamedQuery> queries) {
        public static final DatalinkOptions DEFAULT = new DatalinkOptions(100, null, "repo", null, Map.of());
    }

    /**
     * The portal page's catalog layer: a table whose rows the sky view draws when zoomed in (null table: none).
     */
    public record Portal(String catalog, String idColumn, String raColumn, String decColumn) {
        public static final Portal NONE = new Portal(null, null, null, null);
    }

    /**
     * What the server offers besides TAP.
     *
     * @param soda      SODA at /soda, or null
     * @param datalink  DataLink at /datalink (needs soda), or null
     * @param manifest  service descriptors TAP results carry when they select the columns the descriptors name,
     *                  besides ObsCore's DataLink and SODA descriptors
     * @param docs      Felis schemas whose data dictionaries are served at /docs/
     * @param publicUrl the server's URL as clients reach it (behind a proxy, say); null for http://host:port
     * @param hips      a folder of HiPS surveys (one sub-folder each) served at /hips, or null
     * @param portal    what the portal page at / shows besides what the services list
     */
    public record Services(SodaSettings soda, DatalinkOptions datalink, List<ServiceDescriptor> manifest,
            List<Schema> docs, String publicUrl, Path hips, Portal portal) {
        public static final Services NONE = new Services(null, null, List.of(), List.of(), null, null);

        public Services(SodaSettings soda, DatalinkOptions datalink, List<ServiceDescriptor> manifest,
                List<Schema> docs, String publicUrl, Path hips) {
            this(soda, datalink, manifest, docs, publicUrl, hips, Portal.NONE);
        }

        public Services {
            manifest = List.copyOf(manifest);
            docs = List.copyOf(docs);
            if (datalink != null && soda == null) {
                throw new IllegalArgumentException("DataLink needs the soda settings (registry, datastore root, "
                        + "data roots) to find datasets");
            }
        }
    }

    public static SuiteServer start(Settings settings, DataSource database) throws SQLException, IOException {
        return start(settings, database, Services.NONE);
    }

    /**
     * Starts serving. Async jobs persist in the database (schema vosuite_uws): jobs that were executing when the
     * process last stopped are marked ERROR, queued ones run.
     */
    public static SuiteServer start(Settings settings, DataSource database, Services services)
            throws SQLException, IOException {
        AtomicReference<String> publicUrl = new AtomicReference<>(services.publicUrl());
        List<ServiceDescriptor> descriptors = new ArrayList<>();
        if (services.datalink() != null) {
            descriptors.addAll(TapDescriptors.obsCore("/datalink", "/soda"));
        }
        descriptors.addAll(services.manifest());
        TapService tap = TapService.adqlOnPostgres(database, settings.tapSchema(), settings.limits(),
                new ResultDescriptors(descriptors, publicUrl::get));
        JobManager jobs = new JobManager("tap", new JobStore(database), new LocalResultStore(settings.jobsDir()),
                new AsyncQueries(tap), settings.jobs());
        jobs.start();
        Vertx vertx = Vertx.vertx();
        JobManager sodaJobs = null;
        try {
            Router router = Router.router(vertx);
            router.route().handler(ctx -> {
                ctx.response().putHeader("Server", "vosuite");
                ctx.next();
            });
            TapRouter.mount(vertx, router, "/tap", tap, settings.queryThreads(), new TapRouter.Async(jobs,
                    settings.auth()));
            SodaSettings soda = services.soda();
            if (soda != null) {
                DatasetLocator locator = new DatasetLocator(database, () -> Registries.connect(soda.registryUrl()),
                        soda.datastoreRoot(), soda.dataRoots());
                SodaService service = new SodaService(locator, soda.maxPixels());
                sodaJobs = new JobManager("soda", new JobStore(database), new LocalResultStore(settings.jobsDir()),
                        new AsyncCutouts(service), settings.jobs());
                sodaJobs.start();
                SodaRouter.mount(vertx, router, "/soda", service, settings.queryThreads(), sodaJobs,
                        settings.auth());
                DatalinkOptions d = services.datalink();
                if (d != null) {
                    String doc = d.documentation() != null ? d.documentation()
                            : services.docs().isEmpty() ? null : "/docs/";
                    DatalinkRouter.mount(vertx, router, "/datalink", locator, new DatalinkSettings(d.maxIds(), doc,
                            d.butlerRepo(), d.previewCache() != null ? d.previewCache()
                                    : settings.jobsDir().resolve("previews"), "/soda", true, "/tap", d.queries()),
                            settings.queryThreads());
                }
            }
            DocsPages.mount(router, "/docs", services.docs());
            if (services.hips() != null) {
                HipsRouter.mount(vertx, router, "/hips", services.hips());
            }
            PortalPage.mount(router, new PortalPage.Settings(services.soda() != null, services.datalink() != null,
                    services.hips() != null, !services.docs().isEmpty(), services.portal()));
            HttpServer server = vertx.createHttpServer().requestHandler(router)
                    .listen(settings.port(), settings.host()).toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            String base = "http://" + settings.host() + ":" + server.actualPort();
            publicUrl.compareAndSet(null, base);
            return new SuiteServer(vertx, server, base, jobs, sodaJobs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(jobs, sodaJobs, vertx);
            throw new IllegalStateException("interrupted while starting", e);
        } catch (ExecutionException | TimeoutException e) {
            stop(jobs, sodaJobs, vertx);
            throw new IllegalStateException("cannot listen on " + settings.host() + ":" + settings.port() + ": "
                    + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()), e);
        } catch (IOException | RuntimeException e) {
            stop(jobs, sodaJobs, vertx);
            throw e;
        }
    }

    private static void stop(JobManager jobs, JobManager sodaJobs, Vertx vertx) {
        jobs.close();
        if (sodaJobs != null) {
            sodaJobs.close();
        }
        vertx.close();
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

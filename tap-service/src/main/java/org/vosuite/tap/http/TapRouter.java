package org.vosuite.tap.http;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.vosuite.common.http.BearerTokens;
import org.vosuite.common.http.DaliParameters;
import org.vosuite.common.http.ResponseOutputStream;
import org.vosuite.common.http.Vosi;
import org.vosuite.common.uws.JobManager;
import org.vosuite.common.uws.UwsRouter;
import org.vosuite.tap.TapService;
import org.vosuite.tap.exec.QueryRunner;
import org.vosuite.tap.exec.TapExecution;
import org.vosuite.tap.exec.TapRequest;
import org.vosuite.tap.upload.UploadException;
import org.vosuite.tap.metadata.TapMetadata;
import org.vosuite.tap.metadata.TapTable;
import org.vosuite.tap.plan.QueryException;
import org.vosuite.tap.vosi.CapabilitiesDocument;
import org.vosuite.tap.vosi.ExamplesDocument;
import org.vosuite.tap.vosi.TablesDocument;

/**
 * The TAP endpoints under a prefix: {@code sync} (GET and POST, answered directly with 200 — no 303 hop),
 * {@code tables}, {@code capabilities}, {@code availability}. Everything that touches the database runs on a
 * worker pool, never on the event loop.
 */
public final class TapRouter {
    private final TapService service;
    private final WorkerExecutor workers;

    private final Async async;

    private TapRouter(TapService service, WorkerExecutor workers, Async async) {
        this.service = service;
        this.workers = workers;
        this.async = async;
    }

    /** Async queries: the job manager running them and the optional bearer tokens. */
    public record Async(JobManager jobs, BearerTokens auth) {
    }

    /** Mounts the sync and VOSI endpoints on {@code router} under {@code prefix} (e.g. "/tap"), without async. */
    public static void mount(Vertx vertx, Router router, String prefix, TapService service, int workerThreads) {
        mount(vertx, router, prefix, service, workerThreads, null);
    }

    /**
     * Mounts the TAP endpoints on {@code router} under {@code prefix} (e.g. "/tap"); with {@code async}, also
     * {@code async} (UWS 1.1).
     */
    public static void mount(Vertx vertx, Router router, String prefix, TapService service, int workerThreads,
            Async async) {
        TapRouter tap = new TapRouter(service, vertx.createSharedWorkerExecutor("tap-queries", workerThreads,
                service.limits().syncTimeout().toSeconds() + 60, java.util.concurrent.TimeUnit.SECONDS), async);
        // A body over the limit: a DALI error that says the limit, not a bare 413.
        router.route(prefix + "/*").failureHandler(ctx -> {
            if (ctx.statusCode() == 413) {
                error(ctx, 413, "the request is larger than this service takes: uploads are limited to "
                        + service.limits().uploads().maxBytes() + " bytes and " + service.limits().uploads()
                        .maxRows() + " rows per table");
            } else {
                ctx.next();
            }
        });
        if (async != null) {
            UwsRouter.mount(vertx, router, prefix + "/async", async.jobs(), async.auth(), bodyHandler(service));
        }
        router.route(prefix + "/sync").handler(bodyHandler(service));
        router.route(prefix + "/sync").handler(tap::sync);
        router.get(prefix + "/tables").handler(tap::tables);
        router.get(prefix + "/tables/:table").handler(tap::table);
        router.get(prefix + "/capabilities").handler(tap::capabilities);
        router.get(prefix + "/availability").handler(TapRouter::availability);
        router.get(prefix + "/examples").handler(tap::examples);
        router.get(prefix).handler(ctx -> ctx.response().setStatusCode(303)
                .putHeader("Location", Vosi.baseUrl(ctx) + prefix + "/capabilities").end());
    }

    /**
     * Reads forms and multipart uploads up to the upload byte limit (plus room for the other parameters); uploaded
     * parts go to temporary files, deleted when the request ends.
     */
    public static BodyHandler bodyHandler(TapService service) {
        long limit = service.limits().uploads().maxBytes() + 1024 * 1024;
        return BodyHandler.create(System.getProperty("java.io.tmpdir") + "/vosuite-uploads").setBodyLimit(limit)
                .setDeleteUploadedFilesOnEnd(true).setHandleFileUploads(true);
    }

    private void sync(RoutingContext ctx) {
        TapRequest request;
        try {
            request = TapRequest.of(name -> DaliParameters.first(ctx, name), DaliParameters.values(ctx, "UPLOAD"),
                    service.limits());
        } catch (QueryException e) {
            error(ctx, 400, e.getMessage());
            return;
        }
        Map<String, Path> parts = new HashMap<>();
        ctx.fileUploads().forEach(f -> parts.put(f.name(), Path.of(f.uploadedFileName())));
        QueryRunner runner = new QueryRunner(service.database(), service.limits().syncTimeout(),
                service.descriptors());
        ctx.response().closeHandler(v -> runner.cancel()); // the client went away: stop the database work
        io.vertx.core.Context eventLoop = ctx.vertx().getOrCreateContext();
        workers.executeBlocking(() -> {
            HttpServerResponse resp = ctx.response();
            Map<String, String> infos = new LinkedHashMap<>();
            infos.put("QUERY", request.query());
            ResponseOutputStream out = new ResponseOutputStream(resp);
            try {
                // the status line goes out with the first bytes: until then an error can still be a 400
                resp.setChunked(true).putHeader("Content-Type", request.format().mimeType());
                TapExecution.run(service, request, parts::get, runner, infos, out);
                out.close();
            } catch (QueryException | UploadException e) {
                eventLoop.runOnContext(v -> error(ctx, 400, e.getMessage()));
            } catch (Exception e) {
                if (out.written() == 0) {
                    eventLoop.runOnContext(v -> error(ctx, 500, "the query failed: " + e.getMessage()));
                } else {
                    // The VOTable already carries the error INFO and is closed; end the stream.
                    try {
                        out.close();
                    } catch (IOException ignored) {
                        // client gone
                    }
                }
            }
            return null;
        }, false);
    }

    private void tables(RoutingContext ctx) {
        boolean min = "min".equalsIgnoreCase(ctx.request().getParam("detail"));
        workers.executeBlocking(() -> {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            TablesDocument.tableset(service.metadata(), !min, buf);
            return buf.toByteArray();
        }, false).onComplete(ar -> xml(ctx, ar.succeeded() ? 200 : 500, ar.succeeded() ? ar.result()
                : ("cannot read the metadata: " + ar.cause().getMessage()).getBytes(StandardCharsets.UTF_8)));
    }

    private void table(RoutingContext ctx) {
        String name = ctx.pathParam("table");
        workers.executeBlocking(() -> {
            TapMetadata m = service.metadata();
            TapTable t = m.table(name).orElse(null);
            if (t == null) {
                return null;
            }
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            TablesDocument.table(m, t, buf);
            return buf.toByteArray();
        }, false).onComplete(ar -> {
            if (ar.succeeded() && ar.result() == null) {
                ctx.response().setStatusCode(404).putHeader("Content-Type", "text/plain")
                        .end("no table named '" + name + "' (names are schema.table, as in /tables)");
            } else {
                xml(ctx, ar.succeeded() ? 200 : 500, ar.succeeded() ? ar.result()
                        : ar.cause().getMessage().getBytes(StandardCharsets.UTF_8));
            }
        });
    }

    private void examples(RoutingContext ctx) {
        workers.executeBlocking(() -> ExamplesDocument.xhtml(service.metadata()), false).onComplete(ar -> {
            if (ar.succeeded()) {
                ctx.response().putHeader("Content-Type", "application/xhtml+xml; charset=utf-8").end(ar.result());
            } else {
                ctx.response().setStatusCode(500).end("cannot read the metadata: " + ar.cause().getMessage());
            }
        });
    }

    private void capabilities(RoutingContext ctx) {
        String base = Vosi.baseUrl(ctx);
        CapabilitiesDocument.Access access = async == null ? CapabilitiesDocument.Access.SYNC_ONLY
                : new CapabilitiesDocument.Access(async.jobs().settings().defaultLifetime(),
                        async.jobs().settings().maxLifetime(), async.auth().enabled());
        workers.executeBlocking(() -> CapabilitiesDocument.tap(base, service.limits(), service.features(), access),
                false)
                .onComplete(ar -> xml(ctx, ar.succeeded() ? 200 : 500, (ar.succeeded() ? ar.result()
                        : "cannot read the database: " + ar.cause().getMessage()).getBytes(StandardCharsets.UTF_8)));
    }

    private static void availability(RoutingContext ctx) {
        xml(ctx, 200, Vosi.availability().getBytes(StandardCharsets.UTF_8));
    }

    private static void xml(RoutingContext ctx, int status, byte[] body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", status == 200 ? "text/xml" : "text/plain")
                .end(io.vertx.core.buffer.Buffer.buffer(body));
    }

    /** A DALI error document (VOTable with QUERY_STATUS ERROR). */
    static void error(RoutingContext ctx, int status, String message) {
        org.vosuite.common.http.DaliErrors.voTable(ctx, status, message);
    }
}

package org.vosuite.tap.http;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.vosuite.common.http.ResponseOutputStream;
import org.vosuite.common.votable.ResultFormat;
import org.vosuite.common.votable.VoTableDocument;
import org.vosuite.tap.TapService;
import org.vosuite.tap.exec.QueryRunner;
import org.vosuite.tap.metadata.TapMetadata;
import org.vosuite.tap.metadata.TapTable;
import org.vosuite.tap.plan.QueryException;
import org.vosuite.tap.plan.Translation;
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

    private TapRouter(TapService service, WorkerExecutor workers) {
        this.service = service;
        this.workers = workers;
    }

    /** Mounts the TAP endpoints on {@code router} under {@code prefix} (e.g. "/tap"). */
    public static void mount(Vertx vertx, Router router, String prefix, TapService service, int workerThreads) {
        TapRouter tap = new TapRouter(service, vertx.createSharedWorkerExecutor("tap-queries", workerThreads,
                service.limits().syncTimeout().toSeconds() + 60, java.util.concurrent.TimeUnit.SECONDS));
        router.route(prefix + "/sync").handler(BodyHandler.create().setBodyLimit(1024 * 1024));
        router.route(prefix + "/sync").handler(tap::sync);
        router.get(prefix + "/tables").handler(tap::tables);
        router.get(prefix + "/tables/:table").handler(tap::table);
        router.get(prefix + "/capabilities").handler(tap::capabilities);
        router.get(prefix + "/availability").handler(TapRouter::availability);
        router.get(prefix + "/examples").handler(tap::examples);
        router.get(prefix).handler(ctx -> ctx.response().setStatusCode(303)
                .putHeader("Location", baseUrl(ctx) + prefix + "/capabilities").end());
    }

    /** DALI: parameter names are case-insensitive; GET query string and POST form are equivalent. */
    static Map<String, String> parameters(RoutingContext ctx) {
        Map<String, String> p = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        HttpServerRequest r = ctx.request();
        r.params().forEach(e -> p.putIfAbsent(e.getKey(), e.getValue()));
        r.formAttributes().forEach(e -> p.putIfAbsent(e.getKey(), e.getValue()));
        return p;
    }

    private void sync(RoutingContext ctx) {
        Map<String, String> p = parameters(ctx);
        String lang = p.get("LANG");
        String query = p.get("QUERY");
        String request = p.get("REQUEST");
        if (request != null && !request.equalsIgnoreCase("doQuery")) {
            error(ctx, 400, "REQUEST=" + request + " is not supported; use REQUEST=doQuery (or leave it out)");
            return;
        }
        if (lang == null || !lang.toUpperCase(Locale.ROOT).matches("ADQL(-2\\.[01])?")) {
            error(ctx, 400, lang == null ? "missing LANG parameter: use LANG=ADQL"
                    : "LANG=" + lang + " is not supported: use LANG=ADQL (ADQL 2.1; ADQL-2.0 is accepted too)");
            return;
        }
        if (query == null || query.isBlank()) {
            error(ctx, 400, "missing QUERY parameter: give the ADQL query to run");
            return;
        }
        if (p.containsKey("UPLOAD")) {
            error(ctx, 400, "UPLOAD is not supported by this service yet");
            return;
        }
        String formatParam = p.containsKey("RESPONSEFORMAT") ? p.get("RESPONSEFORMAT") : p.get("FORMAT");
        ResultFormat format = ResultFormat.fromParameter(formatParam).orElse(null);
        if (format == null) {
            error(ctx, 400, "RESPONSEFORMAT=" + formatParam + " is not supported; use one of votable, "
                    + "votable/td, votable/b, csv, tsv, fits");
            return;
        }
        long maxRec;
        try {
            maxRec = p.containsKey("MAXREC") ? Long.parseLong(p.get("MAXREC").trim())
                    : service.limits().defaultMaxRec();
            if (maxRec < 0) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            error(ctx, 400, "MAXREC must be a whole number of rows (0 or more), not '" + p.get("MAXREC") + "'");
            return;
        }
        long rows = Math.min(maxRec, service.limits().hardMaxRec());
        QueryRunner runner = new QueryRunner(service.database(), service.limits().syncTimeout());
        ctx.response().closeHandler(v -> runner.cancel()); // the client went away: stop the database work
        io.vertx.core.Context eventLoop = ctx.vertx().getOrCreateContext();
        workers.executeBlocking(() -> {
            Translation t;
            try {
                t = service.translate(query, rows);
            } catch (QueryException e) {
                eventLoop.runOnContext(v -> error(ctx, 400, e.getMessage()));
                return null;
            }
            HttpServerResponse resp = ctx.response();
            resp.setChunked(true).putHeader("Content-Type", format.mimeType());
            Map<String, String> infos = new LinkedHashMap<>();
            infos.put("QUERY", query);
            ResponseOutputStream out = new ResponseOutputStream(resp);
            try {
                runner.run(t, rows, format, infos, out);
                out.close();
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
        String base = baseUrl(ctx);
        workers.executeBlocking(() -> CapabilitiesDocument.tap(base, service.limits(), service.features()), false)
                .onComplete(ar -> xml(ctx, ar.succeeded() ? 200 : 500, (ar.succeeded() ? ar.result()
                        : "cannot read the database: " + ar.cause().getMessage()).getBytes(StandardCharsets.UTF_8)));
    }

    private static void availability(RoutingContext ctx) {
        xml(ctx, 200, ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<vosi:availability "
                + "xmlns:vosi=\"http://www.ivoa.net/xml/VOSIAvailability/v1.0\">\n  <vosi:available>true"
                + "</vosi:available>\n</vosi:availability>\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The service's base URL as the client addressed it: ".../tap" for a request to ".../tap/capabilities". */
    static String baseUrl(RoutingContext ctx) {
        String uri = ctx.request().absoluteURI();
        int q = uri.indexOf('?');
        if (q >= 0) {
            uri = uri.substring(0, q);
        }
        return uri.substring(0, uri.lastIndexOf('/'));
    }

    private static void xml(RoutingContext ctx, int status, byte[] body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", status == 200 ? "text/xml" : "text/plain")
                .end(io.vertx.core.buffer.Buffer.buffer(body));
    }

    /** A DALI error document (VOTable with QUERY_STATUS ERROR). */
    static void error(RoutingContext ctx, int status, String message) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            VoTableDocument.error(message, buf);
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/x-votable+xml")
                .end(io.vertx.core.buffer.Buffer.buffer(buf.toByteArray()));
    }
}

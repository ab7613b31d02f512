package org.vosuite.soda.http;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.vosuite.common.http.BearerTokens;
import org.vosuite.common.http.DaliErrors;
import org.vosuite.common.http.DaliParameters;
import org.vosuite.common.http.ResponseOutputStream;
import org.vosuite.common.http.Vosi;
import org.vosuite.common.uws.JobManager;
import org.vosuite.common.uws.UwsRouter;
import org.vosuite.soda.SodaRequest;
import org.vosuite.soda.SodaService;
import org.vosuite.soda.SodaUsageException;
import org.vosuite.soda.cutout.CutoutException;
import org.vosuite.soda.cutout.FitsCutout;
import org.vosuite.soda.cutout.NoOverlapException;
import org.vosuite.soda.resolve.Dataset;
import org.vosuite.soda.resolve.DatasetNotFoundException;

/**
 * SODA 1.0 over HTTP: {@code {prefix}/sync} (GET and POST, the cutout streamed back), {@code {prefix}/async}
 * (UWS 1.1 jobs, when a job manager is given), {@code {prefix}/capabilities} and {@code {prefix}/availability}.
 * Errors are DALI text/plain documents; a cutout with no pixels answers 204 No Content (SODA §6.1).
 */
public final class SodaRouter {
    public static final String SYNC_ID = "ivo://ivoa.net/std/SODA#sync-1.0";
    public static final String ASYNC_ID = "ivo://ivoa.net/std/SODA#async-1.0";

    private final SodaService service;
    private final WorkerExecutor workers;

    private SodaRouter(SodaService service, WorkerExecutor workers) {
        this.service = service;
        this.workers = workers;
    }

    /**
     * @param jobs the async job manager (service "soda"), or null for sync only
     */
    public static void mount(Vertx vertx, Router router, String prefix, SodaService service, int threads,
            JobManager jobs, BearerTokens auth) {
        SodaRouter soda = new SodaRouter(service, vertx.createSharedWorkerExecutor("soda", threads));
        BodyHandler body = BodyHandler.create(false).setBodyLimit(1024 * 1024);
        router.route(prefix + "/sync").handler(body);
        router.get(prefix + "/sync").handler(soda::sync);
        router.post(prefix + "/sync").handler(soda::sync);
        if (jobs != null) {
            UwsRouter.mount(vertx, router, prefix + "/async", jobs, auth, body);
        }
        router.get(prefix + "/availability").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/xml").end(Vosi.availability()));
        router.get(prefix + "/capabilities").handler(ctx -> {
            String base = Vosi.baseUrl(ctx);
            List<Vosi.Capability> caps = new ArrayList<>();
            caps.add(new Vosi.Capability(SYNC_ID, base + "/sync"));
            if (jobs != null) {
                caps.add(new Vosi.Capability(ASYNC_ID, base + "/async"));
            }
            caps.add(new Vosi.Capability("ivo://ivoa.net/std/VOSI#capabilities", base + "/capabilities"));
            caps.add(new Vosi.Capability("ivo://ivoa.net/std/VOSI#availability", base + "/availability"));
            ctx.response().putHeader("Content-Type", "text/xml").end(Vosi.capabilities(caps));
        });
    }

    private void sync(RoutingContext ctx) {
        SodaRequest.Combination c;
        try {
            c = SodaRequest.parse(DaliParameters.all(ctx)).single();
        } catch (SodaUsageException e) {
            DaliErrors.text(ctx, 400, "UsageError: " + e.getMessage());
            return;
        } catch (SodaRequest.MultiValuedException e) {
            DaliErrors.text(ctx, 400, "MultiValuedParamNotSupported: " + e.getMessage());
            return;
        }
        workers.executeBlocking(() -> {
            try {
                Dataset d = service.locate(c.id());
                FitsCutout.Result r = service.cutout(d, c.spec());
                ResponseOutputStream out = new ResponseOutputStream(ctx.response().setChunked(true)
                        .putHeader("Content-Type", "application/fits")
                        .putHeader("Content-Disposition", "inline; filename=\"cutout.fits\""));
                r.writeTo(out);
                out.close();
            } catch (DatasetNotFoundException e) {
                DaliErrors.text(ctx, 404, "NotFoundFault: " + e.getMessage());
            } catch (NoOverlapException e) {
                ctx.response().setStatusCode(204).end();
            } catch (CutoutException e) {
                DaliErrors.text(ctx, e.userCaused() ? 400 : 500, (e.userCaused() ? "UsageError: " : "Error: ")
                        + e.getMessage());
            } catch (SQLException e) {
                DaliErrors.text(ctx, 503, "ServiceUnavailable: the metadata database cannot be read: " + e.getMessage());
            }
            return null;
        }, false).onFailure(t -> {
            if (!ctx.response().headWritten()) {
                DaliErrors.text(ctx, 500, "Error: " + t.getMessage());
            } else {
                ctx.response().reset();
            }
        });
    }

}

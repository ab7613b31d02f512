package org.vosuite.app.server;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.vosuite.tap.TapLimits;
import org.vosuite.tap.TapService;
import org.vosuite.tap.http.TapRouter;

/**
 * The one HTTP server of the suite: each service's router mounted under its prefix ({@code /tap} now; SODA,
 * DataLink, HiPS and the portal come with their modules).
 */
public final class SuiteServer implements AutoCloseable {
    private final Vertx vertx;
    private final HttpServer server;
    private final String baseUrl;

    private SuiteServer(Vertx vertx, HttpServer server, String baseUrl) {
        this.vertx = vertx;
        this.server = server;
        this.baseUrl = baseUrl;
    }

    /** Settings of the server itself. */
    public record Settings(String host, int port, String tapSchema, TapLimits limits, int queryThreads) {
    }

    public static SuiteServer start(Settings settings, DataSource database) {
        Vertx vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.route().handler(ctx -> {
            ctx.response().putHeader("Server", "vosuite");
            ctx.next();
        });
        TapService tap = TapService.adqlOnPostgres(database, settings.tapSchema(), settings.limits());
        TapRouter.mount(vertx, router, "/tap", tap, settings.queryThreads());
        router.get("/").handler(ctx -> ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
                .end(HomePage.html()));
        try {
            HttpServer server = vertx.createHttpServer().requestHandler(router)
                    .listen(settings.port(), settings.host()).toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            return new SuiteServer(vertx, server, "http://" + settings.host() + ":" + server.actualPort());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            vertx.close();
            throw new IllegalStateException("interrupted while starting", e);
        } catch (ExecutionException | TimeoutException e) {
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
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // shutting down anyway
        }
    }
}

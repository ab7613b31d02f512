package org.vosuite.app.server;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The portal at {@code /}: a static page (HTML, one script, one style sheet, kept in memory from the jar) and
 * {@code /portal/config.json}, which tells the page which services this server offers.
 */
final class PortalPage {
    /** Aladin Lite as the CDS distributes it; the page loads it from there (tests serve their own copy). */
    static final String ALADIN_LITE = "https://aladin.cds.unistra.fr/AladinLite/api/v3/latest/aladin.js";
    private static final String ROOT = "/org/vosuite/app/portal/";

    private PortalPage() {
    }

    record Settings(boolean soda, boolean datalink, boolean hips, boolean docs, SuiteServer.Portal portal) {
    }

    static void mount(Router router, Settings settings) {
        Map<String, Buffer> files = Map.of("index.html", resource("index.html"), "portal.js", resource("portal.js"),
                "portal.css", resource("portal.css"));
        Map<String, String> types = Map.of("index.html", "text/html; charset=utf-8", "portal.js",
                "text/javascript; charset=utf-8", "portal.css", "text/css; charset=utf-8");
        JsonObject config = new JsonObject().put("tap", "tap").put("soda", settings.soda())
                .put("datalink", settings.datalink()).put("hips", settings.hips() ? "hips" : null)
                .put("docs", settings.docs()).put("aladinLite", ALADIN_LITE);
        SuiteServer.Portal p = settings.portal();
        if (p != null && p.catalog() != null) {
            config.put("catalog", new JsonObject().put("table", p.catalog()).put("id", p.idColumn())
                    .put("ra", p.raColumn()).put("dec", p.decColumn()));
        }
        Buffer json = Buffer.buffer(config.encodePrettily());
        router.get("/").handler(ctx -> ctx.response().putHeader("Content-Type", types.get("index.html"))
                .end(files.get("index.html")));
        router.get("/portal/config.json").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-cache").end(json));
        router.get("/portal/:file").handler(ctx -> {
            String name = ctx.pathParam("file");
            Buffer body = files.get(name);
            if (body == null || name.equals("index.html")) {
                ctx.response().setStatusCode(404).putHeader("Content-Type", "text/plain").end("no such file\n");
                return;
            }
            ctx.response().putHeader("Content-Type", types.get(name)).putHeader("Cache-Control", "no-cache")
                    .end(body);
        });
    }

    private static Buffer resource(String name) {
        try (InputStream in = PortalPage.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("the portal file " + name + " is missing from the jar");
            }
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

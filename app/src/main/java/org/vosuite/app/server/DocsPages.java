package org.vosuite.app.server;

import io.vertx.ext.web.Router;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vosuite.felis.docs.DataDictionary;
import org.vosuite.felis.model.Schema;

/**
 * The data release's documentation: an index at {@code {prefix}/} and each Felis schema's data dictionary at
 * {@code {prefix}/SCHEMA.html}, rendered once at start. DataLink's {@code #documentation} links point here.
 */
final class DocsPages {
    private DocsPages() {
    }

    static void mount(Router router, String prefix, List<Schema> schemas) {
        if (schemas.isEmpty()) {
            return;
        }
        Map<String, String> pages = new LinkedHashMap<>();
        StringBuilder index = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Data release documentation</title><style>body{font-family:system-ui,sans-serif;"
                + "margin:2em;max-width:50em}</style></head><body>\n<h1>Data release documentation</h1>\n"
                + "<p>Data dictionaries of the published schemas:</p>\n<ul>\n");
        for (Schema s : schemas) {
            pages.put(s.name() + ".html", new DataDictionary(s).html());
            index.append("<li><a href=\"").append(org.vosuite.common.http.Vosi.escape(s.name())).append(".html\">")
                    .append(org.vosuite.common.http.Vosi.escape(s.name())).append("</a>")
                    .append(s.description() == null ? "" : " — " + org.vosuite.common.http.Vosi.escape(
                            s.description())).append("</li>\n");
        }
        String html = index.append("</ul>\n</body></html>\n").toString();
        router.get(prefix + "/").handler(ctx -> ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
                .end(html));
        router.get(prefix + "/:page").handler(ctx -> {
            String page = pages.get(ctx.pathParam("page"));
            if (page == null) {
                ctx.response().setStatusCode(404).putHeader("Content-Type", "text/plain; charset=utf-8")
                        .end("no such page; see " + prefix + "/\n");
            } else {
                ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end(page);
            }
        });
    }
}

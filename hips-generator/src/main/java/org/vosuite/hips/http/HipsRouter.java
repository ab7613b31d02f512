package org.vosuite.hips.http;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.vosuite.common.http.Vosi;
import org.vosuite.hips.write.PropertiesFile;

/**
 * Serves the HiPS surveys in a folder (one sub-folder per survey, each with its {@code properties}) at
 * {@code {prefix}/SURVEY/…}, and the HiPS list of them at {@code {prefix}/list} (HiPS 1.0 §5.2: the properties
 * records with {@code hips_service_url}, separated by blank lines). Every response allows any origin (Aladin Lite
 * and Firefly fetch tiles from other sites); tiles are cached for a day, properties for a minute. Survey names are
 * letters, digits, '-', '_' and '.', and the static handler resolves no path outside the survey's folder.
 */
public final class HipsRouter {
    private static final Pattern SURVEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private HipsRouter() {
    }

    public static void mount(Vertx vertx, Router router, String prefix, Path surveys) {
        Path root = surveys.toAbsolutePath().normalize();
        router.route(prefix + "/*").handler(ctx -> {
            ctx.response().putHeader("Access-Control-Allow-Origin", "*");
            ctx.next();
        });
        // the folder is read on worker threads and through Vert.x's asynchronous file system: never on the loop
        router.get(prefix + "/list").handler(ctx -> ctx.vertx().executeBlocking(() -> list(root, Vosi.baseUrl(ctx)))
                .onSuccess(text -> ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8").end(text))
                .onFailure(e -> ctx.response().setStatusCode(500).end("cannot list the surveys: " + e.getMessage()
                        + "\n")));
        router.route(prefix + "/:survey/*").handler(ctx -> {
            String survey = ctx.pathParam("survey");
            if (!SURVEY.matcher(survey).matches()) {
                noSurvey(ctx, prefix, survey);
                return;
            }
            ctx.vertx().fileSystem().exists(root.resolve(survey).resolve("properties").toString()).onComplete(r -> {
                if (r.failed() || !r.result()) {
                    noSurvey(ctx, prefix, survey);
                    return;
                }
                String path = ctx.normalizedPath();
                boolean tile = path.contains("/Norder");
                ctx.response().putHeader("Cache-Control", tile ? "public, max-age=86400" : "public, max-age=60");
                if (path.endsWith("/properties")) {
                    ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8");
                }
                ctx.next();
            });
        });
        router.route(prefix + "/*").handler(StaticHandler.create(FileSystemAccess.ROOT, root.toString())
                .setCachingEnabled(true).setDirectoryListing(false).setIncludeHidden(false)
                .setDefaultContentEncoding("UTF-8").setSendVaryHeader(false));
    }

    private static void noSurvey(RoutingContext ctx, String prefix, String survey) {
        ctx.response().setStatusCode(404).putHeader("Content-Type", "text/plain; charset=utf-8")
                .end("no HiPS survey named " + survey + "; see " + prefix + "/list\n");
    }

    /** The HiPS list: each survey's properties with its service URL, records separated by blank lines. */
    private static String list(Path root, String base) throws IOException {
        StringBuilder s = new StringBuilder();
        try (var dirs = Files.list(root)) {
            for (Path d : dirs.sorted().toList()) {
                Path props = d.resolve("properties");
                if (!SURVEY.matcher(d.getFileName().toString()).matches() || !Files.isRegularFile(props)) {
                    continue;
                }
                Map<String, String> p = PropertiesFile.read(props);
                p.put("hips_service_url", base + "/" + d.getFileName());
                s.append(PropertiesFile.record(p)).append('\n');
            }
        }
        return s.toString();
    }
}

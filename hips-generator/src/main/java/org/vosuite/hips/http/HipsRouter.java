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
        router.get(prefix + "/list").handler(ctx -> list(ctx, root, prefix));
        router.route(prefix + "/:survey/*").handler(ctx -> {
            String survey = ctx.pathParam("survey");
            if (!SURVEY.matcher(survey).matches() || !Files.isRegularFile(root.resolve(survey)
                    .resolve("properties"))) {
                ctx.response().setStatusCode(404).putHeader("Content-Type", "text/plain; charset=utf-8")
                        .end("no HiPS survey named " + survey + "; see " + prefix + "/list\n");
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
        router.route(prefix + "/*").handler(StaticHandler.create(FileSystemAccess.ROOT, root.toString())
                .setCachingEnabled(true).setDirectoryListing(false).setIncludeHidden(false)
                .setDefaultContentEncoding("UTF-8").setSendVaryHeader(false));
    }

    private static void list(RoutingContext ctx, Path root, String prefix) {
        StringBuilder s = new StringBuilder();
        String base = ctx.request().absoluteURI();
        base = base.substring(0, base.lastIndexOf('/'));
        try (var dirs = Files.list(root)) {
            for (Path d : dirs.sorted().toList()) {
                Path props = d.resolve("properties");
                if (!SURVEY.matcher(d.getFileName().toString()).matches() || !Files.isRegularFile(props)) {
                    continue;
                }
                Map<String, String> p = PropertiesFile.read(props);
                p.put("hips_service_url", base + "/" + d.getFileName());
                p.forEach((k, v) -> s.append(String.format("%-20s = %s%n", k, v)));
                s.append('\n');
            }
        } catch (IOException e) {
            ctx.response().setStatusCode(500).end("cannot list the surveys: " + e.getMessage() + "\n");
            return;
        }
        ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8").end(s.toString());
    }
}

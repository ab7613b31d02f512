package org.vosuite.datalink.http;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vosuite.common.http.DaliErrors;
import org.vosuite.common.http.DaliParameters;
import org.vosuite.common.http.Vosi;
import org.vosuite.common.image.ImagePlane;
import org.vosuite.datalink.DatalinkSettings;
import org.vosuite.datalink.NamedQuery;
import org.vosuite.datalink.links.DatasetLinks;
import org.vosuite.datalink.links.LinksDocument;
import org.vosuite.datalink.links.ServiceUrls;
import org.vosuite.datalink.model.LinkSet;
import org.vosuite.datalink.preview.PreviewCache;
import org.vosuite.soda.resolve.Dataset;
import org.vosuite.soda.resolve.DatasetLocator;
import org.vosuite.soda.resolve.DatasetNotFoundException;

/**
 * DataLink 1.1 over HTTP:
 * <ul>
 * <li>{@code {prefix}/links} (GET and POST; ID repeated up to the configured maximum), answering a links VOTable of
 * content type {@value #LINKS_TYPE}; whole-request errors are VOTable error documents;</li>
 * <li>{@code {prefix}/files/DATASET/NAME}, the dataset files the {@code #this} links point at, with range requests;
 * </li>
 * <li>{@code {prefix}/preview/DATASET.png}, the {@code #preview} images;</li>
 * <li>{@code {prefix}/query/NAME?ID=…}, named queries: a redirect to TAP's sync endpoint;</li>
 * <li>{@code {prefix}/capabilities} and {@code {prefix}/availability} (VOSI).</li>
 * </ul>
 */
public final class DatalinkRouter {
    public static final String LINKS_TYPE = DatasetLinks.DATALINK_TYPE;

    private final String prefix;
    private final DatasetLinks links;
    private final DatasetLocator locator;
    private final PreviewCache previews;
    private final DatalinkSettings settings;
    private final WorkerExecutor workers;

    private DatalinkRouter(String prefix, DatasetLinks links, DatasetLocator locator, PreviewCache previews,
            DatalinkSettings settings, WorkerExecutor workers) {
        this.prefix = prefix;
        this.links = links;
        this.locator = locator;
        this.previews = previews;
        this.settings = settings;
        this.workers = workers;
    }

    public static void mount(Vertx vertx, Router router, String prefix, DatasetLocator locator,
            DatalinkSettings settings, int threads) throws IOException {
        DatalinkRouter d = new DatalinkRouter(prefix, new DatasetLinks(locator, settings.butlerRepo()), locator,
                new PreviewCache(settings.previewCache()), settings, vertx.createSharedWorkerExecutor("datalink",
                threads));
        BodyHandler body = BodyHandler.create(false).setBodyLimit(1024 * 1024);
        router.route(prefix + "/links").handler(body);
        router.get(prefix + "/links").handler(d::links);
        router.post(prefix + "/links").handler(d::links);
        router.get(prefix + "/files/:dataset/:name").handler(d::file);
        router.head(prefix + "/files/:dataset/:name").handler(d::file);
        router.get(prefix + "/preview/:image").handler(d::preview);
        router.route(prefix + "/query/:name").handler(body);
        router.get(prefix + "/query/:name").handler(d::query);
        router.post(prefix + "/query/:name").handler(d::query);
        router.get(prefix + "/availability").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/xml").end(Vosi.availability()));
        router.get(prefix + "/capabilities").handler(ctx -> {
            String base = Vosi.baseUrl(ctx);
            ctx.response().putHeader("Content-Type", "text/xml").end(Vosi.capabilities(List.of(
                    new Vosi.Capability("ivo://ivoa.net/std/DataLink#links-1.1", base + "/links"),
                    new Vosi.Capability("ivo://ivoa.net/std/VOSI#capabilities", base + "/capabilities"),
                    new Vosi.Capability("ivo://ivoa.net/std/VOSI#availability", base + "/availability"))));
        });
    }

    private void links(RoutingContext ctx) {
        String format = DaliParameters.first(ctx, "RESPONSEFORMAT");
        if (format != null && !isVoTable(format)) {
            DaliErrors.voTable(ctx, 400, "UsageFault: RESPONSEFORMAT=" + format + " is not supported; links are "
                    + "VOTables (leave RESPONSEFORMAT out, or give votable or " + LINKS_TYPE + ")");
            return;
        }
        List<String> ids = DaliParameters.values(ctx, "ID");
        boolean overflow = ids.size() > settings.maxIds();
        List<String> answered = overflow ? ids.subList(0, settings.maxIds()) : ids;
        ServiceUrls urls = urls(ctx);
        blocking(ctx, () -> {
            List<LinkSet> sets = new ArrayList<>();
            try (java.sql.Connection registry = answered.isEmpty() ? null : locator.openRegistry()) {
                for (int i = 0; i < answered.size(); i++) {
                    sets.add(links.of(answered.get(i), i + 1, urls, registry));
                }
            } catch (SQLException e) {
                DaliErrors.voTable(ctx, 503, "TransientFault: the registry cannot be read: " + e.getMessage());
                return null;
            }
            // built in memory (a links document is small): a failure above can still answer with its status
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            LinksDocument.write(sets, overflow, buffer);
            ctx.response().putHeader("Content-Type", LINKS_TYPE).end(io.vertx.core.buffer.Buffer.buffer(
                    buffer.toByteArray()));
            return null;
        });
    }

    private static boolean isVoTable(String format) {
        String f = format.toLowerCase(Locale.ROOT).replace(" ", "");
        return f.equals("votable") || f.equals("application/x-votable+xml") || f.equals("text/xml")
                || f.startsWith("application/x-votable+xml;");
    }

    private void file(RoutingContext ctx) {
        String dataset = ctx.pathParam("dataset");
        String name = ctx.pathParam("name");
        blocking(ctx, () -> {
            Dataset d = dataset(ctx, dataset);
            if (d == null) {
                return null;
            }
            if (!d.file().getFileName().toString().equals(name)) {
                DaliErrors.text(ctx, 404, "NotFoundFault: dataset " + dataset + " has no file named " + name);
                return null;
            }
            FileResponse.send(ctx, d.file(), DatasetLinks.contentType(name));
            return null;
        });
    }

    private void preview(RoutingContext ctx) {
        String image = ctx.pathParam("image");
        if (!image.endsWith(".png")) {
            DaliErrors.text(ctx, 404, "NotFoundFault: previews are DATASET.png");
            return;
        }
        blocking(ctx, () -> {
            Dataset d = dataset(ctx, image.substring(0, image.length() - 4));
            if (d == null) {
                return null;
            }
            Path png;
            try {
                png = previews.preview(d.datasetId(), d.file());
            } catch (ImagePlane.NoImageException e) {
                DaliErrors.text(ctx, 404, "NotFoundFault: " + e.getMessage());
                return null;
            }
            ctx.response().putHeader("Cache-Control", "max-age=86400");
            FileResponse.send(ctx, png, "image/png");
            return null;
        });
    }

    /** The dataset of a 32-hex-digit id with its file, or null after answering 404. */
    private Dataset dataset(RoutingContext ctx, String datasetId) throws SQLException {
        if (!datasetId.matches("[0-9a-f]{32}")) {
            DaliErrors.text(ctx, 404, "NotFoundFault: '" + datasetId + "' is not a dataset id (32 hex digits)");
            return null;
        }
        try {
            DatasetLocator.Lookup l = locator.lookup(datasetId);
            if (l.dataset() == null) {
                DaliErrors.text(ctx, 404, "NotFoundFault: " + l.missing());
            }
            return l.dataset();
        } catch (DatasetNotFoundException e) {
            DaliErrors.text(ctx, 404, "NotFoundFault: " + e.getMessage());
            return null;
        }
    }

    private void query(RoutingContext ctx) {
        NamedQuery q = settings.queries().get(ctx.pathParam("name"));
        if (q == null || settings.tapPrefix() == null) {
            DaliErrors.voTable(ctx, 404, "NotFoundFault: there is no query named " + ctx.pathParam("name")
                    + (settings.queries().isEmpty() ? "" : "; known: " + String.join(", ",
                    new java.util.TreeSet<>(settings.queries().keySet()))));
            return;
        }
        String adql;
        try {
            adql = q.forId(DaliParameters.first(ctx, "ID"));
        } catch (IllegalArgumentException e) {
            DaliErrors.voTable(ctx, 400, "UsageFault: " + e.getMessage());
            return;
        }
        String format = DaliParameters.first(ctx, "RESPONSEFORMAT");
        ctx.response().setStatusCode(303).putHeader("Location", origin(ctx) + settings.tapPrefix()
                + "/sync?LANG=ADQL&REQUEST=doQuery" + (format == null ? "" : "&RESPONSEFORMAT=" + enc(format))
                + "&QUERY=" + enc(adql)).end();
    }

    private ServiceUrls urls(RoutingContext ctx) {
        String root = origin(ctx);
        String doc = settings.documentation();
        return new ServiceUrls(root + prefix + "/links", root + prefix + "/files", root + prefix + "/preview",
                settings.sodaPrefix() == null ? null : root + settings.sodaPrefix() + "/sync",
                settings.sodaPrefix() == null || !settings.sodaAsync() ? null : root + settings.sodaPrefix()
                        + "/async",
                doc == null ? null : doc.startsWith("/") ? root + doc : doc);
    }

    /** "http://host:port" as the client addressed the server. */
    private static String origin(RoutingContext ctx) {
        URI u = URI.create(ctx.request().absoluteURI());
        return u.getScheme() + "://" + u.getRawAuthority();
    }

    private void blocking(RoutingContext ctx, Callable<Void> work) {
        workers.executeBlocking(work, false).onFailure(t -> {
            if (!ctx.response().headWritten()) {
                DaliErrors.text(ctx, 500, "FatalFault: " + t.getMessage());
            } else {
                ctx.response().reset();
            }
        });
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

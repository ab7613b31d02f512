package org.vosuite.common.uws;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.vosuite.common.http.BearerTokens;
import org.vosuite.common.http.DaliParameters;
import org.vosuite.common.votable.VoTableDocument;

/**
 * The UWS 1.1 REST binding of a {@link JobManager} under a path (e.g. {@code /tap/async}): the job list, job
 * creation (303 to the new job), the job document and its parts, phase changes, deletion, and blocking WAIT — done
 * with a listener and a timer, so a waiting client holds no thread. Database work runs on a worker pool.
 */
public final class UwsRouter {
    /** Parameters UWS itself reads; the rest belong to the service. */
    private static final Set<String> CONTROL = Set.of("PHASE", "ACTION", "RUNID", "EXECUTIONDURATION",
            "DESTRUCTION");
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_.-]{1,100}");

    private final String path;
    private final JobManager jobs;
    private final BearerTokens auth;
    private final WorkerExecutor workers;
    private final Vertx vertx;

    private UwsRouter(Vertx vertx, String path, JobManager jobs, BearerTokens auth) {
        this.vertx = vertx;
        this.path = path;
        this.jobs = jobs;
        this.auth = auth;
        this.workers = vertx.createSharedWorkerExecutor("uws" + path.replace('/', '-'), 4);
    }

    /**
     * @param bodyHandler the handler reading forms and multipart uploads (its limits are the service's upload
     *                    limits); file parts are stored with the job and recorded as by-reference parameters named
     *                    after the part
     */
    public static void mount(Vertx vertx, Router router, String path, JobManager jobs, BearerTokens auth,
            BodyHandler bodyHandler) {
        UwsRouter uws = new UwsRouter(vertx, path, jobs, auth);
        router.route(path).handler(bodyHandler);
        router.route(path + "/*").handler(bodyHandler);
        router.get(path).handler(uws::list);
        router.post(path).handler(uws::create);
        router.get(path + "/:id").handler(uws::job);
        router.post(path + "/:id").handler(uws::postJob);
        router.delete(path + "/:id").handler(ctx -> uws.call(ctx, () -> {
            uws.visibleJob(ctx);
            jobs.delete(ctx.pathParam("id"));
            return null;
        }, v -> redirect(ctx, uws.jobsUrl(ctx))));
        router.get(path + "/:id/phase").handler(ctx -> uws.text(ctx, j -> j.phase().name()));
        router.post(path + "/:id/phase").handler(uws::postPhase);
        router.get(path + "/:id/executionduration").handler(ctx -> uws.text(ctx,
                j -> Long.toString(j.executionDuration())));
        router.post(path + "/:id/executionduration").handler(ctx -> uws.postSetting(ctx, "EXECUTIONDURATION",
                "seconds"));
        router.get(path + "/:id/destruction").handler(ctx -> uws.text(ctx, j -> UwsXml.time(j.destruction())));
        router.post(path + "/:id/destruction").handler(ctx -> uws.postSetting(ctx, "DESTRUCTION",
                "an ISO 8601 time, e.g. 2030-01-01T00:00:00Z"));
        router.get(path + "/:id/quote").handler(ctx -> uws.text(ctx, j -> j.quote() == null ? ""
                : UwsXml.time(j.quote())));
        router.get(path + "/:id/owner").handler(ctx -> uws.text(ctx, j -> j.owner() == null ? "" : j.owner()));
        router.get(path + "/:id/error").handler(uws::error);
        router.get(path + "/:id/parameters").handler(ctx -> uws.xml(ctx, UwsXml::parameters));
        router.post(path + "/:id/parameters").handler(uws::postParameters);
        router.get(path + "/:id/results").handler(ctx -> uws.xml(ctx, j -> UwsXml.results(j, uws.jobUrl(ctx))));
        router.get(path + "/:id/results/:result").handler(uws::result);
    }

    // ---- handlers

    private void list(RoutingContext ctx) {
        call(ctx, () -> {
            String user = auth.user(ctx.request());
            if (auth.enabled() && user == null) {
                throw new UwsException(403, "listing jobs needs authentication: send 'Authorization: Bearer "
                        + "TOKEN'");
            }
            EnumSet<ExecutionPhase> phases = EnumSet.noneOf(ExecutionPhase.class);
            for (String p : ctx.queryParam("PHASE")) {
                ExecutionPhase phase = ExecutionPhase.parse(p);
                if (phase == null) {
                    throw new UwsException(400, "PHASE=" + p + " is not a UWS phase; use one of "
                            + List.of(ExecutionPhase.values()));
                }
                phases.add(phase);
            }
            Instant after = null;
            String afterText = DaliParameters.first(ctx, "AFTER");
            if (afterText != null) {
                after = instant(afterText, "AFTER");
            }
            int last = -1;
            String lastText = DaliParameters.first(ctx, "LAST");
            if (lastText != null) {
                try {
                    last = Integer.parseInt(lastText.trim());
                } catch (NumberFormatException e) {
                    last = -2;
                }
                if (last < 0) {
                    throw new UwsException(400, "LAST must be a whole number of jobs (0 or more), not '" + lastText
                            + "'");
                }
            }
            return UwsXml.jobs(jobs.list(auth.enabled() ? user : null, phases, after, last), jobsUrl(ctx));
        }, body -> xmlResponse(ctx, body));
    }

    private void create(RoutingContext ctx) {
        call(ctx, () -> {
            String user = auth.user(ctx.request());
            List<Job.Parameter> params = new ArrayList<>();
            for (Map.Entry<String, String> e : DaliParameters.all(ctx)) {
                if (!CONTROL.contains(e.getKey().toUpperCase(Locale.ROOT))) {
                    params.add(new Job.Parameter(e.getKey(), e.getValue(), false));
                }
            }
            for (FileUpload f : ctx.fileUploads()) {
                if (!PART.matcher(f.name()).matches()) {
                    throw new UwsException(400, "the multipart part name '" + f.name() + "' is not usable: use "
                            + "letters, digits, '_', '-' and '.'");
                }
                params.add(new Job.Parameter(f.name(), "upload-" + f.name(), true));
            }
            Job job = jobs.create(user, DaliParameters.first(ctx, "RUNID"), params);
            for (FileUpload f : ctx.fileUploads()) {
                jobs.attach(job.id(), "upload-" + f.name(), Path.of(f.uploadedFileName()));
            }
            applyControl(ctx, job.id());
            return job.id();
        }, id -> redirect(ctx, jobsUrl(ctx) + "/" + id));
    }

    /** Execution duration, destruction and phase given with a creation or a POST to the job. */
    private void applyControl(RoutingContext ctx, String id) throws Exception {
        String duration = DaliParameters.first(ctx, "EXECUTIONDURATION");
        if (duration != null) {
            jobs.setExecutionDuration(id, seconds(duration));
        }
        String destruction = DaliParameters.first(ctx, "DESTRUCTION");
        if (destruction != null) {
            jobs.setDestruction(id, instant(destruction, "DESTRUCTION"));
        }
        String phase = DaliParameters.first(ctx, "PHASE");
        if (phase != null) {
            changePhase(id, phase);
        }
    }

    private void job(RoutingContext ctx) {
        String waitText = DaliParameters.first(ctx, "WAIT");
        if (waitText == null) {
            xml(ctx, j -> UwsXml.job(j, jobUrl(ctx)));
            return;
        }
        long waitSeconds;
        try {
            waitSeconds = Long.parseLong(waitText.trim());
        } catch (NumberFormatException e) {
            plain(ctx, 400, "WAIT must be a number of seconds (-1 for as long as the service allows), not '"
                    + waitText + "'");
            return;
        }
        String phaseText = DaliParameters.first(ctx, "PHASE");
        ExecutionPhase phase = phaseText == null ? null : ExecutionPhase.parse(phaseText);
        if (phaseText != null && phase == null) {
            plain(ctx, 400, "PHASE=" + phaseText + " is not a UWS phase");
            return;
        }
        long maxMs = jobs.settings().maxWait().toMillis();
        long waitMs = waitSeconds < 0 ? maxMs : Math.min(waitSeconds * 1000, maxMs);
        String id = ctx.pathParam("id");
        AtomicBoolean done = new AtomicBoolean();
        // On each change, and at the end of the wait, read the job again; answer once it stops blocking.
        Runnable[] check = new Runnable[1];
        long[] timer = new long[1];
        io.vertx.core.Context eventLoop = vertx.getOrCreateContext();
        Runnable finish = () -> {
            jobs.removeListener(id, check[0]);
            vertx.cancelTimer(timer[0]);
        };
        check[0] = () -> eventLoop.runOnContext(v -> blocking(() -> visibleJob(ctx)).onComplete(ar -> {
            if (done.get()) {
                return;
            }
            if (ar.failed() || !blocks(ar.result(), phase)) {
                if (done.compareAndSet(false, true)) {
                    finish.run();
                    respondJob(ctx, ar);
                }
            }
        }));
        jobs.addListener(id, check[0]);
        timer[0] = vertx.setTimer(Math.max(1, waitMs), t -> blocking(() -> visibleJob(ctx)).onComplete(ar -> {
            if (done.compareAndSet(false, true)) {
                finish.run();
                respondJob(ctx, ar);
            }
        }));
        ctx.response().closeHandler(v -> {
            done.set(true);
            finish.run();
        });
        check[0].run();
    }

    private static boolean blocks(Job j, ExecutionPhase phase) {
        return j.phase().isActive() && (phase == null || j.phase() == phase);
    }

    private void respondJob(RoutingContext ctx, io.vertx.core.AsyncResult<Job> ar) {
        if (ar.succeeded()) {
            xmlResponse(ctx, UwsXml.job(ar.result(), jobUrl(ctx)));
        } else {
            failure(ctx, ar.cause());
        }
    }

    private void postJob(RoutingContext ctx) {
        String action = DaliParameters.first(ctx, "ACTION");
        if (action != null) {
            if (!action.equalsIgnoreCase("DELETE")) {
                plain(ctx, 400, "ACTION=" + action + " is not supported; ACTION=DELETE deletes the job");
                return;
            }
            call(ctx, () -> {
                visibleJob(ctx);
                jobs.delete(ctx.pathParam("id"));
                return null;
            }, v -> redirect(ctx, jobsUrl(ctx)));
            return;
        }
        postParameters(ctx);
    }

    private void postParameters(RoutingContext ctx) {
        call(ctx, () -> {
            Job j = visibleJob(ctx);
            List<Job.Parameter> params = new ArrayList<>(j.parameters());
            for (Map.Entry<String, String> e : DaliParameters.all(ctx)) {
                if (!CONTROL.contains(e.getKey().toUpperCase(Locale.ROOT))) {
                    params.removeIf(p -> p.name().equalsIgnoreCase(e.getKey()));
                }
            }
            boolean any = false;
            for (Map.Entry<String, String> e : DaliParameters.all(ctx)) {
                if (!CONTROL.contains(e.getKey().toUpperCase(Locale.ROOT))) {
                    params.add(new Job.Parameter(e.getKey(), e.getValue(), false));
                    any = true;
                }
            }
            if (any) {
                jobs.replaceParameters(j.id(), params);
            }
            applyControl(ctx, j.id());
            return null;
        }, v -> redirect(ctx, jobUrl(ctx)));
    }

    private void postPhase(RoutingContext ctx) {
        call(ctx, () -> {
            Job j = visibleJob(ctx);
            String phase = DaliParameters.first(ctx, "PHASE");
            if (phase == null) {
                throw new UwsException(400, "missing PHASE: post PHASE=RUN or PHASE=ABORT");
            }
            changePhase(j.id(), phase);
            return null;
        }, v -> redirect(ctx, jobUrl(ctx)));
    }

    private void changePhase(String id, String phase) throws Exception {
        switch (phase.trim().toUpperCase(Locale.ROOT)) {
            case "RUN" -> jobs.run(id);
            case "ABORT" -> jobs.abort(id);
            default -> throw new UwsException(400, "PHASE=" + phase + " cannot be posted; use PHASE=RUN or "
                    + "PHASE=ABORT");
        }
    }

    /** POST of one job setting (EXECUTIONDURATION, DESTRUCTION) to its own URL. */
    private void postSetting(RoutingContext ctx, String name, String example) {
        call(ctx, () -> {
            Job j = visibleJob(ctx);
            if (DaliParameters.first(ctx, name) == null) {
                throw new UwsException(400, "missing " + name + " (" + example + ")");
            }
            applyControl(ctx, j.id());
            return null;
        }, v -> redirect(ctx, jobUrl(ctx)));
    }

    private void error(RoutingContext ctx) {
        call(ctx, () -> {
            Job j = visibleJob(ctx);
            if (j.phase() != ExecutionPhase.ERROR) {
                throw new UwsException(404, "job " + j.id() + " has no error: it is " + j.phase());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            VoTableDocument.error(j.error() == null ? "the job failed" : j.error(), out);
            return out.toByteArray();
        }, body -> ctx.response().putHeader("Content-Type", "application/x-votable+xml")
                .end(Buffer.buffer(body)));
    }

    private void result(RoutingContext ctx) {
        String rid = ctx.pathParam("result");
        record Found(Job.Result result, Path file) {
        }
        call(ctx, () -> {
            Job j = visibleJob(ctx);
            Job.Result r = j.results().stream().filter(x -> x.id().equals(rid)).findFirst().orElseThrow(
                    () -> new UwsException(404, "job " + j.id() + " has no result '" + rid + "'" + (j.phase()
                            == ExecutionPhase.COMPLETED ? "" : " (it is " + j.phase() + ")")));
            Path file = jobs.files().localFile(j.id(), "result-" + r.id()); // a file system check: on the worker
            if (file == null) {
                throw new UwsException(404, "the result file of job " + j.id() + " is gone");
            }
            return new Found(r, file);
        }, f -> ctx.response().putHeader("Content-Type", f.result().mimeType()).sendFile(f.file().toString()));
    }

    // ---- helpers

    /** The job named in the path, if this request may see it; else 404 (not 403: ids of others stay unknown). */
    private Job visibleJob(RoutingContext ctx) throws Exception {
        String user = auth.user(ctx.request());
        String id = ctx.pathParam("id");
        Job j = jobs.get(id).orElseThrow(() -> UwsException.noJob(id));
        if (j.owner() != null && !j.owner().equals(user)) {
            throw UwsException.noJob(id);
        }
        return j;
    }

    private void text(RoutingContext ctx, java.util.function.Function<Job, String> part) {
        call(ctx, () -> part.apply(visibleJob(ctx)), s -> ctx.response()
                .putHeader("Content-Type", "text/plain; charset=utf-8").end(s));
    }

    private void xml(RoutingContext ctx, java.util.function.Function<Job, String> doc) {
        call(ctx, () -> doc.apply(visibleJob(ctx)), body -> xmlResponse(ctx, body));
    }

    private <T> Future<T> blocking(Callable<T> work) {
        return workers.executeBlocking(work, false);
    }

    /** Runs {@code work} on a worker, then answers with {@code then}, or with the failure's status and message. */
    private <T> void call(RoutingContext ctx, Callable<T> work, java.util.function.Consumer<T> then) {
        blocking(work).onComplete(ar -> {
            if (ar.succeeded()) {
                then.accept(ar.result());
            } else {
                failure(ctx, ar.cause());
            }
        });
    }

    private static void failure(RoutingContext ctx, Throwable t) {
        if (t instanceof UwsException u) {
            plain(ctx, u.status(), u.getMessage());
        } else if (t instanceof BearerTokens.Unauthorized u) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            plain(ctx, 401, u.getMessage());
        } else if (t instanceof SQLException) {
            plain(ctx, 500, "the job database failed: " + t.getMessage());
        } else {
            plain(ctx, 500, "internal error: " + t);
        }
    }

    private static long seconds(String s) throws UwsException {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new UwsException(400, "EXECUTIONDURATION must be a whole number of seconds, not '" + s + "'");
        }
    }

    private static Instant instant(String s, String what) throws UwsException {
        try {
            String t = s.trim();
            // DALI timestamps may leave out the zone (UTC meant) and the time
            if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
                t += "T00:00:00Z";
            } else if (!t.endsWith("Z") && !t.matches(".*[+-]\\d{2}:\\d{2}$")) {
                t += "Z";
            }
            return java.time.OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            throw new UwsException(400, what + " must be an ISO 8601 time such as 2030-01-01T00:00:00Z, not '" + s
                    + "'");
        }
    }

    private String jobsUrl(RoutingContext ctx) {
        String uri = ctx.request().absoluteURI();
        int q = uri.indexOf('?');
        if (q >= 0) {
            uri = uri.substring(0, q);
        }
        int at = uri.indexOf(path, uri.indexOf("//") + 2);
        return at < 0 ? uri : uri.substring(0, at + path.length());
    }

    private String jobUrl(RoutingContext ctx) {
        return jobsUrl(ctx) + "/" + ctx.pathParam("id");
    }

    private static void redirect(RoutingContext ctx, String location) {
        ctx.response().setStatusCode(303).putHeader("Location", location).end();
    }

    private static void xmlResponse(RoutingContext ctx, String body) {
        ctx.response().putHeader("Content-Type", "text/xml; charset=utf-8").end(body);
    }

    private static void plain(RoutingContext ctx, int status, String message) {
        if (!ctx.response().ended()) {
            ctx.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8")
                    .end(message + "\n");
        }
    }
}

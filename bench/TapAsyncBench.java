import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark (run on demand, never in tests): async TAP (UWS) against a running demo.
 * <ol>
 * <li>drain: N jobs (default 200) submitted with PHASE=RUN by C clients (default 16), each client then blocking
 * on its jobs with WAIT=-1 and fetching each result; reports the time from the first submission until every job is
 * COMPLETED and fetched, and any job that did not complete;</li>
 * <li>large result: one job returning R rows (default 1,000,000) of demo_dr1.Source as BINARY2; reports the time
 * the job executed (its startTime to endTime: rows written to the result store) and the time to fetch the result,
 * as rows/s.</li>
 * </ol>
 * <pre>
 *   java bench/TapAsyncBench.java TAP_URL [--jobs 200] [--clients 16] [--rows 1000000]
 * </pre>
 */
public class TapAsyncBench {
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    public static void main(String[] args) throws Exception {
        String tap = args[0];
        int jobs = 200;
        int clients = 16;
        long rows = 1_000_000;
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--jobs" -> jobs = Integer.parseInt(args[i + 1]);
                case "--clients" -> clients = Integer.parseInt(args[i + 1]);
                case "--rows" -> rows = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        drain(tap, jobs, clients);
        large(tap, rows);
    }

    static void drain(String tap, int jobs, int clients) throws Exception {
        Random rnd = new Random(20261121L);
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            queries.add(String.format(Locale.ROOT, "SELECT objectId, coord_ra, coord_dec, r_psfFlux FROM "
                    + "demo_dr1.Object WHERE CONTAINS(POINT(coord_ra, coord_dec), CIRCLE(%.5f, %.5f, 0.2)) = 1",
                    151 + rnd.nextDouble() * 18, -9 + rnd.nextDouble() * 13));
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger fetched = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long t0 = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            done.add(pool.submit(() -> {
                List<String> mine = new ArrayList<>();
                int i;
                while ((i = next.getAndIncrement()) < queries.size()) {
                    mine.add(create(tap, queries.get(i), ""));
                }
                for (String job : mine) {
                    String phase = waitDone(job);
                    if (!phase.equals("COMPLETED")) {
                        failed.incrementAndGet();
                        continue;
                    }
                    if (get(job + "/results/result").contains("<TABLE")) {
                        fetched.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double s = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        System.out.printf(Locale.ROOT, "drain: %d jobs (0.2 deg cones) submitted by %d clients: all finished and "
                + "fetched in %.2f s (%.1f jobs/s); %d did not complete; %d results fetched%n", queries.size(), clients, s,
                queries.size() / s, failed.get(), fetched.get());
    }

    static void large(String tap, long rows) throws Exception {
        String job = create(tap, "SELECT TOP " + rows + " sourceId, ccdVisitId, objectId, ra, dec, psfFlux, "
                + "psfFluxErr, midpointMjdTai FROM demo_dr1.Source", "&MAXREC=" + rows);
        long t0 = System.nanoTime();
        String phase = waitDone(job);
        double wall = (System.nanoTime() - t0) / 1e9;
        String doc = get(job);
        double exec = java.time.Duration.between(java.time.Instant.parse(tag(doc, "startTime")),
                java.time.Instant.parse(tag(doc, "endTime"))).toMillis() / 1e3;
        long t1 = System.nanoTime();
        HttpResponse<java.io.InputStream> r = HTTP.send(HttpRequest.newBuilder(URI.create(job + "/results/result"))
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        long bytes;
        try (var in = r.body()) {
            bytes = in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        double fetch = (System.nanoTime() - t1) / 1e9;
        System.out.printf(Locale.ROOT, "large result: %s; %d rows written in %.2f s (%.0f rows/s; %.2f s from "
                + "submission), fetched %.1f MB in %.2f s (%.0f rows/s)%n", phase, rows, exec, rows / exec, wall,
                bytes / 1e6, fetch, rows / fetch);
        HTTP.send(HttpRequest.newBuilder(URI.create(job)).DELETE().build(), HttpResponse.BodyHandlers.discarding());
    }

    static String create(String tap, String query, String extra) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(tap + "/async"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("LANG=ADQL&PHASE=RUN&QUERY=" + URLEncoder.encode(query,
                        StandardCharsets.UTF_8) + extra)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 303) {
            throw new IllegalStateException("job creation answered " + r.statusCode() + ": " + r.body());
        }
        return r.headers().firstValue("Location").orElseThrow();
    }

    static String waitDone(String job) throws Exception {
        while (true) {
            String phase = tag(get(job + "?WAIT=-1"), "phase");
            if (!List.of("PENDING", "QUEUED", "EXECUTING").contains(phase)) {
                return phase;
            }
        }
    }

    static String get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    static String tag(String xml, String name) {
        Matcher m = Pattern.compile("<uws:" + name + ">([^<]*)</uws:" + name + ">").matcher(xml);
        return m.find() ? m.group(1) : "";
    }
}

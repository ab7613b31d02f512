import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.postgresql.ds.PGSimpleDataSource;
import org.vosuite.tap.TapLimits;
import org.vosuite.tap.TapService;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.TableSink;
import uk.ac.starlink.votable.VOTableBuilder;

/**
 * Benchmark (run on demand, never in tests): cone-search throughput at N concurrent clients. Random 0.1–0.3° cones
 * inside the demo footprint (RA 150–170°, Dec −10–+5°) on demo_dr1.Object, run
 * <ul>
 * <li>{@code http}: through the sync TAP endpoint (java.net.http.HttpClient, HTTP/1.1 keep-alive, POST,
 * RESPONSEFORMAT=votable, whole body read), as TOPCAT or pyvo would;</li>
 * <li>{@code jdbc}: the same SQL the service would run (TapService.translate), straight over JDBC, one long-lived
 * connection per client thread, every column of every row read;</li>
 * <li>{@code jdbc-per-query}: the same SQL the way the service's QueryRunner runs it today: a new PostgreSQL
 * connection per query, autocommit off, read-only, SET LOCAL statement_timeout, fetch size 5000, rollback. The
 * difference from {@code jdbc} is the cost of having no connection pool.</li>
 * <li>{@code service-inproc} (diagnostic, not run unless asked): what the sync endpoint's worker thread does, in
 * this JVM, without HTTP: TapService.translate, then QueryRunner.run writing the VOTable into a byte counter.</li>
 * </ul>
 * Fixed seed, so every mode runs the same cones in the same order; a warm-up phase, then a measured window; the
 * program stops by itself. Before measuring it checks, on a few cones, that HTTP and JDBC return the same rows.
 *
 * <pre>
 *   java -cp app/target/vo.jar bench/TapConeBench.java TAP_URL JDBC_URL [--clients 16] [--seconds 20]
 *        [--warmup 5] [--seed 20261121] [--cones 2000] [--modes jdbc,http,jdbc-per-query]
 * </pre>
 * TAP_URL and JDBC_URL are the {@code ready:} and {@code database:} lines {@code ./vo demo} prints.
 */
public class TapConeBench {
    static final String COLUMNS = "objectId, coord_ra, coord_dec, g_psfFlux, r_psfFlux, i_psfFlux, r_extendedness";

    record Cone(double ra, double dec, double r, String adql, String sql) {
    }

    record Result(String mode, long queries, long rows, long bytes, double seconds, long[] latenciesNanos,
            long failures, String firstFailure) {
        double qps() {
            return queries / seconds;
        }

        double pct(double p) {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            return latenciesNanos[Math.min(latenciesNanos.length - 1, (int) Math.floor(p * latenciesNanos.length))]
                    / 1e6;
        }
    }

    interface Worker {
        /** Runs one query; returns {rows, bytes}. */
        long[] run(Cone cone) throws Exception;

        default void close() throws Exception {
        }
    }

    interface WorkerFactory {
        Worker open() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: TapConeBench TAP_URL JDBC_URL [--clients 16] [--seconds 20] [--warmup 5] "
                    + "[--seed 20261121] [--cones 2000] [--modes jdbc,http,jdbc-per-query]");
            System.exit(2);
        }
        String tap = args[0].replaceAll("/+$", "");
        String jdbc = args[1];
        int clients = 16;
        double seconds = 20;
        double warmup = 5;
        long seed = 20261121L;
        int nCones = 2000;
        List<String> modes = List.of("jdbc", "http", "jdbc-per-query");
        for (int i = 2; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--clients" -> clients = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Double.parseDouble(args[i + 1]);
                case "--warmup" -> warmup = Double.parseDouble(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                case "--cones" -> nCones = Integer.parseInt(args[i + 1]);
                case "--modes" -> modes = List.of(args[i + 1].split(","));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }

        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(jdbc);
        TapService service = TapService.adqlOnPostgres(ds, "TAP_SCHEMA", TapLimits.DEFAULT);
        long maxRec = TapLimits.DEFAULT.defaultMaxRec(); // what the sync endpoint uses without MAXREC

        // The cones, and the SQL the service runs for each (translated once, outside the measurement).
        Random rnd = new Random(seed);
        Cone[] cones = new Cone[nCones];
        long t0 = System.nanoTime();
        for (int i = 0; i < nCones; i++) {
            double r = 0.1 + 0.2 * rnd.nextDouble();
            double dec = -10 + r + (15 - 2 * r) * rnd.nextDouble();
            double dra = r / Math.cos(Math.toRadians(Math.abs(dec) + r));
            double ra = 150 + dra + (20 - 2 * dra) * rnd.nextDouble();
            String adql = String.format(Locale.ROOT, "SELECT %s FROM demo_dr1.Object WHERE CONTAINS(POINT(coord_ra, "
                    + "coord_dec), CIRCLE(%.6f, %.6f, %.6f)) = 1", COLUMNS, ra, dec, r);
            cones[i] = new Cone(ra, dec, r, adql, service.translate(adql, maxRec).sql());
        }
        System.out.printf(Locale.ROOT, "%d cones (seed %d, r 0.1-0.3 deg) translated in %.1f s; %d clients, "
                + "warm-up %.0f s + measured %.0f s per mode; MAXREC %d%n", nCones, seed,
                (System.nanoTime() - t0) / 1e9, clients, warmup, seconds, maxRec);
        System.out.println("first cone ADQL: " + cones[0].adql());

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        URI sync = URI.create(tap + "/sync");

        verify(cones, http, sync, jdbc);

        List<Result> results = new ArrayList<>();
        for (String mode : modes) {
            WorkerFactory f = switch (mode) {
                case "jdbc" -> () -> pooledJdbc(jdbc);
                case "jdbc-per-query" -> () -> perQueryJdbc(ds, maxRec);
                case "http" -> () -> cone -> httpQuery(http, sync, cone.adql());
                case "service-inproc" -> () -> cone -> inProcess(service, cone.adql(), maxRec);
                default -> throw new IllegalArgumentException("unknown mode " + mode);
            };
            Result r = run(mode, f, cones, clients, warmup, seconds);
            results.add(r);
            print(r);
        }

        System.out.println();
        System.out.printf(Locale.ROOT, "%-16s %10s %10s %9s %9s %9s %12s%n", "mode", "queries/s", "rows/s",
                "p50 ms", "p90 ms", "p99 ms", "failures");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "%-16s %10.1f %10.0f %9.2f %9.2f %9.2f %12d%n", r.mode(), r.qps(),
                    r.rows() / r.seconds(), r.pct(0.5), r.pct(0.9), r.pct(0.99), r.failures());
        }
        Result jdbcR = results.stream().filter(r -> r.mode().equals("jdbc")).findFirst().orElse(null);
        Result httpR = results.stream().filter(r -> r.mode().equals("http")).findFirst().orElse(null);
        Result perQ = results.stream().filter(r -> r.mode().equals("jdbc-per-query")).findFirst().orElse(null);
        if (jdbcR != null && httpR != null) {
            System.out.printf(Locale.ROOT, "HTTP / JDBC throughput: %.1f%% (target >= 70%%)%n",
                    100 * httpR.qps() / jdbcR.qps());
        }
        if (jdbcR != null && perQ != null) {
            System.out.printf(Locale.ROOT, "JDBC with a new connection per query / pooled JDBC: %.1f%%%n",
                    100 * perQ.qps() / jdbcR.qps());
        }
        connectionCost(ds, cones, maxRec);
        boolean failed = results.stream().anyMatch(r -> r.failures() > 0);
        System.exit(failed ? 1 : 0);
    }

    /** HTTP and JDBC must return the same number of rows for the same cone (and the cone must not be empty). */
    static void verify(Cone[] cones, HttpClient http, URI sync, String jdbc) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbc)) {
            Worker w = jdbcWorker(c);
            long total = 0;
            for (int i = 0; i < Math.min(10, cones.length); i++) {
                long viaJdbc = w.run(cones[i])[0];
                HttpResponse<byte[]> resp = http.send(post(sync, cones[i].adql()),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (resp.statusCode() != 200) {
                    throw new IllegalStateException("HTTP " + resp.statusCode() + ": " + new String(resp.body(),
                            StandardCharsets.UTF_8));
                }
                long[] count = {0};
                new VOTableBuilder().streamStarTable(new ByteArrayInputStream(resp.body()), new TableSink() {
                    public void acceptMetadata(StarTable meta) {
                    }

                    public void acceptRow(Object[] row) {
                        count[0]++;
                    }

                    public void endRows() {
                    }
                }, null);
                if (count[0] != viaJdbc || viaJdbc == 0) {
                    throw new IllegalStateException("cone " + i + ": HTTP gave " + count[0] + " rows, JDBC "
                            + viaJdbc + ": " + cones[i].adql());
                }
                total += viaJdbc;
            }
            System.out.printf(Locale.ROOT, "check: the first 10 cones give the same rows over HTTP and JDBC "
                    + "(%.0f rows per cone on average)%n", total / 10.0);
        }
    }

    static Result run(String mode, WorkerFactory factory, Cone[] cones, int clients, double warmup,
            double seconds) throws Exception {
        AtomicLong next = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        List<long[]> latencies = new ArrayList<>();
        int[] recorded = new int[clients];
        long[] queries = new long[clients];
        long[] rows = new long[clients];
        long[] bytes = new long[clients];
        CountDownLatch ready = new CountDownLatch(clients);
        CountDownLatch go = new CountDownLatch(1);
        long[] window = new long[2];
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < clients; t++) {
            int id = t;
            long[] lat = new long[1 << 20];
            latencies.add(lat);
            Thread th = new Thread(() -> {
                Worker w = null;
                try {
                    w = factory.open();
                } catch (Exception e) {
                    failures.incrementAndGet();
                    firstFailure.compareAndSet(null, e.toString());
                }
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                if (w == null) {
                    return;
                }
                int n = 0;
                while (true) {
                    long start = System.nanoTime();
                    if (start >= window[1]) {
                        break;
                    }
                    Cone cone = cones[(int) (next.getAndIncrement() % cones.length)];
                    try {
                        long[] got = w.run(cone);
                        long end = System.nanoTime();
                        if (end >= window[0] && end <= window[1]) {
                            queries[id]++;
                            rows[id] += got[0];
                            bytes[id] += got[1];
                            if (n < lat.length) {
                                lat[n++] = end - start;
                            }
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                        firstFailure.compareAndSet(null, e.toString());
                    }
                }
                recorded[id] = n;
                try {
                    w.close();
                } catch (Exception ignored) {
                    // done anyway
                }
            }, mode + "-" + t);
            th.setDaemon(true);
            threads.add(th);
            th.start();
        }
        ready.await();
        long now = System.nanoTime();
        window[0] = now + (long) (warmup * 1e9);
        window[1] = window[0] + (long) (seconds * 1e9);
        go.countDown();
        for (Thread th : threads) {
            th.join(Math.max(1, (long) ((warmup + seconds) * 1000) + 120_000));
            if (th.isAlive()) {
                throw new IllegalStateException(th.getName() + " is stuck");
            }
        }
        long total = Arrays.stream(queries).sum();
        long[] all = new long[(int) Math.min(Integer.MAX_VALUE - 8, total)];
        int k = 0;
        for (int t = 0; t < clients; t++) {
            long[] lat = latencies.get(t);
            for (int i = 0; i < recorded[t] && k < all.length; i++) {
                all[k++] = lat[i];
            }
        }
        all = Arrays.copyOf(all, k);
        Arrays.sort(all);
        return new Result(mode, total, Arrays.stream(rows).sum(), Arrays.stream(bytes).sum(), seconds, all,
                failures.get(), firstFailure.get());
    }

    static void print(Result r) {
        String volume = r.bytes() > 0 ? String.format(Locale.ROOT, "  %.2f MB/s", r.bytes() / r.seconds() / 1e6)
                : "";
        System.out.printf(Locale.ROOT, "%-16s %8.1f queries/s  %9.0f rows/s%s  latency p50 %.2f ms, p90 %.2f ms, "
                + "p99 %.2f ms  (%d queries in %.0f s, %d failures)%n", r.mode(), r.qps(), r.rows() / r.seconds(),
                volume, r.pct(0.5), r.pct(0.9), r.pct(0.99), r.queries(), r.seconds(), r.failures());
        if (r.firstFailure() != null) {
            System.out.println("  first failure: " + r.firstFailure());
        }
    }

    static Worker pooledJdbc(String jdbc) throws Exception {
        Connection c = DriverManager.getConnection(jdbc);
        Worker w = jdbcWorker(c);
        return new Worker() {
            public long[] run(Cone cone) throws Exception {
                return w.run(cone);
            }

            public void close() throws Exception {
                c.close();
            }
        };
    }

    static Worker jdbcWorker(Connection c) {
        return cone -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(cone.sql())) {
                return new long[] {readAll(rs), 0};
            }
        };
    }

    /** As org.vosuite.tap.exec.QueryRunner runs a query: a fresh connection from the data source every time. */
    static Worker perQueryJdbc(PGSimpleDataSource ds, long maxRec) {
        long timeoutMs = TapLimits.DEFAULT.syncTimeout().toMillis();
        return cone -> {
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                c.setReadOnly(true);
                try (Statement setup = c.createStatement()) {
                    setup.execute("SET LOCAL statement_timeout = " + timeoutMs);
                }
                try (PreparedStatement st = c.prepareStatement(cone.sql())) {
                    st.setFetchSize(5000);
                    try (ResultSet rs = st.executeQuery()) {
                        return new long[] {readAll(rs), 0};
                    }
                } finally {
                    c.rollback();
                }
            }
        };
    }

    static long[] inProcess(TapService service, String adql, long maxRec) throws Exception {
        org.vosuite.tap.plan.Translation t = service.translate(adql, maxRec);
        long[] bytes = {0};
        java.io.OutputStream out = new java.io.OutputStream() {
            public void write(int b) {
                bytes[0]++;
            }

            public void write(byte[] b, int off, int len) {
                bytes[0] += len;
            }
        };
        new org.vosuite.tap.exec.QueryRunner(service.database(), TapLimits.DEFAULT.syncTimeout()).run(t, maxRec,
                org.vosuite.common.votable.ResultFormat.VOTABLE_BINARY2, java.util.Map.of("QUERY", adql), out);
        return new long[] {0, bytes[0]};
    }

    static long readAll(ResultSet rs) throws Exception {
        int cols = rs.getMetaData().getColumnCount();
        long n = 0;
        while (rs.next()) {
            for (int i = 1; i <= cols; i++) {
                rs.getObject(i);
            }
            n++;
        }
        return n;
    }

    static HttpRequest post(URI sync, String adql) {
        String form = "REQUEST=doQuery&LANG=ADQL&RESPONSEFORMAT=votable&QUERY="
                + URLEncoder.encode(adql, StandardCharsets.UTF_8);
        return HttpRequest.newBuilder(sync).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    }

    /** One sync query; the whole body is read. Returns {rows (not counted here: 0), bytes}. */
    static long[] httpQuery(HttpClient http, URI sync, String adql) throws Exception {
        HttpResponse<byte[]> resp = http.send(post(sync, adql), HttpResponse.BodyHandlers.ofByteArray());
        byte[] body = resp.body();
        if (resp.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + resp.statusCode() + ": " + new String(body,
                    StandardCharsets.UTF_8));
        }
        // DALI: the closing INFO says OVERFLOW or ERROR when the table is not complete.
        String tail = new String(body, Math.max(0, body.length - 400), Math.min(400, body.length),
                StandardCharsets.UTF_8);
        if (tail.contains("\"ERROR\"") || tail.contains("\"OVERFLOW\"") || !tail.contains("</VOTABLE>")) {
            throw new IllegalStateException("incomplete result: ..." + tail);
        }
        return new long[] {countRows(body), body.length};
    }

    /** Rows of a BINARY2 body: decoded STREAM bytes walked row by row (fixed-size columns: all numeric here). */
    static long countRows(byte[] body) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        int fields = 0;
        int rowBytes = 0;
        int at = 0;
        while ((at = text.indexOf("<FIELD ", at)) >= 0) {
            int end = text.indexOf('>', at);
            String tag = text.substring(at, end);
            int d = tag.indexOf("datatype=\"") + 10;
            String type = tag.substring(d, tag.indexOf('"', d));
            rowBytes += switch (type) {
                case "boolean", "unsignedByte", "char" -> 1;
                case "short", "unicodeChar" -> 2;
                case "int", "float" -> 4;
                case "long", "double" -> 8;
                default -> throw new IllegalStateException("unexpected FIELD datatype " + type);
            };
            if (tag.contains("arraysize")) {
                throw new IllegalStateException("array columns are not expected here: " + tag);
            }
            fields++;
            at = end;
        }
        rowBytes += (fields + 7) / 8;
        int s = text.indexOf("<STREAM");
        int from = text.indexOf('>', s) + 1;
        int to = text.indexOf("</STREAM>", from);
        StringBuilder b64 = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char ch = text.charAt(i);
            if (!Character.isWhitespace(ch)) {
                b64.append(ch);
            }
        }
        int decoded = java.util.Base64.getDecoder().decode(b64.toString()).length;
        if (decoded % rowBytes != 0) {
            throw new IllegalStateException(decoded + " BINARY2 bytes are not whole rows of " + rowBytes);
        }
        return decoded / rowBytes;
    }

    /**
     * What a new PostgreSQL connection per query costs, measured alone (one thread): opening a connection; and the
     * same cones run on one long-lived connection versus the way QueryRunner runs them (fresh connection: a new
     * backend process whose caches are cold, so its first query also plans and compiles more).
     */
    static void connectionCost(PGSimpleDataSource ds, Cone[] cones, long maxRec) throws Exception {
        int n = Math.min(200, cones.length);
        long[] open = new long[n];
        long[] pooled = new long[n];
        long[] fresh = new long[n];
        Worker perQuery = perQueryJdbc(ds, maxRec);
        try (Connection c = ds.getConnection()) {
            Worker onOne = jdbcWorker(c);
            for (int pass = 0; pass < 2; pass++) { // the first pass warms up
                for (int i = 0; i < n; i++) {
                    long a = System.nanoTime();
                    ds.getConnection().close();
                    long b = System.nanoTime();
                    onOne.run(cones[i]);
                    long d = System.nanoTime();
                    perQuery.run(cones[i]);
                    long e = System.nanoTime();
                    open[i] = b - a;
                    pooled[i] = d - b;
                    fresh[i] = e - d;
                }
            }
        }
        Arrays.sort(open);
        Arrays.sort(pooled);
        Arrays.sort(fresh);
        System.out.printf(Locale.ROOT, "one client alone, %d cones: open+close a PostgreSQL connection median "
                + "%.2f ms; cone on a long-lived connection median %.2f ms; cone as QueryRunner runs it (new "
                + "connection, read-only transaction, cursor) median %.2f ms (p90 %.2f) -> %.2f ms more per query%n",
                n, open[n / 2] / 1e6, pooled[n / 2] / 1e6, fresh[n / 2] / 1e6, fresh[n * 9 / 10] / 1e6,
                (fresh[n / 2] - pooled[n / 2]) / 1e6);
    }
}

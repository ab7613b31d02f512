import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.TableSink;
import uk.ac.starlink.votable.VOTableBuilder;

/**
 * Benchmark (run on demand, never in tests): one big synchronous TAP query streamed as VOTable BINARY2. Five
 * million rows (demo_dr1.Source's 3,000,000 plus demo_dr1.Object's 1,000,000 twice, by UNION ALL) with
 * MAXREC=5000000, read by the client as they arrive; rows/s measured at the client. Start the server with a small
 * heap (VO_JAVA_OPTS=-Xmx256m) to show the result is streamed, not held in memory: the server must still answer
 * afterwards.
 *
 * <pre>
 *   java -cp app/target/vo.jar bench/TapStreamBench.java TAP_URL [--parser fast|stil|both] [--repeat 2]
 *        [--jdbc JDBC_URL] [--server-pid PID]
 * </pre>
 * {@code --parser fast} (default): the BINARY2 stream is base64-decoded and walked row by row (field sizes from the
 * FIELD elements) — cheap, so the number is the service's. {@code stil}: STIL's streaming VOTable parser
 * (VOTableBuilder.streamStarTable with a TableSink), every cell decoded, as TOPCAT would; {@code both}: fast, then
 * STIL. {@code --repeat N}: runs the fast parser N times (the first run also warms up the server's JIT).
 * {@code --jdbc}: also reads the same translated SQL straight over JDBC (fetch size 5000, as the service) for
 * comparison.
 * {@code --server-pid}: samples the server's resident memory (/proc) while it streams.
 */
public class TapStreamBench {
    static final long ROWS = 5_000_000;
    static final String QUERY = "SELECT s.sourceId, s.ra, s.dec, s.psfFlux, s.midpointMjdTai FROM demo_dr1.Source AS s"
            + " UNION ALL SELECT o.objectId, o.coord_ra, o.coord_dec, o.r_psfFlux, o.ebv FROM demo_dr1.Object AS o"
            + " UNION ALL SELECT o.objectId, o.coord_ra, o.coord_dec, o.g_psfFlux, o.ebv FROM demo_dr1.Object AS o";

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: TapStreamBench TAP_URL [--parser fast|stil|both] [--repeat 2] "
                    + "[--jdbc JDBC_URL] [--server-pid PID]");
            System.exit(2);
        }
        String tap = args[0].replaceAll("/+$", "");
        String parser = "fast";
        String jdbc = null;
        long pid = -1;
        int repeat = 2;
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--parser" -> parser = args[i + 1];
                case "--jdbc" -> jdbc = args[i + 1];
                case "--server-pid" -> pid = Long.parseLong(args[i + 1]);
                case "--repeat" -> repeat = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        System.out.println("query (MAXREC=" + ROWS + ", RESPONSEFORMAT=votable, i.e. BINARY2): " + QUERY);
        String before = smallQuery(http, tap);
        System.out.println("server answers before: " + before);
        if (pid > 0) {
            System.out.printf(Locale.ROOT, "server resident memory before: %.0f MB%n", rssMb(pid));
        }
        boolean ok = true;
        List<String> parsers = new ArrayList<>();
        for (int r = 0; r < repeat; r++) {
            if (!parser.equals("stil")) {
                parsers.add("fast");
            }
        }
        if (!parser.equals("fast")) {
            parsers.add("stil");
        }
        double lastFast = Double.NaN;
        for (String p : parsers) {
            double rate = stream(http, tap, p, pid);
            ok &= !Double.isNaN(rate);
            if (p.equals("fast")) {
                lastFast = rate;
            }
        }
        if (!Double.isNaN(lastFast)) {
            System.out.printf(Locale.ROOT, "BINARY2 stream at the client (last fast-parser run): %,.0f rows/s (target "
                    + ">= 400,000)%n", lastFast);
        }
        String after = smallQuery(http, tap);
        System.out.println("server answers after: " + after);
        if (pid > 0) {
            System.out.printf(Locale.ROOT, "server resident memory after: %.0f MB%n", rssMb(pid));
        }
        if (jdbc != null) {
            viaJdbc(jdbc);
        }
        System.exit(ok ? 0 : 1);
    }

    /** One streamed query; returns rows/s, or NaN when the result was not the complete 5,000,000 rows. */
    static double stream(HttpClient http, String tap, String parser, long pid) throws Exception {
        String form = "REQUEST=doQuery&LANG=ADQL&RESPONSEFORMAT=votable&MAXREC=" + ROWS + "&QUERY="
                + URLEncoder.encode(QUERY, StandardCharsets.UTF_8);
        HttpRequest req = HttpRequest.newBuilder(URI.create(tap + "/sync")).timeout(Duration.ofMinutes(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        double[] maxRss = {0};
        Thread sampler = null;
        if (pid > 0) {
            sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    maxRss[0] = Math.max(maxRss[0], rssMb(pid));
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
        }
        long t0 = System.nanoTime();
        HttpResponse<InputStream> resp = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        long headers = System.nanoTime();
        if (resp.statusCode() != 200) {
            System.out.println("HTTP " + resp.statusCode() + ": " + new String(resp.body().readAllBytes(),
                    StandardCharsets.UTF_8));
            return Double.NaN;
        }
        CountingStream in = new CountingStream(resp.body());
        Outcome o = parser.equals("stil") ? stil(in, t0) : fast(new BufferedInputStream(in, 1 << 16), t0);
        long end = System.nanoTime();
        if (sampler != null) {
            sampler.interrupt();
            sampler.join();
        }
        double secs = (end - t0) / 1e9;
        System.out.printf(Locale.ROOT, "[%s parser] %,d rows, %,.1f MB in %.2f s: %,.0f rows/s, %.1f MB/s "
                + "(response headers after %.0f ms, first row after %.0f ms; trailing status %s)%n", parser,
                o.rows, in.count / 1e6, secs, o.rows / secs, in.count / 1e6 / secs, (headers - t0) / 1e6,
                (o.firstRow - t0) / 1e6, o.status == null ? "none (complete)" : o.status);
        if (sampler != null) {
            System.out.printf(Locale.ROOT, "[%s parser] server resident memory at most %.0f MB while streaming%n",
                    parser, maxRss[0]);
        }
        boolean ok = o.rows == ROWS && o.status == null;
        if (!ok) {
            System.out.println("FAILED: expected " + ROWS + " rows and no trailing QUERY_STATUS");
        }
        return ok ? o.rows / secs : Double.NaN;
    }

    record Outcome(long rows, long firstRow, String status) {
    }

    /** STIL's streaming parser, every cell decoded. */
    static Outcome stil(InputStream in, long t0) throws IOException {
        long[] rows = {0};
        long[] first = {0};
        new VOTableBuilder().streamStarTable(in, new TableSink() {
            public void acceptMetadata(StarTable meta) {
            }

            public void acceptRow(Object[] row) {
                if (rows[0]++ == 0) {
                    first[0] = System.nanoTime();
                }
            }

            public void endRows() {
            }
        }, null);
        // STIL reads the table, not the INFO after it; the fast parser checks that one.
        return new Outcome(rows[0], first[0], null);
    }

    static final Pattern FIELD = Pattern.compile("<FIELD\\b([^>]*)>");
    static final Pattern ATTR = Pattern.compile("(\\w+)=[\"']([^\"']*)[\"']");

    /**
     * A minimal streaming BINARY2 reader: FIELD datatypes and arraysizes from the header, then the base64 STREAM
     * decoded on the fly and walked row by row (null mask, fixed-size cells, 4-byte counts for variable arrays).
     * The rows are counted, not converted; the closing INFO after the table gives OVERFLOW or ERROR if any.
     */
    static Outcome fast(InputStream in, long t0) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while (true) {
            b = in.read();
            if (b < 0) {
                throw new IOException("no <STREAM> in the response: " + head);
            }
            head.append((char) b);
            int n = head.length();
            if (b == '>' && head.lastIndexOf("<STREAM") >= 0) {
                break;
            }
            if (n > 10_000_000) {
                throw new IOException("header too long");
            }
        }
        if (head.indexOf("<BINARY2") < 0) {
            throw new IOException("not a BINARY2 VOTable: " + head);
        }
        List<int[]> fields = new ArrayList<>(); // {element bytes, fixed count or -1 for variable}
        Matcher m = FIELD.matcher(head);
        while (m.find()) {
            String type = null;
            String arraysize = null;
            Matcher a = ATTR.matcher(m.group(1));
            while (a.find()) {
                if (a.group(1).equals("datatype")) {
                    type = a.group(2);
                } else if (a.group(1).equals("arraysize")) {
                    arraysize = a.group(2);
                }
            }
            int size = switch (type) {
                case "boolean", "bit", "unsignedByte", "char" -> 1;
                case "short", "unicodeChar" -> 2;
                case "int", "float" -> 4;
                case "long", "double", "floatComplex" -> 8;
                case "doubleComplex" -> 16;
                default -> throw new IOException("unknown datatype " + type);
            };
            int count = 1;
            if (arraysize != null) {
                if (arraysize.endsWith("*")) {
                    count = -1;
                } else {
                    count = 1;
                    for (String d : arraysize.split("x")) {
                        count *= Integer.parseInt(d);
                    }
                }
            }
            fields.add(new int[] {size, count});
        }
        RowWalker rows = new RowWalker(fields);
        // base64, skipping whitespace, until '<' (</STREAM>)
        byte[] buf = new byte[1 << 16];
        byte[] out = new byte[(buf.length / 4) * 3 + 3];
        int quad = 0;
        int acc = 0;
        long firstRow = 0;
        boolean done = false;
        StringBuilder tail = new StringBuilder();
        while (!done) {
            int n = in.read(buf);
            if (n < 0) {
                throw new IOException("the response ended inside the STREAM, after " + rows.rows + " rows");
            }
            int o = 0;
            for (int i = 0; i < n; i++) {
                int c = buf[i];
                int v = c >= 0 ? B64[c] : -1;
                if (v >= 0) {
                    acc = (acc << 6) | v;
                    if (++quad == 4) {
                        out[o++] = (byte) (acc >> 16);
                        out[o++] = (byte) (acc >> 8);
                        out[o++] = (byte) acc;
                        quad = 0;
                        acc = 0;
                    }
                } else if (c == '=') {
                    // padding: flush 1 or 2 bytes
                    if (quad == 2) {
                        out[o++] = (byte) (acc >> 4);
                    } else if (quad == 3) {
                        out[o++] = (byte) (acc >> 10);
                        out[o++] = (byte) (acc >> 2);
                    }
                    quad = -100; // ignore the second '='
                } else if (c == '<') {
                    done = true;
                    tail.append(new String(buf, i, n - i, StandardCharsets.ISO_8859_1));
                    break;
                }
            }
            if (o > 0) {
                rows.accept(out, o);
                if (firstRow == 0 && rows.rows > 0) {
                    firstRow = System.nanoTime();
                }
            }
        }
        if (!rows.atRowStart()) {
            throw new IOException("the STREAM ends inside a row");
        }
        tail.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        String status = null;
        Matcher info = Pattern.compile("<INFO[^>]*name=\"QUERY_STATUS\"[^>]*value=\"(\\w+)\"").matcher(tail);
        if (info.find()) {
            status = info.group(1);
        }
        if (!tail.toString().contains("</VOTABLE>")) {
            throw new IOException("the document is not closed: " + tail);
        }
        return new Outcome(rows.rows, firstRow, status);
    }

    static final int[] B64 = new int[128];

    static {
        java.util.Arrays.fill(B64, -1);
        String a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < a.length(); i++) {
            B64[a.charAt(i)] = i;
        }
    }

    /** Walks BINARY2 rows: the null mask, then each cell (variable arrays carry a 4-byte big-endian count). */
    static final class RowWalker {
        final int[] size;
        final int[] count;
        final int mask;
        long rows;
        int part = -1; // -1: null mask; i: field i
        long remaining;
        boolean readingCount;
        int countBytes;
        int countValue;

        RowWalker(List<int[]> fields) {
            size = new int[fields.size()];
            count = new int[fields.size()];
            for (int i = 0; i < size.length; i++) {
                size[i] = fields.get(i)[0];
                count[i] = fields.get(i)[1];
            }
            mask = (size.length + 7) / 8;
            remaining = mask;
        }

        boolean atRowStart() {
            return part == -1 && remaining == mask && !readingCount;
        }

        void accept(byte[] b, int len) {
            int i = 0;
            while (i < len) {
                if (readingCount) {
                    countValue = (countValue << 8) | (b[i++] & 0xff);
                    if (++countBytes == 4) {
                        readingCount = false;
                        remaining = (long) countValue * size[part];
                        if (remaining == 0) {
                            advance();
                        }
                    }
                    continue;
                }
                long n = Math.min(remaining, len - i);
                i += (int) n;
                remaining -= n;
                if (remaining == 0) {
                    advance();
                }
            }
        }

        private void advance() {
            while (true) {
                part++;
                if (part == size.length) {
                    rows++;
                    part = -1;
                    remaining = mask;
                    return;
                }
                if (count[part] < 0) {
                    readingCount = true;
                    countBytes = 0;
                    countValue = 0;
                    return;
                }
                remaining = (long) count[part] * size[part];
                if (remaining > 0) {
                    return;
                }
            }
        }
    }

    static final class CountingStream extends java.io.FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    /** A tiny query: the server must still answer (200, QUERY_STATUS OK). */
    static String smallQuery(HttpClient http, String tap) throws Exception {
        String form = "REQUEST=doQuery&LANG=ADQL&QUERY=" + URLEncoder.encode(
                "SELECT TOP 3 objectId, coord_ra, coord_dec FROM demo_dr1.Object", StandardCharsets.UTF_8);
        long t0 = System.nanoTime();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(tap + "/sync"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        boolean ok = r.statusCode() == 200 && r.body().contains("value=\"OK\"") && r.body().contains("</VOTABLE>");
        if (!ok) {
            throw new IllegalStateException("the server does not answer properly: HTTP " + r.statusCode() + " "
                    + r.body());
        }
        return String.format(Locale.ROOT, "HTTP 200, QUERY_STATUS OK in %.0f ms", (System.nanoTime() - t0) / 1e6);
    }

    static double rssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    /**
     * The same SQL straight over JDBC as the service runs it (autocommit off, fetch size 5000), every cell read:
     * once as the service's data source does (pgjdbc's default: a one-off statement gets its rows as text), once
     * with prepareThreshold=-1 (server-prepared at once, so rows come in binary), which is what the JDBC side could
     * reach with a configuration change.
     */
    static void viaJdbc(String jdbc) throws Exception {
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setURL(jdbc);
        String sql = org.vosuite.tap.TapService.adqlOnPostgres(ds, "TAP_SCHEMA", org.vosuite.tap.TapLimits.DEFAULT)
                .translate(QUERY, ROWS).sql();
        String binary = jdbc + (jdbc.contains("?") ? "&" : "?") + "prepareThreshold=-1";
        for (String url : new String[] {jdbc, binary}) {
            long t0 = System.nanoTime();
            long rows = 0;
            try (Connection c = DriverManager.getConnection(url)) {
                c.setAutoCommit(false);
                try (PreparedStatement st = c.prepareStatement(sql)) {
                    st.setFetchSize(5000);
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            rs.getLong(1);
                            rs.getDouble(2);
                            rs.getDouble(3);
                            rs.getFloat(4);
                            rs.getDouble(5);
                            rows++;
                        }
                    }
                }
                c.rollback();
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "[JDBC, same SQL, fetch size 5000, %s] %,d rows in %.2f s: %,.0f rows/s%n",
                    url == jdbc ? "rows as text (pgjdbc default, as the service)"
                            : "prepareThreshold=-1: rows in binary", rows, secs, rows / secs);
        }
    }
}

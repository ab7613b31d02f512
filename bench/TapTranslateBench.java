import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.postgresql.ds.PGSimpleDataSource;
import org.vosuite.tap.TapLimits;
import org.vosuite.tap.TapService;
import org.vosuite.tap.adql.AdqlParser;

/**
 * Benchmark (run on demand, never in tests): the time from ADQL text to the SQL PostgreSQL runs, per query, as the
 * sync endpoint spends it before touching the data: {@code AdqlParser.parse} alone, and parse + validate +
 * translate through {@code TapService.translate} (which keeps the TAP_SCHEMA metadata and re-checks its fingerprint
 * at most every 30 s). One thread; a warm-up of every query first, then the measured iterations round-robin over
 * the queries; median, p90, p99 and the cold first call.
 *
 * <pre>
 *   java -cp app/target/vo.jar bench/TapTranslateBench.java JDBC_URL [--iterations 2000] [--warmup 2000]
 * </pre>
 * JDBC_URL is the {@code database:} line {@code ./vo demo} prints (TAP_SCHEMA is read from it once).
 */
public class TapTranslateBench {
    static final Map<String, String> QUERIES = new LinkedHashMap<>();

    static {
        QUERIES.put("cone", "SELECT objectId, coord_ra, coord_dec, g_psfFlux, r_psfFlux, i_psfFlux FROM "
                + "demo_dr1.Object WHERE CONTAINS(POINT(coord_ra, coord_dec), CIRCLE(160.12, -2.31, 0.2)) = 1");
        QUERIES.put("cone, DISTANCE, ORDER BY", "SELECT TOP 100 objectId, coord_ra, coord_dec, "
                + "DISTANCE(POINT('ICRS', coord_ra, coord_dec), POINT('ICRS', 160.12, -2.31)) AS dist "
                + "FROM demo_dr1.Object WHERE 1 = CONTAINS(POINT('ICRS', coord_ra, coord_dec), "
                + "CIRCLE('ICRS', 160.12, -2.31, 0.05)) AND r_psfFlux > 1000 ORDER BY dist");
        QUERIES.put("join (3 tables)", "SELECT TOP 1000 o.objectId, o.coord_ra, o.coord_dec, s.sourceId, s.psfFlux, "
                + "s.midpointMjdTai, v.band, v.seeing FROM demo_dr1.Object AS o JOIN demo_dr1.Source AS s "
                + "ON s.objectId = o.objectId JOIN demo_dr1.CcdVisit AS v ON v.ccdVisitId = s.ccdVisitId "
                + "WHERE CONTAINS(POINT(o.coord_ra, o.coord_dec), CIRCLE(160.12, -2.31, 0.1)) = 1 "
                + "ORDER BY o.objectId, s.midpointMjdTai");
        QUERIES.put("aggregate", "SELECT band, COUNT(*) AS n, AVG(psfFlux) AS mean_flux, MIN(midpointMjdTai) AS "
                + "first_mjd, MAX(midpointMjdTai) AS last_mjd FROM demo_dr1.Source WHERE psfFlux > 1000 "
                + "GROUP BY band HAVING COUNT(*) > 10 ORDER BY band");
        QUERIES.put("TAP_SCHEMA", "SELECT c.column_name, c.datatype, c.unit, c.ucd, c.description FROM "
                + "TAP_SCHEMA.columns AS c JOIN TAP_SCHEMA.tables AS t ON t.table_name = c.table_name "
                + "WHERE t.schema_name = 'demo_dr1' AND t.table_name = 'demo_dr1.Object' ORDER BY c.column_index");
        QUERIES.put("SELECT * (wide table)", "SELECT TOP 10 * FROM demo_dr1.Object");
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: TapTranslateBench JDBC_URL [--iterations 2000] [--warmup 2000]");
            System.exit(2);
        }
        int iterations = 2000;
        int warmup = 2000;
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--iterations" -> iterations = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(args[0]);
        TapService service = TapService.adqlOnPostgres(ds, "TAP_SCHEMA", TapLimits.DEFAULT);
        long maxRec = TapLimits.DEFAULT.defaultMaxRec();
        String[] names = QUERIES.keySet().toArray(String[]::new);
        String[] adql = QUERIES.values().toArray(String[]::new);
        int q = adql.length;

        // Cold: the first call of each (the first one also loads TAP_SCHEMA and initialises Calcite).
        double[] cold = new double[q];
        for (int k = 0; k < q; k++) {
            long t0 = System.nanoTime();
            service.translate(adql[k], maxRec);
            cold[k] = (System.nanoTime() - t0) / 1e6;
        }
        for (int i = 0; i < warmup; i++) {
            for (int k = 0; k < q; k++) {
                AdqlParser.parse(adql[k]);
                service.translate(adql[k], maxRec);
            }
        }
        long[][] parse = new long[q][iterations];
        long[][] translate = new long[q][iterations];
        long sink = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            for (int k = 0; k < q; k++) {
                long a = System.nanoTime();
                sink += AdqlParser.parse(adql[k]).hashCode();
                long b = System.nanoTime();
                sink += service.translate(adql[k], maxRec).sql().length();
                long c = System.nanoTime();
                parse[k][i] = b - a;
                translate[k][i] = c - b;
            }
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%d warm-up + %d measured iterations per query, one thread, %.1f s "
                + "(checksum %d)%n", warmup, iterations, wall, sink & 0xff);
        System.out.printf(Locale.ROOT, "%-26s %9s | %-31s | %-31s%n", "", "", "AdqlParser.parse (ms)",
                "TapService.translate (ms)");
        System.out.printf(Locale.ROOT, "%-26s %9s | %9s %9s %9s | %9s %9s %9s  %s%n", "query", "cold ms", "median",
                "p90", "p99", "median", "p90", "p99", "max");
        long[] allTranslate = new long[q * iterations];
        for (int k = 0; k < q; k++) {
            Arrays.sort(parse[k]);
            Arrays.sort(translate[k]);
            System.arraycopy(translate[k], 0, allTranslate, k * iterations, iterations);
            System.out.printf(Locale.ROOT, "%-26s %9.1f | %9.3f %9.3f %9.3f | %9.3f %9.3f %9.3f  %.1f%n", names[k],
                    cold[k], ms(parse[k], 0.5), ms(parse[k], 0.9), ms(parse[k], 0.99), ms(translate[k], 0.5),
                    ms(translate[k], 0.9), ms(translate[k], 0.99), translate[k][iterations - 1] / 1e6);
        }
        Arrays.sort(allTranslate);
        System.out.printf(Locale.ROOT, "all queries: parse + translate median %.3f ms, p90 %.3f ms (target: median "
                + "<= 2 ms)%n", ms(allTranslate, 0.5), ms(allTranslate, 0.9));
        for (int k = 0; k < q; k++) {
            System.out.println("  " + names[k] + ": " + adql[k]);
        }
    }

    static double ms(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))] / 1e6;
    }
}

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.vosuite.common.db.EmbeddedDatabase;
import org.vosuite.common.sky.SkyMath;
import org.vosuite.felis.ddl.Dialect;
import org.vosuite.obscore.config.ObsCoreConfig;
import org.vosuite.obscore.exec.Backfill;
import org.vosuite.obscore.exec.ObsCoreTable;
import org.vosuite.obscore.live.LiveRunner;
import org.vosuite.obscore.live.Outbox;
import org.vosuite.obscore.region.SphgeomCodec;
import org.vosuite.obscore.registry.ExportFile;
import org.vosuite.obscore.registry.RegistryImporter;
import org.vosuite.obscore.registry.RegistryReader;

/**
 * Benchmark (run on demand, never in tests): obscore-live on PostgreSQL (an embedded server in a temporary folder).
 * <ol>
 * <li>backfill: a registry with N calexp datasets (default 1,000,000: 5,292 visits × 189 detectors, each with its
 * visit_detector_region polygon) turned into ivoa.ObsCore rows; rows/s (target ≥ 50,000);</li>
 * <li>live lag: datasets inserted into the registry at R per second (default 200) for S seconds while the live
 * runner runs; the lag from each insert's commit to its row being in ivoa.ObsCore, p50/p99 (target p99 ≤ 1 s).</li>
 * </ol>
 * <pre>
 *   java -cp app/target/vo.jar bench/ObsCoreBench.java [--datasets 1000000] [--rate 200] [--seconds 20]
 * </pre>
 */
public class ObsCoreBench {
    public static void main(String[] args) throws Exception {
        int datasets = 1_000_000;
        int rate = 200;
        int seconds = 20;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--datasets" -> datasets = Integer.parseInt(args[i + 1]);
                case "--rate" -> rate = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path dir = Files.createTempDirectory("obscore-bench");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("pg"), 0)) {
            String regUrl = db.ensureDatabase("registry");
            String tgtUrl = db.ensureDatabase("target");
            Path cfg = dir.resolve("obscore.yaml");
            Files.writeString(cfg, """
                    facility_name: Bench Observatory
                    obs_collection: Bench
                    collections: ["bench/.*"]
                    obs_publisher_did_fmt: "ivo://bench/obscore?{id}"
                    dataset_types:
                      calexp:
                        dataproduct_type: image
                        dataproduct_subtype: lsst.calexp
                        calib_level: 2
                        obs_id_fmt: "{visit}_{detector}"
                        datalink_url_fmt: "https://bench/api/datalink/links?ID={id}"
                    spectral_ranges:
                      r: [5.52e-07, 6.91e-07]
                    """);
            ObsCoreConfig config = ObsCoreConfig.read(cfg);
            try (Connection reg = DriverManager.getConnection(regUrl);
                    Connection tgt = DriverManager.getConnection(tgtUrl)) {
                long t0 = System.nanoTime();
                int visits = build(reg, dir, datasets);
                System.out.printf(Locale.ROOT, "registry: %d calexp datasets over %d visits x 189 detectors built "
                        + "in %.1f s%n", datasets, visits, (System.nanoTime() - t0) / 1e9);
                long tr = System.nanoTime();
                long[] count = {0};
                RegistryReader.DatasetType type = new RegistryReader(reg).datasetTypes().get("calexp");
                new RegistryReader(reg).datasets(type, new RegistryReader.Selection(x -> true, null), d -> count[0]++);
                double readS = (System.nanoTime() - tr) / 1e9;
                long tb = System.nanoTime();
                Backfill.rows(config, new RegistryReader(reg), row -> count[0]++);
                double buildS = (System.nanoTime() - tb) / 1e9;
                System.out.printf(Locale.ROOT, "reading the registry alone: %.0f datasets/s; reading and building "
                        + "rows: %.0f rows/s%n", datasets / readS, datasets / buildS);
                ObsCoreTable table = ObsCoreTable.open(tgt);
                List<org.vosuite.obscore.build.ObsCoreRow> all = new ArrayList<>();
                Backfill.rows(config, new RegistryReader(reg), all::add);
                long tw = System.nanoTime();
                for (int i = 0; i < all.size(); i += 5000) {
                    table.write(all.subList(i, Math.min(all.size(), i + 5000)));
                }
                double writeS = (System.nanoTime() - tw) / 1e9;
                System.out.printf(Locale.ROOT, "writing prepared rows alone: %.0f rows/s%n", all.size() / writeS);
                all.clear();
                try (Statement s = tgt.createStatement()) {
                    s.execute("TRUNCATE ivoa.\"ObsCore\", vosuite_obscore.dataset");
                }
                long t1 = System.nanoTime();
                Backfill.Result r = Backfill.into(table, config, new RegistryReader(reg), 5000);
                double s = (System.nanoTime() - t1) / 1e9;
                System.out.printf(Locale.ROOT, "backfill: %d rows in %.1f s: %.0f rows/s (target >= 50,000)%n",
                        r.rows(), s, r.rows() / s);
                lag(reg, regUrl, tgt, table, config, rate, seconds, visits);
            }
        }
    }

    /** Registry tables from a minimal export, then visits, regions and datasets in bulk; returns the visit count. */
    static int build(Connection reg, Path dir, int datasets) throws Exception {
        StringBuilder y = new StringBuilder("""
                version: 1.0.2
                universe_version: 7
                data:
                - {type: dimension, element: instrument, records: [{name: BenchCam}]}
                - {type: dimension, element: physical_filter, records: [{instrument: BenchCam, name: r1, band: r}]}
                - {type: dimension, element: day_obs, records: [{instrument: BenchCam, id: 20250101}]}
                - type: dimension
                  element: detector
                  records:
                """);
        for (int d = 0; d < 189; d++) {
            y.append("  - {instrument: BenchCam, id: ").append(d).append(", full_name: D").append(d).append("}\n");
        }
        y.append("- {type: collection, collection_type: RUN, name: bench/run}\n");
        y.append("- {type: dataset_type, name: calexp, dimensions: [instrument, detector, visit, band, "
                + "physical_filter, day_obs], storage_class: ExposureF}\n");
        Path export = dir.resolve("minimal.yaml");
        Files.writeString(export, y);
        RegistryImporter.load(ExportFile.read(export), reg, Dialect.POSTGRESQL);
        int visits = (datasets + 188) / 189;
        reg.setAutoCommit(false);
        try (PreparedStatement v = reg.prepareStatement("INSERT INTO visit (instrument, id, physical_filter, day_obs, "
                + "name, exposure_time, target_name, region, timespan_begin, timespan_end) VALUES ('BenchCam', ?, "
                + "'r1', 20250101, ?, 30, 'bench', ?, ?, ?)");
                PreparedStatement vdr = reg.prepareStatement("INSERT INTO visit_detector_region VALUES ('BenchCam', ?, "
                        + "?, ?)")) {
            long t0 = 1_735_700_000_000_000_000L;
            for (int i = 0; i < visits; i++) {
                double ra = 150 + (i % 100) * 0.2;
                double dec = -10 + (i / 100) * 0.2;
                v.setLong(1, i);
                v.setString(2, "v" + i);
                v.setString(3, box(ra, dec, 1.75));
                v.setLong(4, t0 + i * 40_000_000_000L);
                v.setLong(5, t0 + i * 40_000_000_000L + 30_000_000_000L);
                v.addBatch();
                for (int d = 0; d < 189; d++) {
                    vdr.setLong(1, i);
                    vdr.setLong(2, d);
                    vdr.setString(3, box(ra - 1.5 + (d % 14) * 0.23, dec - 1.5 + (d / 14) * 0.23, 0.11));
                    vdr.addBatch();
                }
                if (i % 200 == 199) {
                    v.executeBatch();
                    vdr.executeBatch();
                }
            }
            v.executeBatch();
            vdr.executeBatch();
        }
        try (Statement s = reg.createStatement()) {
            s.execute("INSERT INTO dataset (id, dataset_type_id, run_id) SELECT md5('calexp' || g), 1, 1 FROM "
                    + "generate_series(0, " + (datasets - 1) + ") g");
            String tags;
            try (ResultSet rs = s.executeQuery("SELECT tag_association_table FROM dataset_type")) {
                rs.next();
                tags = rs.getString(1);
            }
            s.execute("INSERT INTO \"" + tags + "\" SELECT 1, md5('calexp' || g), 1, 'BenchCam', g % 189, g / 189 "
                    + "FROM generate_series(0, " + (datasets - 1) + ") g");
            s.execute("ANALYZE");
        }
        reg.commit();
        reg.setAutoCommit(true);
        return visits;
    }

    static String box(double ra, double dec, double hw) {
        List<double[]> v = List.of(SkyMath.unitVector(ra - hw, dec - hw), SkyMath.unitVector(ra + hw, dec - hw),
                SkyMath.unitVector(ra + hw, dec + hw), SkyMath.unitVector(ra - hw, dec + hw));
        return Base64.getEncoder().encodeToString(SphgeomCodec.encodePolygon(v));
    }

    static void lag(Connection reg, String regUrl, Connection tgt, ObsCoreTable table, ObsCoreConfig config,
            int rate, int seconds, int visits) throws Exception {
        Outbox.install(reg);
        AtomicBoolean stop = new AtomicBoolean();
        Thread runner = new Thread(() -> {
            try (Connection c = DriverManager.getConnection(regUrl)) {
                new LiveRunner(config, c, table, "bench", 1000).run(stop::get, 200);
            } catch (Exception e) {
                e.printStackTrace();
            }
        });
        runner.start();
        String tags;
        try (Statement s = reg.createStatement(); ResultSet rs = s.executeQuery("SELECT tag_association_table FROM "
                + "dataset_type")) {
            rs.next();
            tags = rs.getString(1);
        }
        int n = rate * seconds;
        long[] committed = new long[n];
        long[] seen = new long[n];
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            try (Connection c = DriverManager.getConnection(tgt.getMetaData().getURL());
                    PreparedStatement st = c.prepareStatement("SELECT dataset_id FROM vosuite_obscore.dataset WHERE "
                            + "dataset_id LIKE 'live%'")) {
                int found = 0;
                while (found < n && (writing.get() || found < n)) {
                    try (ResultSet rs = st.executeQuery()) {
                        long now = System.nanoTime();
                        while (rs.next()) {
                            int k = Integer.parseInt(rs.getString(1).substring(4));
                            if (seen[k] == 0) {
                                seen[k] = now;
                                found++;
                            }
                        }
                    }
                    Thread.sleep(5);
                    if (!writing.get() && System.nanoTime() - committed[n - 1] > 30_000_000_000L) {
                        break;
                    }
                }
            } catch (Exception e) {
                e.printStackTrace();
            }
        });
        watcher.start();
        try (PreparedStatement ds = reg.prepareStatement("INSERT INTO dataset (id, dataset_type_id, run_id) VALUES (?, "
                + "1, 1)");
                PreparedStatement tag = reg.prepareStatement("INSERT INTO \"" + tags + "\" VALUES (1, ?, 1, "
                        + "'BenchCam', ?, ?)")) {
            reg.setAutoCommit(false);
            long start = System.nanoTime();
            for (int k = 0; k < n; k++) {
                long due = start + (long) (k * 1e9 / rate);
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
                String id = String.format(Locale.ROOT, "live%028d", k);
                ds.setString(1, id);
                ds.executeUpdate();
                tag.setString(1, id);
                tag.setLong(2, k % 189);
                tag.setLong(3, k % visits);
                tag.executeUpdate();
                reg.commit();
                committed[k] = System.nanoTime();
            }
        }
        writing.set(false);
        watcher.join();
        stop.set(true);
        runner.join(5000);
        List<Double> lags = new ArrayList<>();
        int missing = 0;
        for (int k = 0; k < n; k++) {
            if (seen[k] == 0) {
                missing++;
            } else {
                lags.add(Math.max(0, seen[k] - committed[k]) / 1e6);
            }
        }
        Collections.sort(lags);
        System.out.printf(Locale.ROOT, "live: %d datasets inserted at %d/s; lag from commit to ObsCore row: p50 %.0f "
                + "ms, p99 %.0f ms, max %.0f ms (target p99 <= 1000 ms; watcher polls every 5 ms); %d never "
                + "appeared%n", n, rate, lags.get(lags.size() / 2), lags.get((int) (lags.size() * 0.99)),
                lags.get(lags.size() - 1), missing);
    }
}

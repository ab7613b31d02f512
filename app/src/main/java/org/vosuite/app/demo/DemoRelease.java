package org.vosuite.app.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.vosuite.felis.ddl.Database;
import org.vosuite.felis.ddl.DdlGenerator;
import org.vosuite.felis.ddl.DdlOptions;
import org.vosuite.felis.ddl.Dialect;
import org.vosuite.felis.model.Schema;
import org.vosuite.felis.tap.TapRows;
import org.vosuite.felis.tap.TapSchemaDatabase;
import org.vosuite.hips.HipsOptions;
import org.vosuite.hips.build.ColorBuilder;
import org.vosuite.hips.build.HipsBuilder;
import org.vosuite.obscore.build.RowBuilder;
import org.vosuite.obscore.config.ObsCoreConfig;
import org.vosuite.obscore.config.ObsCoreConfigException;
import org.vosuite.obscore.demo.DemoObsCore;
import org.vosuite.obscore.registry.ExportFile;
import org.vosuite.sdm.SdmSchemas;

/**
 * Publishes the demo data release into a PostgreSQL database, the way a data engineer would with felis: DDL from
 * the sdm_schemas models, rows bulk-generated, then keys and indexes, then TAP_SCHEMA. A marker row records a
 * finished build, so a later start reuses the data and an interrupted build is redone from scratch.
 */
public final class DemoRelease {
    static final String MARKER_SCHEMA = "vosuite_demo";
    static final String[] MODELS = {"demo_dr1.yaml", "ivoa_obscore.yaml"};

    private DemoRelease() {
    }

    /**
     * Where the parts of a full release live in the data folder: the Butler datastore with the images and the
     * registry, the export file it was imported from, and the HiPS surveys.
     */
    public record DataFolder(Path dataDir) {
        public Path repo() {
            return dataDir.resolve("repo");
        }

        public Path export() {
            return repo().resolve("export.yaml");
        }

        public String registryUrl() {
            return "jdbc:sqlite:" + repo().resolve("gen3.sqlite3").toAbsolutePath();
        }

        public Path hips() {
            return dataDir.resolve("hips");
        }

        boolean complete() {
            return java.nio.file.Files.isRegularFile(export()) && java.nio.file.Files.isRegularFile(
                    repo().resolve("gen3.sqlite3")) && java.nio.file.Files.isRegularFile(hips().resolve(COLOR)
                    .resolve("properties"));
        }
    }

    /** The colour survey's folder name. */
    public static final String COLOR = "color";

    /** True when a complete release of this size is already in the database (and, for a full one, its files). */
    public static boolean isBuilt(String jdbcUrl, DemoCatalog.Size size, DataFolder files) throws SQLException {
        if (files != null && !files.complete()) {
            return false;
        }
        return isBuilt(jdbcUrl, size);
    }

    /** True when a complete release of this size is already in the database. */
    public static boolean isBuilt(String jdbcUrl, DemoCatalog.Size size) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT 1 FROM information_schema.tables WHERE table_schema = '"
                        + MARKER_SCHEMA + "' AND table_name = 'build'")) {
            if (!rs.next()) {
                return false;
            }
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT size FROM " + MARKER_SCHEMA + ".build")) {
            return rs.next() && rs.getString(1).equals(size.name());
        }
    }

    /** The catalog only, with the DemoCam test registry's ObsCore rows (an in-memory registry, no files). */
    public static void build(String jdbcUrl, DemoCatalog.Size size, PrintStream progress)
            throws SQLException, Database.DatabaseException, DemoBuildException {
        build(jdbcUrl, size, null, null, progress);
    }

    /**
     * The whole release: the catalog, then (when {@code files} is given) the images rendered from it, their
     * Butler registry imported from a written export file, ObsCore backfilled from the registry with access URLs
     * at {@code linksUrl}, and the HiPS surveys.
     */
    public static void build(String jdbcUrl, DemoCatalog.Size size, DataFolder files, String linksUrl,
            PrintStream progress) throws SQLException, Database.DatabaseException, DemoBuildException {
        List<Schema> models = new ArrayList<>();
        for (String m : MODELS) {
            models.add(SdmSchemas.model(m));
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl)) {
            try (Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + MARKER_SCHEMA + " CASCADE");
                s.execute("DROP SCHEMA IF EXISTS \"" + TapSchemaDatabase.DEFAULT_NAME + "\" CASCADE");
                // the live ObsCore bookkeeping of an earlier build (dataset ids, watermark) belongs to its registry
                s.execute("DROP SCHEMA IF EXISTS vosuite_obscore CASCADE");
            }
            List<String> later = new ArrayList<>();
            for (Schema m : models) {
                List<String> all = new DdlGenerator(Dialect.POSTGRESQL, new DdlOptions(null, false, true, false,
                        false)).statements(m);
                // Tables first; foreign keys and indexes after the bulk load, which is much faster that way.
                List<String> now = all.stream().filter(sql -> !sql.startsWith("ALTER TABLE")
                        && !sql.startsWith("CREATE INDEX")).toList();
                Database.execute(c, Dialect.POSTGRESQL, now);
                later.addAll(all.stream().filter(sql -> !now.contains(sql)).toList());
            }
            try {
                org.vosuite.tap.TapService.installGeometry(c);
            } catch (java.io.IOException e) {
                throw new UncheckedIOException(e);
            }
            // Spatial index for the service's HEALPix strategy (the embedded database has no pg_sphere).
            later.add("CREATE INDEX object_healpix12 ON demo_dr1.\"Object\" (vosuite.healpix12(coord_ra, coord_dec))");
            later.add("CREATE INDEX source_healpix12 ON demo_dr1.\"Source\" (vosuite.healpix12(ra, dec))");
            c.setAutoCommit(false);
            DemoCatalog.generate(c, "demo_dr1", size, progress);
            c.commit();
            DemoCatalog.step(progress, "keys and indexes", () -> Database.execute(c, Dialect.POSTGRESQL, later));
            c.setAutoCommit(true);
            // Store rows in HEALPix order: a cone search then reads a few pages instead of one page per row
            // (measured: pooled JDBC cone throughput 180 -> 298 queries/s on the medium release).
            DemoCatalog.step(progress, "spatial clustering", () -> {
                try (Statement s = c.createStatement()) {
                    s.execute("CLUSTER demo_dr1.\"Object\" USING object_healpix12");
                    s.execute("CLUSTER demo_dr1.\"Source\" USING source_healpix12");
                }
            });
            if (files == null) {
                // ObsCore: the DemoCam Butler registry (in memory: read once) published as vo obscore does
                DemoCatalog.step(progress, "ObsCore from the DemoCam registry",
                        () -> DemoObsCore.load("jdbc:sqlite::memory:", c));
            } else {
                DemoCatalog.step(progress, "images", () -> DemoImages.write(c, files.repo(),
                        Runtime.getRuntime().availableProcessors(), progress));
                DemoCatalog.step(progress, "Butler registry and ObsCore", () -> registry(c, files, linksUrl));
                DemoCatalog.step(progress, "HiPS surveys", () -> hips(files, progress));
            }
            DemoCatalog.step(progress, "table statistics", () -> {
                try (Statement s = c.createStatement()) {
                    s.execute("ANALYZE");
                }
            });
            TapSchemaDatabase tap = new TapSchemaDatabase(Dialect.POSTGRESQL, null, null);
            Database.execute(c, Dialect.POSTGRESQL, tap.initStatements(true));
            int index = 1;
            for (Schema m : models) {
                tap.load(c, TapRows.derive(m, index++, false));
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + MARKER_SCHEMA);
                s.execute("CREATE TABLE " + MARKER_SCHEMA + ".build (size text NOT NULL, built timestamptz NOT NULL)");
                s.execute("INSERT INTO " + MARKER_SCHEMA + ".build VALUES ('" + size.name() + "', now())");
            }
        }
    }

    /**
     * Points ObsCore's access URLs at {@code linksUrl} (a later run may serve on another port than the one the
     * release was built for).
     */
    public static void pointAccessUrls(String jdbcUrl, String linksUrl) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl);
                var s = c.prepareStatement("UPDATE ivoa.\"ObsCore\" SET access_url = regexp_replace(access_url, "
                        + "'^[a-z]+://[^?]*/datalink/links', ?) WHERE access_url NOT LIKE ? || '?%'")) {
            s.setString(1, linksUrl);
            s.setString(2, linksUrl);
            s.executeUpdate();
        }
    }

    /** Writes the export file, imports it into a new SQLite registry and backfills ObsCore from it. */
    private static void registry(Connection c, DataFolder files, String linksUrl) throws SQLException,
            IOException, ExportFile.ExportException, ObsCoreConfigException, Database.DatabaseException,
            RowBuilder.RowException {
        DemoButlerExport.write(files.export());
        java.nio.file.Files.deleteIfExists(files.repo().resolve("gen3.sqlite3"));
        try (Statement s = c.createStatement()) {
            s.execute("DELETE FROM ivoa.\"ObsCore\"");
        }
        ExportFile export = ExportFile.read(files.export());
        DemoObsCore.publish(export, obsCoreConfig(linksUrl), files.registryUrl(), files.repo(), c);
    }

    /** The demo's dax_obscore configuration, with access URLs at {@code linksUrl}. */
    public static ObsCoreConfig obsCoreConfig(String linksUrl) throws IOException, ObsCoreConfigException {
        try (InputStream in = DemoRelease.class.getResourceAsStream(OBSCORE_CONFIG)) {
            return DemoObsCore.config(OBSCORE_CONFIG, new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    linksUrl);
        }
    }

    static final String OBSCORE_CONFIG = "/org/vosuite/app/demo/demo-obscore.yaml";

    /** Band wavelength ranges in metres (as ObsCore's em_min/em_max). */
    static final double[][] EM = {{4.0e-7, 5.52e-7}, {5.52e-7, 6.91e-7}, {6.91e-7, 8.18e-7}};

    /** A HiPS survey per band from its calexps, then the colour survey (i, r, g as red, green, blue). */
    private static void hips(DataFolder files, PrintStream progress) throws IOException, InterruptedException {
        PrintWriter out = new PrintWriter(progress, true);
        List<DemoSky.Ccd> ccds = DemoSky.ccds();
        List<Path> bands = new ArrayList<>();
        for (int b = 0; b < DemoSky.BANDS.length; b++) {
            String band = DemoSky.BANDS[b];
            List<Path> inputs = ccds.stream().filter(ccd -> ccd.visit().band().equals(band))
                    .map(ccd -> files.repo().resolve(DemoImages.calexpPath(ccd.visit().id(), ccd.detector())))
                    .toList();
            Path survey = files.hips().resolve(band);
            deleteTree(survey);
            HipsBuilder.build(new HipsOptions(inputs, survey, -1, null, null, 512, "equatorial", null,
                    List.of("fits", "png"), Runtime.getRuntime().availableProcessors(), "Demo DR1 " + band
                            + " band", "ivo://demo.org/P/dr1/" + band, EM[b], "bilinear", "mean", 512L << 20,
                    false), out);
            bands.add(survey);
        }
        Path color = files.hips().resolve(COLOR);
        deleteTree(color);
        ColorBuilder.build(List.of(bands.get(2), bands.get(1), bands.get(0)), color,
                // black at zero flux: the calexps are sky-subtracted
                "ivo://demo.org/P/dr1/color", "Demo DR1 colour (i, r, g)", new double[3], Double.NaN, 8,
                List.of("png", "jpg"), out);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!java.nio.file.Files.exists(dir)) {
            return;
        }
        try (var all = java.nio.file.Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(p);
            }
        }
    }
}

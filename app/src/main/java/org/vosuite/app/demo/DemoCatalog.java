package org.vosuite.app.demo;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.vosuite.common.db.CopyLoader;

/**
 * The synthetic demo catalog: visits generated inside PostgreSQL, objects and sources generated here and loaded
 * in bulk with COPY (as a release's pipeline output is). Deterministic: fixed seeds and no parallel workers give the
 * same rows on every machine.
 * Objects are spread uniformly over about 300 square degrees (RA 150–170°, Dec −10–+5°); each object has sources
 * on a few of the CCD visits.
 */
public final class DemoCatalog {
    /** Demo sizes: objects, sources per object, visits. */
    public enum Size {
        SMALL(100_000, 2, 20), MEDIUM(1_000_000, 3, 60);

        final int objects;
        final int sourcesPerObject;
        final int visits;

        Size(int objects, int sourcesPerObject, int visits) {
            this.objects = objects;
            this.sourcesPerObject = sourcesPerObject;
            this.visits = visits;
        }
    }

    static final String[] BANDS = {"u", "g", "r", "i", "z", "y"};
    /** Colour of each band relative to r, in magnitudes (a plain main-sequence-like star). */
    static final double[] COLOURS = {1.3, 0.5, 0.0, -0.2, -0.3, -0.35};
    static final int DETECTORS = 9;
    static final long SEED = 20261121L;

    private DemoCatalog() {
    }

    public static void generate(Connection c, String schema, Size size, PrintStream progress) throws SQLException,
            DemoBuildException {
        try (Statement s = c.createStatement()) {
            s.execute("SET max_parallel_workers_per_gather = 0");
            s.execute("SELECT setseed(0.20261121)");
            String q = "\"" + schema + "\".";
            step(progress, "visits", () -> s.execute(visits(q, size.visits)));
            step(progress, "CCD visits", () -> s.execute(ccdVisits(q)));
            Objects[] objects = new Objects[1];
            step(progress, String.format(Locale.ROOT, "%,d objects (COPY)", size.objects),
                    () -> objects[0] = objects(c, q, size.objects, SEED));
            step(progress, String.format(Locale.ROOT, "%,d sources (COPY)", (long) size.objects
                    * size.sourcesPerObject), () -> sources(c, q, objects[0], size.sourcesPerObject, SEED + 1));
        }
    }

    /** One step of the release build; whatever it throws besides SQL errors becomes a {@link DemoBuildException}. */
    interface Step {
        void run() throws Exception;
    }

    static void step(PrintStream progress, String what, Step step) throws SQLException, DemoBuildException {
        long t0 = System.nanoTime();
        progress.printf("  generating %s ...%n", what);
        try {
            step.run();
        } catch (SQLException e) {
            throw e;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new DemoBuildException("the demo's " + what + " could not be made: " + e.getMessage(), e);
        }
        progress.printf("  generated %s in %.1f s%n", what, (System.nanoTime() - t0) / 1e9);
    }

    static String visits(String q, int visits) {
        return "INSERT INTO " + q + "\"Visit\" (\"visitId\", band, physical_filter, ra, dec, \"skyRotation\", "
                + "azimuth, altitude, \"zenithDistance\", airmass, \"expTime\", \"obsStartMJD\", \"expMidptMJD\", "
                + "\"obsStart\", \"expMidpt\", \"dayObs\", \"seqNum\", \"nDetectors\", \"dataQuality\", "
                + "\"scienceProgram\", \"targetName\") "
                + "SELECT v, (ARRAY['u','g','r','i','z','y'])[1 + v % 6], 'demo_' || (ARRAY['u','g','r','i','z','y'])"
                + "[1 + v % 6], 150 + 20 * random(), -10 + 15 * random(), 360 * random(), 360 * random(), "
                + "50 + 30 * random(), 10 + 30 * random(), 1 + 0.4 * random(), 30, 61000 + v * 0.01, "
                + "61000 + v * 0.01 + 15 / 86400.0, TIMESTAMP '2025-11-17' + (v * 0.01) * INTERVAL '1 day', "
                + "TIMESTAMP '2025-11-17' + (v * 0.01 + 15 / 86400.0) * INTERVAL '1 day', 20251117, v, 9, 0, "
                + "'demo', 'field ' || (v % 4) FROM generate_series(1, " + visits + ") AS v";
    }

    static String ccdVisits(String q) {
        return "INSERT INTO " + q + "\"CcdVisit\" (\"ccdVisitId\", \"visitId\", detector, band, physical_filter, ra, "
                + "dec, \"expMidptMJD\", \"expTime\", \"zeroPoint\", seeing, \"psfSigma\", \"skyBg\", \"skyNoise\", "
                + "\"xSize\", \"ySize\", \"nPsfStar\", llcra, llcdec, ulcra, ulcdec, urcra, urcdec, lrcra, lrcdec) "
                + "SELECT v.\"visitId\" * 100 + d, v.\"visitId\", d, v.band, v.physical_filter, "
                + "v.ra + (d % 3 - 1) * 0.2, v.dec + (d / 3 - 1) * 0.2, v.\"expMidptMJD\", v.\"expTime\", "
                + "31.4, 0.6 + 0.4 * random(), 1.5 + random(), 100 + 50 * random(), 10 + 5 * random(), 2048, 2048, "
                + "(50 + 100 * random())::int, "
                + "v.ra + (d % 3 - 1) * 0.2 - 0.1, v.dec + (d / 3 - 1) * 0.2 - 0.1, "
                + "v.ra + (d % 3 - 1) * 0.2 - 0.1, v.dec + (d / 3 - 1) * 0.2 + 0.1, "
                + "v.ra + (d % 3 - 1) * 0.2 + 0.1, v.dec + (d / 3 - 1) * 0.2 + 0.1, "
                + "v.ra + (d % 3 - 1) * 0.2 + 0.1, v.dec + (d / 3 - 1) * 0.2 - 0.1 "
                + "FROM " + q + "\"Visit\" v CROSS JOIN generate_series(0, " + (DETECTORS - 1) + ") AS d "
                + "ORDER BY v.\"visitId\", d";
    }

    /** The objects' values the sources repeat: position and r-band PSF flux, its error and extendedness. */
    record Objects(double[] ra, double[] dec, double[] rFlux, double[] rFluxErr, double[] rExtendedness) {
    }

    static final List<String> OBJECT_COLUMNS;

    static {
        List<String> cols = new ArrayList<>(List.of("\"objectId\"", "coord_ra", "coord_dec", "\"coord_raErr\"",
                "\"coord_decErr\"", "\"refBand\"", "\"parentObjectId\"", "\"nChild\"", "\"nDetections\"",
                "\"detect_isPrimary\"", "\"detect_isIsolated\"", "tract", "patch", "ebv"));
        for (String band : BANDS) {
            cols.addAll(List.of("\"" + band + "_psfFlux\"", "\"" + band + "_psfFluxErr\"", "\"" + band
                    + "_psfFlux_flag\"", "\"" + band + "_cModelFlux\"", "\"" + band + "_cModelFluxErr\"", "\""
                    + band + "_extendedness\""));
        }
        OBJECT_COLUMNS = List.copyOf(cols);
    }

    /**
     * Objects spread uniformly over the footprint, magnitudes 18–26 (more faint than bright), a plain star colour,
     * loaded with COPY as a pipeline's output would be.
     */
    static Objects objects(Connection c, String q, int n, long seed) throws SQLException {
        Objects o = new Objects(new double[n], new double[n], new double[n], new double[n], new double[n]);
        SplittableRandom random = new SplittableRandom(seed);
        try (CopyLoader copy = CopyLoader.open(c, q + "\"Object\"", OBJECT_COLUMNS)) {
            for (int i = 0; i < n; i++) {
                double ra = 150 + 20 * random.nextDouble();
                double dec = -10 + 15 * random.nextDouble();
                double mag = 26 - 8 * Math.sqrt(random.nextDouble());
                double ext = random.nextDouble();
                double e = random.nextDouble();
                copy.add(i + 1L).add(ra).add(dec).add(0.00002 + 0.00001 * e).add(0.00002 + 0.00001 * e).add("r")
                        .add(0L).add(0L).add(Math.round(3 + 10 * e)).add(true).add(e > 0.2)
                        .add((long) (Math.floor((ra - 150) / 1.5) * 10 + Math.floor((dec + 10) / 1.5)))
                        .add((long) (Math.floor((ra - 150) / 0.15) % 10 * 10 + Math.floor((dec + 10) / 0.15) % 10))
                        .add(0.02 + 0.03 * e);
                for (int b = 0; b < BANDS.length; b++) {
                    // flux in nJy from an AB magnitude: 10^((31.4 - m) / 2.5)
                    double flux = Math.pow(10, (31.4 - (mag + COLOURS[b])) / 2.5);
                    double extendedness = ext > 0.7 ? 1.0 : 0.0;
                    copy.add(flux).add(flux * 0.02 + 30).add(false).add(flux * (1 + 0.1 * ext))
                            .add(flux * 0.03 + 40).add(extendedness);
                    if (BANDS[b].equals("r")) {
                        o.rFlux()[i] = flux;
                        o.rFluxErr()[i] = flux * 0.02 + 30;
                        o.rExtendedness()[i] = extendedness;
                    }
                }
                copy.endRow();
                o.ra()[i] = ra;
                o.dec()[i] = dec;
            }
        }
        return o;
    }

    static final List<String> SOURCE_COLUMNS = List.of("\"sourceId\"", "\"ccdVisitId\"", "\"objectId\"", "band",
            "ra", "dec", "\"raErr\"", "\"decErr\"", "x", "y", "\"xErr\"", "\"yErr\"", "\"midpointMjdTai\"",
            "\"psfFlux\"", "\"psfFluxErr\"", "\"apFlux\"", "\"apFluxErr\"", "extendedness", "\"psfFlux_flag\"",
            "\"pixelFlags_saturated\"", "\"pixelFlags_edge\"");

    /** Each object's sources on a few CCD visits (spread by a fixed rule), loaded with COPY. */
    static void sources(Connection c, String q, Objects o, int perObject, long seed) throws SQLException {
        List<Long> ids = new ArrayList<>();
        List<String> bands = new ArrayList<>();
        List<Double> mjds = new ArrayList<>();
        try (Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery("SELECT \"ccdVisitId\", band, "
                + "\"expMidptMJD\" FROM " + q + "\"CcdVisit\" ORDER BY \"ccdVisitId\"")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
                bands.add(rs.getString(2));
                mjds.add(rs.getDouble(3));
            }
        }
        int ccdVisits = ids.size();
        SplittableRandom random = new SplittableRandom(seed);
        try (CopyLoader copy = CopyLoader.open(c, q + "\"Source\"", SOURCE_COLUMNS)) {
            for (int i = 0; i < o.ra().length; i++) {
                long objectId = i + 1L;
                for (int k = 1; k <= perObject; k++) {
                    int cv = (int) ((objectId * 7 + k * 131L) % ccdVisits);
                    copy.add(objectId * 10 + k).add(ids.get(cv)).add(objectId).add(bands.get(cv))
                            .add(o.ra()[i] + 0.00003 * (random.nextDouble() - 0.5))
                            .add(o.dec()[i] + 0.00003 * (random.nextDouble() - 0.5)).add(0.00003).add(0.00003)
                            .add(2048 * random.nextDouble()).add(2048 * random.nextDouble()).add(0.05).add(0.05)
                            .add(mjds.get(cv)).add(o.rFlux()[i] * (0.95 + 0.1 * random.nextDouble()))
                            .add(o.rFluxErr()[i]).add(o.rFlux()[i] * (0.9 + 0.1 * random.nextDouble()))
                            .add(o.rFluxErr()[i] * 1.2).add(o.rExtendedness()[i]).add(false).add(false).add(false);
                    copy.endRow();
                }
            }
        }
    }
}

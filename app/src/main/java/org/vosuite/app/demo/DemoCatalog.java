package org.vosuite.app.demo;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The synthetic demo catalog, generated inside PostgreSQL so a million objects load in seconds without moving
 * rows through the JVM. Deterministic: a fixed seed and no parallel workers give the same rows on every machine.
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

    private DemoCatalog() {
    }

    public static void generate(Connection c, String schema, Size size, PrintStream progress) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET max_parallel_workers_per_gather = 0");
            s.execute("SELECT setseed(0.20261121)");
            String q = "\"" + schema + "\".";
            step(progress, "visits", () -> s.execute(visits(q, size.visits)));
            step(progress, "CCD visits", () -> s.execute(ccdVisits(q)));
            step(progress, String.format(Locale.ROOT, "%,d objects", size.objects),
                    () -> s.execute(objects(q, size.objects)));
            step(progress, String.format(Locale.ROOT, "%,d sources", (long) size.objects * size.sourcesPerObject),
                    () -> s.execute(sources(q, size.sourcesPerObject, size.visits * DETECTORS)));
        }
    }

    interface SqlStep {
        void run() throws SQLException;
    }

    static void step(PrintStream progress, String what, SqlStep step) throws SQLException {
        long t0 = System.nanoTime();
        progress.printf("  generating %s ...%n", what);
        step.run();
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

    static String objects(String q, int n) {
        List<String> cols = new ArrayList<>(List.of("\"objectId\"", "coord_ra", "coord_dec", "\"coord_raErr\"",
                "\"coord_decErr\"", "\"refBand\"", "\"parentObjectId\"", "\"nChild\"", "\"nDetections\"",
                "\"detect_isPrimary\"", "\"detect_isIsolated\"", "tract", "patch", "ebv"));
        List<String> vals = new ArrayList<>(List.of("i", "ra", "dec", "0.00002 + 0.00001 * e", "0.00002 + 0.00001 * e",
                "'r'", "0", "0", "(3 + 10 * e)::smallint", "true", "e > 0.2", "(floor((ra - 150) / 1.5) * 10 + "
                        + "floor((dec + 10) / 1.5))::bigint", "(floor((ra - 150) / 0.15)::int % 10 * 10 + "
                        + "floor((dec + 10) / 0.15)::int % 10)::bigint", "0.02 + 0.03 * e"));
        for (int b = 0; b < BANDS.length; b++) {
            String band = BANDS[b];
            // flux in nJy from an AB magnitude: 10^((31.4 - m) / 2.5)
            String flux = "power(10, (31.4 - (mag + " + COLOURS[b] + ")) / 2.5)";
            cols.addAll(List.of("\"" + band + "_psfFlux\"", "\"" + band + "_psfFluxErr\"", "\"" + band + "_psfFlux_flag\"",
                    "\"" + band + "_cModelFlux\"", "\"" + band + "_cModelFluxErr\"", "\"" + band + "_extendedness\""));
            vals.addAll(List.of(flux, "(" + flux + ") * 0.02 + 30", "false", flux + " * (1 + 0.1 * ext)",
                    "(" + flux + ") * 0.03 + 40", "CASE WHEN ext > 0.7 THEN 1.0 ELSE 0.0 END"));
        }
        return "INSERT INTO " + q + "\"Object\" (" + String.join(", ", cols) + ") SELECT " + String.join(", ", vals)
                + " FROM (SELECT i, 150 + 20 * random() AS ra, -10 + 15 * random() AS dec, "
                + "26 - 8 * sqrt(random()) AS mag, random() AS ext, random() AS e "
                + "FROM generate_series(1, " + n + ") AS i) AS s";
    }

    static String sources(String q, int perObject, int ccdVisits) {
        return "INSERT INTO " + q + "\"Source\" (\"sourceId\", \"ccdVisitId\", \"objectId\", band, ra, dec, \"raErr\", "
                + "\"decErr\", x, y, \"xErr\", \"yErr\", \"midpointMjdTai\", \"psfFlux\", \"psfFluxErr\", \"apFlux\", "
                + "\"apFluxErr\", extendedness, \"psfFlux_flag\", \"pixelFlags_saturated\", \"pixelFlags_edge\") "
                + "SELECT o.\"objectId\" * 10 + k, cv.\"ccdVisitId\", o.\"objectId\", cv.band, "
                + "o.coord_ra + 0.00003 * (random() - 0.5), o.coord_dec + 0.00003 * (random() - 0.5), 0.00003, "
                + "0.00003, 2048 * random(), 2048 * random(), 0.05, 0.05, cv.\"expMidptMJD\", o.\"r_psfFlux\" * "
                + "(0.95 + 0.1 * random()), o.\"r_psfFluxErr\", o.\"r_psfFlux\" * (0.9 + 0.1 * random()), "
                + "o.\"r_psfFluxErr\" * 1.2, o.r_extendedness, false, false, false "
                + "FROM " + q + "\"Object\" o CROSS JOIN generate_series(1, " + perObject + ") AS k "
                + "JOIN (SELECT \"ccdVisitId\", band, \"expMidptMJD\", row_number() OVER (ORDER BY \"ccdVisitId\") AS n "
                + "FROM " + q + "\"CcdVisit\") cv ON cv.n = 1 + (o.\"objectId\" * 7 + k * 131) % " + ccdVisits
                + " ORDER BY o.\"objectId\", k";
    }
}

package org.vosuite.app.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.vosuite.obscore.region.SphgeomCodec;

/**
 * The Butler's description of the demo images, written as a {@code butler export} YAML file (format 1.0.2,
 * dimension universe 7) — what {@code butler export} would write for a repository holding them: the DemoCam
 * instrument with its filters and detectors, one exposure and one visit per pointing with their sky regions, raw
 * and calexp datasets per detector, and a deepCoadd patch per band.
 */
public final class DemoButlerExport {
    static final String CALEXP_RUN = "demo/runs/calexp";
    static final String COADD_RUN = "demo/runs/coadd";
    static final String RAW_RUN = "DemoCam/raw/all";
    private static final DateTimeFormatter TAI_ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS");

    private DemoButlerExport() {
    }

    /** The dataset ID a demo dataset always gets (name-based, so rebuilding gives the same IDs). */
    public static UUID datasetId(String datasetType, String dataId) {
        return UUID.nameUUIDFromBytes(("demo:" + datasetType + ":" + dataId).getBytes(StandardCharsets.UTF_8));
    }

    public static void write(Path file) throws IOException {
        List<String> y = new ArrayList<>();
        y.add("description: Butler Data Repository Export");
        y.add("version: 1.0.2");
        y.add("universe_version: 7");
        y.add("universe_namespace: daf_butler");
        y.add("data:");
        String cam = DemoSky.INSTRUMENT;
        dimension(y, "instrument", "{name: " + cam + ", visit_max: 99999, visit_system: 0, exposure_max: 99999, "
                + "detector_max: " + DemoSky.DETECTORS + ", class_name: demo.DemoCam}");
        List<String> filters = new ArrayList<>();
        for (String b : DemoSky.BANDS) {
            filters.add("{instrument: " + cam + ", name: " + cam + "-" + b + ", band: " + b + "}");
        }
        dimension(y, "physical_filter", filters.toArray(String[]::new));
        List<String> detectors = new ArrayList<>();
        for (int d = 0; d < DemoSky.DETECTORS; d++) {
            detectors.add(String.format(Locale.ROOT, "{instrument: %s, id: %d, full_name: R00_S%d%d, "
                    + "name_in_raft: S%d%d, raft: R00, purpose: SCIENCE}", cam, d, d / 2, d % 2, d / 2, d % 2));
        }
        dimension(y, "detector", detectors.toArray(String[]::new));
        List<DemoSky.Visit> visits = DemoSky.visits();
        dimension(y, "group", "{instrument: " + cam + ", name: demo20251117}");
        dimension(y, "day_obs", "{instrument: " + cam + ", id: 20251117, datetime_begin: " + tai(61_001.5)
                + ", datetime_end: " + tai(61_002.5) + "}");
        List<String> exposures = new ArrayList<>();
        List<String> visitRecords = new ArrayList<>();
        List<String> regions = new ArrayList<>();
        List<String> definitions = new ArrayList<>();
        List<String> memberships = new ArrayList<>();
        for (DemoSky.Visit v : visits) {
            String common = String.format(Locale.ROOT, "instrument: %s, physical_filter: %s-%s", cam, cam, v.band());
            String obsId = "DC_O_20251117_" + String.format(Locale.ROOT, "%06d", v.id());
            String times = "datetime_begin: " + tai(v.startMjdTai()) + ", datetime_end: " + tai(v.endMjdTai());
            exposures.add(String.format(Locale.ROOT, "{%s, id: %d, group: demo20251117, day_obs: 20251117, "
                    + "obs_id: %s, exposure_time: %.1f, dark_time: %.1f, observation_type: science, "
                    + "observation_reason: science, seq_num: %d, seq_start: %d, seq_end: %d, target_name: demo-field, "
                    + "science_program: demo, tracking_ra: %.6f, tracking_dec: %.6f, sky_angle: %.3f, azimuth: 120.0, "
                    + "zenith_angle: 30.0, has_simulated: true, can_see_sky: true, %s}", common, v.id(), obsId,
                    DemoSky.EXPOSURE_SECONDS, DemoSky.EXPOSURE_SECONDS + 0.5, v.id(), v.id(), v.id(), v.ra(), v.dec(),
                    v.rotationDeg(), times));
            double[][] outer = new double[4][];
            for (int d = 0; d < DemoSky.DETECTORS; d++) {
                DemoSky.Ccd ccd = DemoSky.ccd(v, d);
                List<double[]> corners = DemoSky.corners(ccd.wcs());
                regions.add(String.format(Locale.ROOT, "{instrument: %s, visit: %d, detector: %d, region: %s}", cam,
                        v.id(), d, polygon(corners)));
                // the visit's outline: each detector's corner farthest from the boresight (detector 0 is the
                // south-east one, 1 south-west, 2 north-east, 3 north-west), kept in the south-west-first order
                int corner = new int[] {1, 0, 2, 3}[d];
                outer[corner] = corners.get(corner);
            }
            List<double[]> ring = List.of(outer);
            visitRecords.add(String.format(Locale.ROOT, "{%s, id: %d, day_obs: 20251117, name: %s, seq_num: %d, "
                    + "exposure_time: %.1f, target_name: demo-field, observation_reason: science, "
                    + "science_program: demo, azimuth: 120.0, zenith_angle: 30.0, region: %s, %s}", common, v.id(),
                    obsId, v.id(), DemoSky.EXPOSURE_SECONDS, polygon(ring), times));
            definitions.add("{instrument: " + cam + ", exposure: " + v.id() + ", visit: " + v.id() + "}");
            memberships.add("{instrument: " + cam + ", visit: " + v.id() + ", visit_system: 0}");
        }
        dimension(y, "exposure", exposures.toArray(String[]::new));
        dimension(y, "visit", visitRecords.toArray(String[]::new));
        dimension(y, "visit_detector_region", regions.toArray(String[]::new));
        dimension(y, "visit_definition", definitions.toArray(String[]::new));
        dimension(y, "visit_system", "{instrument: " + cam + ", id: 0, name: one-to-one}");
        dimension(y, "visit_system_membership", memberships.toArray(String[]::new));
        dimension(y, "skymap", "{name: demoSkyMap, hash: !!binary 'ZGVtb1NreU1hcA==', tract_max: 1, "
                + "patch_nx_max: 1, patch_ny_max: 1}");
        double h = 0.9;
        double dra = h / Math.cos(Math.toRadians(DemoSky.DEC));
        dimension(y, "tract", "{skymap: demoSkyMap, id: 0, region: " + polygon(List.of(
                new double[] {DemoSky.RA + dra, DemoSky.DEC - h}, new double[] {DemoSky.RA - dra, DemoSky.DEC - h},
                new double[] {DemoSky.RA - dra, DemoSky.DEC + h}, new double[] {DemoSky.RA + dra, DemoSky.DEC + h}))
                + "}");
        dimension(y, "patch", "{skymap: demoSkyMap, tract: 0, id: 0, cell_x: 0, cell_y: 0, region: "
                + polygon(DemoSky.corners(DemoSky.patches().get(0).wcs())) + "}");
        y.add("- {type: collection, collection_type: RUN, name: " + RAW_RUN + ", doc: raw exposures, host: null, "
                + "timespan_begin: null, timespan_end: null}");
        y.add("- {type: collection, collection_type: RUN, name: " + CALEXP_RUN + ", doc: processed visits, host: "
                + "null, timespan_begin: null, timespan_end: null}");
        y.add("- {type: collection, collection_type: RUN, name: " + COADD_RUN + ", doc: coadds, host: null, "
                + "timespan_begin: null, timespan_end: null}");
        y.add("- {type: collection, collection_type: CHAINED, name: demo/defaults, children: [" + CALEXP_RUN + ", "
                + COADD_RUN + ", " + RAW_RUN + "]}");
        y.add("- {type: dataset_type, name: raw, dimensions: [instrument, detector, exposure, band, physical_filter, "
                + "group, day_obs], storage_class: Exposure, is_calibration: false}");
        y.add("- {type: dataset_type, name: calexp, dimensions: [instrument, detector, visit, band, physical_filter, "
                + "day_obs], storage_class: ExposureF, is_calibration: false}");
        y.add("- {type: dataset_type, name: deepCoadd, dimensions: [skymap, tract, patch, band], storage_class: "
                + "ExposureF, is_calibration: false}");
        datasets(y, "raw", RAW_RUN, "demo.RawFormatter", visits, true);
        datasets(y, "calexp", CALEXP_RUN, "demo.FitsFormatter", visits, false);
        y.add("- type: dataset");
        y.add("  dataset_type: deepCoadd");
        y.add("  run: " + COADD_RUN);
        y.add("  records:");
        for (String b : DemoSky.BANDS) {
            String dataId = "{skymap: demoSkyMap, tract: 0, patch: 0, band: " + b + "}";
            record(y, datasetId("deepCoadd", dataId), dataId, DemoImages.coaddPath(b), "demo.FitsFormatter");
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, y, StandardCharsets.UTF_8);
    }

    private static void datasets(List<String> y, String type, String run, String formatter,
            List<DemoSky.Visit> visits, boolean raw) {
        y.add("- type: dataset");
        y.add("  dataset_type: " + type);
        y.add("  run: " + run);
        y.add("  records:");
        for (DemoSky.Visit v : visits) {
            for (int d = 0; d < DemoSky.DETECTORS; d++) {
                String dataId = "{instrument: " + DemoSky.INSTRUMENT + ", detector: " + d + ", "
                        + (raw ? "exposure" : "visit") + ": " + v.id() + "}";
                record(y, datasetId(type, dataId), dataId, raw ? DemoImages.rawPath(v.id(), d)
                        : DemoImages.calexpPath(v.id(), d), formatter);
            }
        }
    }

    private static void record(List<String> y, UUID id, String dataId, String path, String formatter) {
        y.add("  - dataset_id: [!uuid '" + id + "']");
        y.add("    data_id: [" + dataId + "]");
        y.add("    path: " + path);
        y.add("    formatter: " + formatter);
    }

    private static void dimension(List<String> y, String element, String... records) {
        y.add("- type: dimension");
        y.add("  element: " + element);
        y.add("  records:");
        for (String r : records) {
            y.add("  - " + r);
        }
    }

    /** A sphgeom ConvexPolygon in the export's hex form. */
    static String polygon(List<double[]> raDec) {
        List<double[]> v = new ArrayList<>();
        for (double[] p : raDec) {
            double ra = Math.toRadians(p[0]);
            double dec = Math.toRadians(p[1]);
            v.add(new double[] {Math.cos(dec) * Math.cos(ra), Math.cos(dec) * Math.sin(ra), Math.sin(dec)});
        }
        return "!<lsst.sphgeom.ConvexPolygon> {encoded: " + HexFormat.of().formatHex(SphgeomCodec.encodePolygon(v))
                + "}";
    }

    /** A TAI MJD as the export's {@code !butler_time/tai/iso} value. */
    static String tai(double mjd) {
        long nanos = Math.round((mjd - 40_587) * 86_400e9);
        LocalDateTime t = LocalDateTime.of(1970, 1, 1, 0, 0).plusNanos(nanos);
        return "!butler_time/tai/iso '" + TAI_ISO.format(t) + "'";
    }
}

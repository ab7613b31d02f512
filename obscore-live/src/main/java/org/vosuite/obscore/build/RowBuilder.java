package org.vosuite.obscore.build;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.vosuite.obscore.config.ObsCoreConfig;
import org.vosuite.obscore.config.ObsCoreConfig.DatasetTypeConfig;
import org.vosuite.obscore.config.ObsCoreConfig.ExtraColumn;
import org.vosuite.obscore.region.BoundingCircle;
import org.vosuite.obscore.region.SkyRegion;
import org.vosuite.obscore.region.SphgeomCodec;
import org.vosuite.obscore.registry.DatasetRef;
import org.vosuite.obscore.registry.RegistryReader;
import org.vosuite.obscore.registry.TaiTime;

/**
 * Turns a registry dataset into an ObsCore row as dax_obscore's configuration describes, with what dax_obscore
 * leaves out: access_estsize from the datastore's file size, every region type (circles and boxes as polygons),
 * and t_min/t_max in UTC MJD with leap seconds (dax_obscore writes TAI MJD).
 */
public final class RowBuilder {
    private static final Logger LOG = Logger.getLogger(RowBuilder.class.getName());
    /** The default obs_publisher_did when the configuration gives no format: a URI unique per dataset. */
    static final String DEFAULT_DID = "urn:uuid:{id}";

    private final ObsCoreConfig config;
    private final RegistryReader registry;
    private final Map<String, Template> templates = new HashMap<>();
    private final java.util.Set<String> allExtras = new java.util.LinkedHashSet<>();

    /** A dataset whose row cannot be made; the message names the dataset and the template or value. */
    public static final class RowException extends Exception {
        public RowException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public RowBuilder(ObsCoreConfig config, RegistryReader registry) {
        this.config = config;
        this.registry = registry;
        allExtras.addAll(config.extraColumns().keySet());
        config.datasetTypes().values().forEach(t -> allExtras.addAll(t.extraColumns().keySet()));
    }

    public ObsCoreRow build(DatasetRef ref) throws RowException {
        try {
            return make(ref);
        } catch (SQLException | SphgeomCodec.RegionException e) {
            throw new RowException("dataset " + ref.uuid() + " (" + ref.datasetType() + "): " + e.getMessage(), e);
        }
    }

    private ObsCoreRow make(DatasetRef ref) throws SQLException, SphgeomCodec.RegionException, RowException {
        DatasetTypeConfig type = config.datasetTypes().get(ref.datasetType());
        Map<String, Object> dataId = new LinkedHashMap<>(ref.dataId());
        Map<String, Map<String, Object>> records = new LinkedHashMap<>();
        expand(dataId, records);
        // sized for every column and field up front: rows are built a million at a time
        Map<String, Object> fields = new HashMap<>(128);
        fields.putAll(dataId);
        fields.put("records", records);
        fields.put("id", ref.uuid());
        fields.put("run", ref.run());
        fields.put("dataset_type", ref.datasetType());
        if (dataId.containsKey("exposure") && !dataId.containsKey("visit")) {
            fields.put("visit", dataId.get("exposure")); // as dax_obscore does (DM-51495)
        }
        Map<String, Object> row = new LinkedHashMap<>(128);
        ObsCoreRow.COLUMNS.forEach(c -> row.put(c, null));
        allExtras.forEach(c -> row.put(c, null)); // every row has the same columns, whatever its type
        row.put("dataproduct_type", type.dataproductType());
        row.put("dataproduct_subtype", type.dataproductSubtype());
        row.put("calib_level", type.calibLevel());
        row.put("o_ucd", type.oUcd());
        row.put("access_format", type.accessFormat());
        row.put("obs_collection", type.obsCollection() != null ? type.obsCollection() : config.obsCollection());
        fields.putAll(nonNull(row));
        row.put("obs_id", format(type.obsIdFmt(), fields, ref));
        fields.put("obs_id", row.get("obs_id"));
        row.put("access_url", format(type.datalinkUrlFmt(), fields, ref));
        row.put("obs_publisher_did", format(config.obsPublisherDidFmt() != null ? config.obsPublisherDidFmt()
                : DEFAULT_DID, fields, ref));
        if (type.sXel() != null) {
            row.put("s_xel1", type.sXel()[0]);
            row.put("s_xel2", type.sXel()[1]);
        }
        if (ref.fileSize() != null) {
            row.put("access_estsize", (ref.fileSize() + 1023) / 1024); // ObsCore: kilobytes
        }
        // extra columns may set the generic fields above, not those the registry determines below
        Map<String, ExtraColumn> extras = new LinkedHashMap<>(config.extraColumns());
        extras.putAll(type.extraColumns());
        for (Map.Entry<String, ExtraColumn> e : extras.entrySet()) {
            row.put(e.getKey(), extra(e.getValue(), fields, ref, e.getKey()));
        }
        Object instrument = dataId.getOrDefault("instrument", config.fallbackInstrument());
        row.put("instrument_name", instrument);
        row.put("facility_name", instrument != null && config.facilityMap().containsKey(instrument.toString())
                ? config.facilityMap().get(instrument.toString()) : config.facilityName());
        Map<String, Object> observation = records.containsKey("exposure") ? records.get("exposure")
                : records.get("visit");
        if (observation != null) {
            row.put("t_exptime", observation.get("exposure_time"));
            row.put("target_name", observation.get("target_name"));
            Object begin = observation.get("timespan_begin");
            Object end = observation.get("timespan_end");
            if (begin instanceof Number b && !TaiTime.unbounded(b.longValue())) {
                row.put("t_min", TaiTime.toUtcMjd(b.longValue()));
            }
            if (end instanceof Number n && !TaiTime.unbounded(n.longValue())) {
                row.put("t_max", TaiTime.toUtcMjd(n.longValue()));
            }
        }
        SkyRegion region = region(dataId, records);
        if (region != null) {
            BoundingCircle b = region.boundingCircle();
            row.put("s_ra", b.raDeg());
            row.put("s_dec", b.decDeg());
            row.put("s_fov", b.diameterDeg());
            row.put("s_region", region.stcs());
        }
        Object band = dataId.get("band");
        if (band != null) {
            Double[] range = config.spectralRanges().get(String.valueOf(dataId.get("physical_filter")));
            if (range == null) {
                range = config.spectralRanges().get(band.toString());
            }
            if (range != null) {
                row.put("em_min", range[0]);
                row.put("em_max", range[1]);
            } else {
                LOG.fine(() -> "no spectral range for band " + band);
            }
        }
        row.put("lsst_band", band);
        row.put("lsst_filter", dataId.get("physical_filter"));
        row.put("lsst_visit", fields.get("visit"));
        row.put("lsst_detector", dataId.get("detector"));
        row.put("lsst_tract", dataId.get("tract"));
        row.put("lsst_patch", dataId.get("patch"));
        return new ObsCoreRow(ref.id(), row);
    }

    /** Adds the implied dimensions to the data ID and fetches the records templates and columns use. */
    private void expand(Map<String, Object> dataId, Map<String, Map<String, Object>> records) throws SQLException {
        Object inst = dataId.get("instrument");
        if (inst != null) {
            put(records, "instrument", registry.record("instrument", List.of("name"), List.of(inst)));
            for (String element : List.of("exposure", "visit")) {
                if (dataId.containsKey(element)) {
                    Map<String, Object> r = registry.record(element, List.of("instrument", "id"), List.of(inst,
                            dataId.get(element)));
                    put(records, element, r);
                    if (r != null) {
                        dataId.putIfAbsent("physical_filter", r.get("physical_filter"));
                        dataId.putIfAbsent("day_obs", r.get("day_obs"));
                        if (r.containsKey("group")) {
                            dataId.putIfAbsent("group", r.get("group"));
                        }
                    }
                }
            }
            if (dataId.containsKey("detector")) {
                put(records, "detector", registry.record("detector", List.of("instrument", "id"), List.of(inst,
                        dataId.get("detector"))));
            }
            if (dataId.get("physical_filter") != null) {
                Map<String, Object> f = registry.record("physical_filter", List.of("instrument", "name"),
                        List.of(inst, dataId.get("physical_filter")));
                put(records, "physical_filter", f);
                if (f != null) {
                    dataId.putIfAbsent("band", f.get("band"));
                }
            }
        }
        Object skymap = dataId.get("skymap");
        if (skymap != null) {
            put(records, "skymap", registry.record("skymap", List.of("name"), List.of(skymap)));
            if (dataId.containsKey("tract")) {
                put(records, "tract", registry.record("tract", List.of("skymap", "id"), List.of(skymap,
                        dataId.get("tract"))));
            }
            if (dataId.containsKey("patch")) {
                put(records, "patch", registry.record("patch", List.of("skymap", "tract", "id"), List.of(skymap,
                        dataId.get("tract"), dataId.get("patch"))));
            }
        }
    }

    private static void put(Map<String, Map<String, Object>> records, String element, Map<String, Object> r) {
        if (r != null) {
            records.put(element, r);
        }
    }

    /**
     * The dataset's region: of its visit and detector, its visit, its patch or tract; an exposure's comes through
     * the visit it belongs to (visit_definition).
     */
    private SkyRegion region(Map<String, Object> dataId, Map<String, Map<String, Object>> records)
            throws SQLException, SphgeomCodec.RegionException {
        Object inst = dataId.get("instrument");
        Object visit = dataId.get("visit");
        if (visit == null && dataId.containsKey("exposure")) {
            visit = registry.visitOf(inst, dataId.get("exposure"));
        }
        if (visit != null) {
            if (dataId.containsKey("detector")) {
                Map<String, Object> vdr = registry.visitDetectorRegion(inst, visit, dataId.get("detector"));
                if (vdr != null && vdr.get("region") != null) {
                    return RegistryReader.region(vdr);
                }
            }
            return RegistryReader.region(registry.record("visit", List.of("instrument", "id"), List.of(inst,
                    visit)));
        }
        if (records.containsKey("patch")) {
            return RegistryReader.region(records.get("patch"));
        }
        return records.containsKey("tract") ? RegistryReader.region(records.get("tract")) : null;
    }

    private String format(String template, Map<String, Object> fields, DatasetRef ref) throws RowException {
        if (template == null) {
            return null;
        }
        try {
            return templates.computeIfAbsent(template, Template::new).format(fields::get);
        } catch (Template.MissingField e) {
            return null;
        } catch (IllegalArgumentException e) {
            throw new RowException("dataset " + ref.uuid() + " (" + ref.datasetType() + "): " + e.getMessage(), e);
        }
    }

    private Object extra(ExtraColumn c, Map<String, Object> fields, DatasetRef ref, String column)
            throws RowException {
        if (c.template() == null) {
            return c.constant();
        }
        String text = format(c.template(), fields, ref);
        if (text == null) {
            return null;
        }
        try {
            return switch (c.type()) {
                case "int" -> Long.parseLong(text.trim());
                case "float" -> Double.parseDouble(text.trim());
                case "bool" -> Long.parseLong(text.trim()) != 0;
                default -> c.length() != null && text.length() > c.length() ? text.substring(0, c.length()) : text;
            };
        } catch (NumberFormatException e) {
            throw new RowException("dataset " + ref.uuid() + ": extra column " + column + ": the template '"
                    + c.template() + "' gave '" + text + "', not a " + c.type(), e);
        }
    }

    private static Map<String, Object> nonNull(Map<String, Object> m) {
        Map<String, Object> out = new HashMap<>();
        m.forEach((k, v) -> {
            if (v != null) {
                out.put(k, v);
            }
        });
        return out;
    }
}

package org.vosuite.obscore.build;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One ivoa.ObsCore row: column name → value (String, Integer, Long, Double, Boolean or null), in the order of
 * {@link #COLUMNS} then the configured extra columns; {@code datasetId} is the registry dataset it describes.
 * The row takes over the map it is given (only {@link RowBuilder} makes rows, from a map of its own): no copy per
 * row, which a million-row backfill would feel; the values are read-only through the row.
 */
public record ObsCoreRow(String datasetId, Map<String, Object> values) {
    /** The columns of sdm_schemas' ivoa.ObsCore that rows fill (ObsCore 1.1 mandatory ones first). */
    public static final List<String> COLUMNS = List.of("dataproduct_type", "dataproduct_subtype", "calib_level",
            "obs_collection", "obs_id", "obs_publisher_did", "target_name", "access_url", "access_format",
            "access_estsize", "s_ra", "s_dec", "s_fov", "s_region", "s_resolution", "s_xel1", "s_xel2", "em_min",
            "em_max", "em_res_power", "em_xel", "t_min", "t_max", "t_exptime", "t_resolution", "t_xel", "o_ucd",
            "pol_states", "pol_xel", "facility_name", "instrument_name", "lsst_band", "lsst_filter", "lsst_visit",
            "lsst_detector", "lsst_tract", "lsst_patch");

    public ObsCoreRow {
        values = Collections.unmodifiableMap(values);
    }

    public Object get(String column) {
        return values.get(column);
    }
}

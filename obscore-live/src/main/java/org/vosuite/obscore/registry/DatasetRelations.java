package org.vosuite.obscore.registry;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The datasets a registry relates to a dataset through its dimensions, which is all the provenance a daf_butler
 * registry records:
 * <ul>
 * <li>a visit-level dataset (calexp) was made from the exposure-level datasets (raws) of its visit's exposures
 * (visit_definition) on the same detector, and with the calibrations certified for its detector, filter and
 * time: its <em>progenitors</em>;</li>
 * <li>an exposure-level dataset has the visit-level datasets of the visits it belongs to as <em>derivations</em>,
 * and the calibrations certified for it as <em>calibrations</em> (applicable, not applied).</li>
 * </ul>
 * Only datasets in their own RUN are considered, so a dataset that is also tagged or chained appears once.
 */
public final class DatasetRelations {
    /** How a related dataset stands to the one asked about, as the DataLink core vocabulary names it. */
    public enum Kind {
        PROGENITOR, DERIVATION, CALIBRATION
    }

    public record Related(Kind kind, DatasetRef dataset) {
    }

    private DatasetRelations() {
    }

    public static List<Related> of(RegistryReader reader, DatasetRef d) throws SQLException {
        Map<String, RegistryReader.DatasetType> types = reader.datasetTypes();
        Map<String, Object> id = d.dataId();
        List<Related> out = new ArrayList<>();
        if (id.containsKey("exposure") && !id.containsKey("visit") && id.containsKey("instrument")) {
            List<Object> visits = definition(reader, "visit", "exposure", id.get("instrument"), id.get("exposure"));
            out.addAll(levelled(reader, types, id, "visit", visits, "exposure", Kind.DERIVATION));
            out.addAll(calibrations(reader, types, id, "exposure", Kind.CALIBRATION));
        } else if (id.containsKey("visit") && id.containsKey("instrument")) {
            List<Object> exposures = definition(reader, "exposure", "visit", id.get("instrument"), id.get("visit"));
            out.addAll(levelled(reader, types, id, "exposure", exposures, "visit", Kind.PROGENITOR));
            out.addAll(calibrations(reader, types, id, "visit", Kind.PROGENITOR));
        }
        return out;
    }

    /** The visits of an exposure, or the exposures of a visit. */
    private static List<Object> definition(RegistryReader reader, String wanted, String given, Object instrument,
            Object value) throws SQLException {
        List<Object> out = new ArrayList<>();
        try (PreparedStatement st = reader.connection().prepareStatement("SELECT " + wanted + " FROM "
                + "visit_definition WHERE instrument = ? AND " + given + " = ?")) {
            st.setObject(1, instrument);
            st.setObject(2, value);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }

    /**
     * Datasets of the types whose dimensions include {@code level} (and not {@code other}), whose level value is
     * one of {@code values} and whose other dimensions equal the dataset's.
     */
    private static List<Related> levelled(RegistryReader reader, Map<String, RegistryReader.DatasetType> types,
            Map<String, Object> id, String level, List<Object> values, String other, Kind kind) throws SQLException {
        List<Related> out = new ArrayList<>();
        if (values.isEmpty()) {
            return out;
        }
        for (RegistryReader.DatasetType t : types.values()) {
            if (t.calibrationTable() != null || !t.dimensions().contains(level) || t.dimensions().contains(other)) {
                continue;
            }
            Set<String> shared = new LinkedHashSet<>(t.dimensions());
            shared.remove(level);
            if (!id.keySet().containsAll(shared)) {
                continue;
            }
            StringBuilder sql = new StringBuilder("SELECT t.dataset_id FROM " + RegistryReader.q(t.tagTable())
                    + " t JOIN dataset d ON d.id = t.dataset_id WHERE t.collection_id = d.run_id AND t."
                    + RegistryReader.q(level) + " IN (" + "?, ".repeat(values.size() - 1) + "?)");
            List<Object> params = new ArrayList<>(values);
            for (String dim : shared) {
                sql.append(" AND t.").append(RegistryReader.q(dim)).append(" = ?");
                params.add(id.get(dim));
            }
            out.addAll(found(reader, types, sql.append(" ORDER BY t.dataset_id").toString(), params, kind));
        }
        return out;
    }

    /**
     * Calibration datasets certified, in any CALIBRATION collection, for the dataset's dimensions (including those
     * its exposure or visit record implies, such as the physical filter) over an interval holding the middle of
     * the observation.
     */
    private static List<Related> calibrations(RegistryReader reader, Map<String, RegistryReader.DatasetType> types,
            Map<String, Object> id, String element, Kind kind) throws SQLException {
        Map<String, Object> observation = reader.record(element, List.of("instrument", "id"),
                List.of(id.get("instrument"), id.get(element)));
        if (observation == null || observation.get("timespan_begin") == null
                || observation.get("timespan_end") == null) {
            return List.of();
        }
        long middle = Math.floorDiv(((Number) observation.get("timespan_begin")).longValue()
                + ((Number) observation.get("timespan_end")).longValue(), 2);
        Map<String, Object> values = new HashMap<>(observation);
        values.remove("id");
        values.putAll(id);
        List<Related> out = new ArrayList<>();
        for (RegistryReader.DatasetType t : types.values()) {
            if (t.calibrationTable() == null || !values.keySet().containsAll(t.dimensions())
                    || !reader.hasTable(t.calibrationTable())) {
                continue;
            }
            // validity as two TAI-ns columns (our layout, SQLite) or one int8range (daf_butler on PostgreSQL)
            boolean range = reader.hasColumn(t.calibrationTable(), "timespan");
            StringBuilder sql = new StringBuilder("SELECT DISTINCT dataset_id FROM "
                    + RegistryReader.q(t.calibrationTable()) + (range ? " WHERE timespan @> CAST(? AS bigint)"
                    : " WHERE (timespan_begin IS NULL OR timespan_begin <= ?) AND (timespan_end IS NULL OR "
                    + "timespan_end > ?)"));
            List<Object> params = new ArrayList<>(range ? List.of(middle) : List.of(middle, middle));
            for (String dim : t.dimensions()) {
                sql.append(" AND ").append(RegistryReader.q(dim)).append(" = ?");
                params.add(values.get(dim));
            }
            out.addAll(found(reader, types, sql.append(" ORDER BY dataset_id").toString(), params, kind));
        }
        return out;
    }

    private static List<Related> found(RegistryReader reader, Map<String, RegistryReader.DatasetType> types,
            String sql, List<Object> params, Kind kind) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement st = reader.connection().prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                st.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1).replace("-", ""));
                }
            }
        }
        List<Related> out = new ArrayList<>();
        for (String related : ids) {
            Optional<DatasetRef> ref = reader.dataset(related, types);
            ref.ifPresent(r -> out.add(new Related(kind, r)));
        }
        return out;
    }
}

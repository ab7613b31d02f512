package org.vosuite.tap.descriptor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.vosuite.common.config.ConfigException;
import org.vosuite.common.config.ConfigMap;
import org.vosuite.common.votable.ServiceDescriptor;
import org.vosuite.tap.plan.ResultColumn;

/**
 * Service descriptors that TAP results carry (DataLink §4): each template names the published columns it needs
 * ({@code schema.table.column}); when a query selects all of them, those FIELDs get XML IDs and the descriptor is
 * written after the results with its input parameters {@code ref}-ing them. This is how ObsCore results point
 * clients at DataLink and SODA, and how a manifest gives any other table its links (e.g. a light curve for
 * {@code Object.objectId}). {@code {baseUrl}} in an access URL becomes the server's public URL.
 */
public final class ResultDescriptors {
    public static final ResultDescriptors NONE = new ResultDescriptors(List.of(), () -> "");

    /** What one result gets: XML IDs for some of its columns (by index) and the descriptors to write. */
    public record Attached(Map<Integer, String> fieldIds, List<ServiceDescriptor> descriptors) {
    }

    private final List<ServiceDescriptor> templates;
    private final Supplier<String> baseUrl;

    /**
     * @param templates descriptors whose {@code ref}s are column names {@code schema.table.column}
     * @param baseUrl   the server's public URL, e.g. {@code https://data.example.org/api}
     */
    public ResultDescriptors(List<ServiceDescriptor> templates, Supplier<String> baseUrl) {
        this.templates = List.copyOf(templates);
        this.baseUrl = baseUrl;
    }

    /** The columns a template needs, lower case. */
    private static Set<String> columns(ServiceDescriptor template) {
        Set<String> out = new LinkedHashSet<>();
        for (ServiceDescriptor.Param p : template.inputParams()) {
            if (p.ref() != null) {
                out.add(p.ref().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    public Attached attach(List<ResultColumn> columns) {
        Map<String, Integer> selected = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            ResultColumn c = columns.get(i);
            if (c.origin() != null && c.originTable() != null) {
                selected.putIfAbsent(key(c.originTable(), c.origin().name()), i);
            }
        }
        Map<Integer, String> ids = new LinkedHashMap<>();
        List<ServiceDescriptor> out = new ArrayList<>();
        for (ServiceDescriptor template : templates) {
            if (!selected.keySet().containsAll(columns(template))) {
                continue;
            }
            ServiceDescriptor d = template.withRefs(ref -> {
                int index = selected.get(ref.toLowerCase(Locale.ROOT));
                return ids.computeIfAbsent(index, i -> fieldId(ref));
            });
            out.add(new ServiceDescriptor(d.xmlId(), d.name(), d.description(), d.accessUrl() == null ? null
                    : d.accessUrl().replace("{baseUrl}", baseUrl.get()), d.standardId(), d.contentType(),
                    d.inputParams()));
        }
        return new Attached(ids, out);
    }

    /** "ivoa.ObsCore.obs_publisher_did" → "ivoa_ObsCore_obs_publisher_did", a valid XML ID. */
    private static String fieldId(String column) {
        String id = column.replaceAll("[^A-Za-z0-9_.-]", "_").replace('.', '_');
        return Character.isLetter(id.charAt(0)) || id.charAt(0) == '_' ? id : "_" + id;
    }

    private static String key(String table, String column) {
        return (table + "." + column).toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a manifest's {@code descriptors} list:
     * <pre>
     * descriptors:
     *   - id: object_lightcurve                # the RESOURCE's XML ID, unique
     *     description: Light curve of this object
     *     accessURL: "{baseUrl}/datalink/query/lightcurve"
     *     standardID: ...                      # optional
     *     contentType: application/x-votable+xml   # optional
     *     params:
     *       - {name: ID, column: demo_dr1.Object.objectId}   # the row's value
     *       - {name: RESPONSEFORMAT, value: votable}         # fixed
     *       - {name: BAND, datatype: char, arraysize: "*", options: [g, r], description: ...}   # the user's
     * </pre>
     */
    public static List<ServiceDescriptor> read(ConfigMap manifest) {
        List<ServiceDescriptor> out = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (ConfigMap d : manifest.sections("descriptors")) {
            String id = required(d, "id");
            if (!id.matches("[A-Za-z_][A-Za-z0-9_.-]*") || !ids.add(id)) {
                throw new ConfigException(d.where("id") + ": '" + id + "' must be a unique XML name (letters, "
                        + "digits, _ . -, not starting with a digit)");
            }
            List<ServiceDescriptor.Param> params = new ArrayList<>();
            boolean anyColumn = false;
            for (ConfigMap p : d.sections("params")) {
                String column = p.string("column", null);
                String value = p.string("value", null);
                if (column != null && column.split("\\.").length != 3) {
                    throw new ConfigException(p.where("column") + ": '" + column + "' must be written "
                            + "schema.table.column");
                }
                if (column != null && value != null) {
                    throw new ConfigException(p.where("column") + ": a param takes its value from a column or "
                            + "has a fixed value, not both");
                }
                anyColumn |= column != null;
                params.add(new ServiceDescriptor.Param(required(p, "name"), p.string("datatype", "char"),
                        p.string("arraysize", "*"), p.string("xtype", null), p.string("unit", null),
                        p.string("ucd", null), value, column, p.string("description", null),
                        p.string("min", null), p.string("max", null), p.strings("options")));
                p.finish();
            }
            if (!anyColumn) {
                throw new ConfigException(d.where("params") + ": descriptor " + id + " has no param with a "
                        + "column: it would be added to no result");
            }
            out.add(new ServiceDescriptor(id, d.string("name", null), d.string("description", null),
                    required(d, "accessURL"), d.string("standardID", null), d.string("contentType", null),
                    params));
            d.finish();
        }
        manifest.finish();
        return out;
    }

    private static String required(ConfigMap m, String key) {
        String v = m.string(key, null);
        if (v == null || v.isBlank()) {
            throw new ConfigException(m.where(key) + " is required");
        }
        return v;
    }
}

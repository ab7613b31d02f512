package org.vosuite.soda;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.vosuite.soda.cutout.CutoutSpec;
import org.vosuite.soda.region.SkyRegion;
import org.vosuite.soda.region.SodaFilters;

/**
 * The SODA parameters of one request (names case-insensitive), and the cutouts they ask for: sync takes one value
 * of each parameter (POL excepted: its values form one filter), async the cartesian product of ID × spatial
 * filter × BAND × TIME.
 */
public record SodaRequest(List<String> ids, List<SkyRegion> regions, List<double[]> bands, List<double[]> times,
        Set<String> pol) {

    /** One cutout of one dataset. */
    public record Combination(String id, CutoutSpec spec) {
    }

    /** Multi-valued parameters other than POL are refused on sync: SODA 1.0 §3.1. */
    public static final class MultiValuedException extends Exception {
        public MultiValuedException(String message) {
            super(message);
        }
    }

    public static SodaRequest parse(List<Map.Entry<String, String>> parameters) throws SodaUsageException {
        List<String> ids = new ArrayList<>();
        List<SkyRegion> regions = new ArrayList<>();
        List<double[]> bands = new ArrayList<>();
        List<double[]> times = new ArrayList<>();
        Set<String> pol = new LinkedHashSet<>();
        for (Map.Entry<String, String> p : parameters) {
            String v = p.getValue() == null ? "" : p.getValue();
            switch (p.getKey().toUpperCase(Locale.ROOT)) {
                case "ID" -> {
                    if (v.isBlank()) {
                        throw new SodaUsageException("ID is empty");
                    }
                    ids.add(v.trim());
                }
                case "POS" -> regions.add(SodaFilters.pos(v));
                case "CIRCLE" -> regions.add(SodaFilters.circle(v, "CIRCLE"));
                case "POLYGON" -> regions.add(SodaFilters.polygon(v, "POLYGON"));
                case "BAND" -> bands.add(SodaFilters.interval(v, "BAND", "metres"));
                case "TIME" -> times.add(SodaFilters.interval(v, "TIME", "MJD"));
                case "POL" -> pol.add(SodaFilters.pol(v));
                case "RESPONSEFORMAT" -> {
                    String f = v.trim().toLowerCase(Locale.ROOT);
                    if (!f.isEmpty() && !f.equals("fits") && !f.equals("application/fits")
                            && !f.equals("image/fits")) {
                        throw new SodaUsageException("RESPONSEFORMAT=" + v + " is not supported; cutouts are FITS"
                                + " (application/fits)");
                    }
                }
                default -> {
                    // DALI: unknown parameters are ignored (RUNID, REQUEST, UWS controls, ...)
                }
            }
        }
        if (ids.isEmpty()) {
            throw new SodaUsageException("ID is required: the dataset to cut (an obs_publisher_did from ObsCore)");
        }
        return new SodaRequest(List.copyOf(ids), List.copyOf(regions), List.copyOf(bands), List.copyOf(times),
                Set.copyOf(pol));
    }

    /** The one cutout of a sync request. */
    public Combination single() throws MultiValuedException {
        check("ID", ids.size());
        check("POS/CIRCLE/POLYGON", regions.size());
        check("BAND", bands.size());
        check("TIME", times.size());
        return combinations().get(0);
    }

    private static void check(String name, int n) throws MultiValuedException {
        if (n > 1) {
            throw new MultiValuedException(name + " has " + n + " values; the sync endpoint takes one (use"
                    + " {async} for several cutouts in one job)");
        }
    }

    /** Every combination, in ID-major order. */
    public List<Combination> combinations() {
        List<Combination> out = new ArrayList<>();
        List<SkyRegion> rs = regions.isEmpty() ? java.util.Collections.singletonList(null) : regions;
        List<double[]> bs = bands.isEmpty() ? java.util.Collections.singletonList(null) : bands;
        List<double[]> ts = times.isEmpty() ? java.util.Collections.singletonList(null) : times;
        for (String id : ids) {
            for (SkyRegion r : rs) {
                for (double[] b : bs) {
                    for (double[] t : ts) {
                        out.add(new Combination(id, new CutoutSpec(r, b, t, pol)));
                    }
                }
            }
        }
        return out;
    }
}

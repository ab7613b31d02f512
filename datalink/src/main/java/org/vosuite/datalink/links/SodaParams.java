package org.vosuite.datalink.links;

import java.util.ArrayList;
import java.util.List;
import org.vosuite.common.votable.ServiceDescriptor.Param;
import org.vosuite.soda.cutout.CutoutDomain;

/**
 * The input parameters of SODA service descriptors (SODA §4). A generic descriptor (in TAP results) takes ID from a
 * column and leaves every filter open; a data-specific one (in a links document) fixes ID and states, for each
 * filter the dataset supports, its allowed values: CIRCLE and POLYGON as MAX (the covering shape), BAND and TIME as
 * MIN/MAX (one number each, the interval's ends, as CADC writes them and pyvo reads them), POL as OPTIONs. POS is
 * offered with the sky filters, as SODA asks of services that take it.
 */
public final class SodaParams {
    private SodaParams() {
    }

    /** Every filter, open; ID from the column {@code idColumn}. */
    public static List<Param> generic(String idColumn) {
        return List.of(Param.fromColumn("ID", idColumn), pos(), circle(null), polygon(null), band(null),
                time(null), pol(List.of()));
    }

    /** The filters this dataset supports, with its ranges; ID fixed. */
    public static List<Param> of(String id, CutoutDomain d) {
        List<Param> params = new ArrayList<>();
        params.add(Param.fixed("ID", id));
        if (d.circle() != null) {
            params.add(pos());
            params.add(circle(numbers(d.circle())));
            params.add(polygon(numbers(d.polygon())));
        }
        if (d.band() != null) {
            params.add(band(d.band()));
        }
        if (d.time() != null) {
            params.add(time(d.time()));
        }
        if (!d.pol().isEmpty()) {
            params.add(pol(d.pol()));
        }
        return params;
    }

    private static Param pos() {
        return new Param("POS", "char", "*", null, null, "pos.outline;obs", null, null,
                "A region in DALI text: CIRCLE ra dec radius, RANGE ra1 ra2 dec1 dec2 or POLYGON ra1 dec1 …", null,
                null, null);
    }

    private static Param circle(String max) {
        return new Param("CIRCLE", "double", "3", "circle", "deg", "pos.outline;obs", null, null,
                "A circle: ra dec radius (ICRS degrees)", null, max, null);
    }

    private static Param polygon(String max) {
        return new Param("POLYGON", "double", "*", "polygon", "deg", "pos.outline;obs", null, null,
                "A polygon: ra dec pairs (ICRS degrees)", null, max, null);
    }

    private static Param band(double[] range) {
        return new Param("BAND", "double", "2", "interval", "m", "em.wl;stat.interval", null, null,
                "Wavelength interval (vacuum, metres)", range == null ? null : numbers(range[0]),
                range == null ? null : numbers(range[1]), null);
    }

    private static Param time(double[] range) {
        return new Param("TIME", "double", "2", "interval", "d", "time.interval;obs.exposure", null, null,
                "Time interval (MJD)", range == null ? null : numbers(range[0]),
                range == null ? null : numbers(range[1]), null);
    }

    private static Param pol(List<String> options) {
        return new Param("POL", "char", "*", null, null, "meta.code;phys.polarization", null, null,
                "Polarization states to keep", null, null, options);
    }

    private static String numbers(double... values) {
        StringBuilder s = new StringBuilder();
        for (double v : values) {
            s.append(s.isEmpty() ? "" : " ").append(v);
        }
        return s.toString();
    }
}

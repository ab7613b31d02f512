package org.vosuite.soda.region;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.vosuite.soda.SodaUsageException;

/** Parses the values of SODA's filtering parameters (SODA 1.0 §3.3), with messages that say what to write. */
public final class SodaFilters {
    /** The polarization states SODA's POL accepts (the ObsCore pol_states vocabulary). */
    public static final Set<String> POL_STATES = Set.of("I", "Q", "U", "V", "RR", "LL", "RL", "LR", "XX", "YY",
            "XY", "YX", "POLI", "POLA");

    private SodaFilters() {
    }

    /** POS: {@code CIRCLE ra dec r}, {@code RANGE lon1 lon2 lat1 lat2} or {@code POLYGON ra1 dec1 ...}. */
    public static SkyRegion pos(String value) throws SodaUsageException {
        String[] t = value.trim().split("\\s+");
        String shape = t[0].toUpperCase(Locale.ROOT);
        String rest = value.trim().substring(t[0].length()).trim();
        return switch (shape) {
            case "CIRCLE" -> circle(rest, "POS=CIRCLE");
            case "POLYGON" -> polygon(rest, "POS=POLYGON");
            case "RANGE" -> range(rest);
            default -> throw new SodaUsageException("POS must start with CIRCLE, RANGE or POLYGON, not '" + t[0]
                    + "'");
        };
    }

    /** CIRCLE: {@code ra dec radius} in degrees. */
    public static SkyRegion.Circle circle(String value, String name) throws SodaUsageException {
        double[] v = numbers(value, name, false);
        if (v.length != 3) {
            throw new SodaUsageException(name + " needs three numbers: ra dec radius (degrees), got '" + value + "'");
        }
        checkPosition(v[0], v[1], name);
        if (!(v[2] > 0) || v[2] > 180) {
            throw new SodaUsageException(name + " radius must lie in (0, 180] degrees, got " + v[2]);
        }
        return new SkyRegion.Circle(normalizeRa(v[0]), v[1], v[2]);
    }

    /** POLYGON: {@code ra1 dec1 ra2 dec2 ra3 dec3 ...}, at least three vertices. */
    public static SkyRegion.Polygon polygon(String value, String name) throws SodaUsageException {
        double[] v = numbers(value, name, false);
        if (v.length < 6 || v.length % 2 != 0) {
            throw new SodaUsageException(name + " needs at least three vertices as ra dec pairs (degrees), got "
                    + v.length + " numbers");
        }
        List<double[]> vertices = new ArrayList<>();
        for (int i = 0; i < v.length; i += 2) {
            checkPosition(v[i], v[i + 1], name);
            vertices.add(new double[] {normalizeRa(v[i]), v[i + 1]});
        }
        return new SkyRegion.Polygon(List.copyOf(vertices));
    }

    private static SkyRegion.Range range(String value) throws SodaUsageException {
        double[] v = numbers(value, "POS=RANGE", true);
        if (v.length != 4) {
            throw new SodaUsageException("POS=RANGE needs four numbers: lon1 lon2 lat1 lat2 (degrees; -Inf and"
                    + " +Inf for open ends), got '" + value + "'");
        }
        double lon1 = Double.isInfinite(v[0]) ? 0 : v[0];
        double lon2 = Double.isInfinite(v[1]) ? 360 : v[1];
        double lat1 = Math.max(-90, v[2]);
        double lat2 = Math.min(90, v[3]);
        if (lat1 > lat2) {
            throw new SodaUsageException("POS=RANGE latitudes must be lat1 <= lat2, got " + v[2] + " " + v[3]);
        }
        if (lat1 > 90 || lat2 < -90) {
            throw new SodaUsageException("POS=RANGE latitudes must lie in [-90, 90]");
        }
        if (lon2 - lon1 >= 360) {
            return new SkyRegion.Range(0, 360, lat1, lat2);
        }
        return new SkyRegion.Range(normalizeRa(lon1), lon2 == 360 ? 360 : normalizeRa(lon2), lat1, lat2);
    }

    /** BAND or TIME: {@code lo hi}, -Inf/+Inf for open ends; a single value means lo = hi. */
    public static double[] interval(String value, String name, String unit) throws SodaUsageException {
        double[] v = numbers(value, name, true);
        if (v.length == 1) {
            v = new double[] {v[0], v[0]};
        }
        if (v.length != 2) {
            throw new SodaUsageException(name + " needs two numbers: lower upper (" + unit + "; -Inf and +Inf for"
                    + " open ends), got '" + value + "'");
        }
        if (v[0] > v[1]) {
            throw new SodaUsageException(name + " lower bound " + v[0] + " is above its upper bound " + v[1]);
        }
        return v;
    }

    public static String pol(String value) throws SodaUsageException {
        String p = value.trim().toUpperCase(Locale.ROOT);
        if (!POL_STATES.contains(p)) {
            throw new SodaUsageException("POL=" + value + " is not a polarization state; use one of "
                    + new java.util.TreeSet<>(POL_STATES));
        }
        return p;
    }

    private static void checkPosition(double ra, double dec, String name) throws SodaUsageException {
        if (Double.isInfinite(ra) || dec < -90 || dec > 90) {
            throw new SodaUsageException(name + " position " + ra + " " + dec + " is not on the sky (dec must lie"
                    + " in [-90, 90])");
        }
    }

    private static double normalizeRa(double ra) {
        double r = ra % 360;
        return r < 0 ? r + 360 : r;
    }

    private static double[] numbers(String value, String name, boolean infinities) throws SodaUsageException {
        String v = value.trim();
        if (v.isEmpty()) {
            throw new SodaUsageException(name + " is empty");
        }
        String[] t = v.split("\\s+");
        double[] out = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            String s = t[i].toLowerCase(Locale.ROOT);
            if (infinities && (s.equals("inf") || s.equals("+inf") || s.equals("infinity")
                    || s.equals("+infinity"))) {
                out[i] = Double.POSITIVE_INFINITY;
            } else if (infinities && (s.equals("-inf") || s.equals("-infinity"))) {
                out[i] = Double.NEGATIVE_INFINITY;
            } else {
                try {
                    out[i] = Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw new SodaUsageException(name + ": '" + t[i] + "' is not a number");
                }
                if (!Double.isFinite(out[i])) {
                    throw new SodaUsageException(name + ": '" + t[i] + "' is not a finite number");
                }
            }
        }
        return out;
    }
}

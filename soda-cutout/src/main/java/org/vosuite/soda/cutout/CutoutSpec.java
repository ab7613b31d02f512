package org.vosuite.soda.cutout;

import java.util.Set;
import org.vosuite.soda.region.SkyRegion;

/**
 * One cutout: the SODA filters of one combination of parameter values. Any of them may be absent (null or empty):
 * an absent filter keeps the whole axis.
 *
 * @param band wavelength interval in metres
 * @param time MJD (UTC) interval
 * @param pol  polarization states
 */
public record CutoutSpec(SkyRegion region, double[] band, double[] time, Set<String> pol) {
    public CutoutSpec {
        pol = pol == null ? Set.of() : Set.copyOf(pol);
    }

    /** The filters as SODA parameters, for provenance cards and error messages. */
    public String describe() {
        StringBuilder s = new StringBuilder();
        if (region != null) {
            s.append("POS=").append(region.pos());
        }
        if (band != null) {
            s.append(s.isEmpty() ? "" : " ").append("BAND=").append(band[0]).append(' ').append(band[1]);
        }
        if (time != null) {
            s.append(s.isEmpty() ? "" : " ").append("TIME=").append(time[0]).append(' ').append(time[1]);
        }
        if (!pol.isEmpty()) {
            s.append(s.isEmpty() ? "" : " ").append("POL=").append(String.join(",", new java.util.TreeSet<>(pol)));
        }
        return s.isEmpty() ? "(whole dataset)" : s.toString();
    }
}

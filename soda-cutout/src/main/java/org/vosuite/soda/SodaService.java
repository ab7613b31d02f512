package org.vosuite.soda;

import java.io.IOException;
import java.sql.SQLException;
import org.vosuite.soda.cutout.CutoutException;
import org.vosuite.soda.cutout.CutoutSpec;
import org.vosuite.soda.cutout.FitsCutout;
import org.vosuite.soda.cutout.NoOverlapException;
import org.vosuite.soda.resolve.Dataset;
import org.vosuite.soda.resolve.DatasetLocator;
import org.vosuite.soda.resolve.DatasetNotFoundException;

/** Cutouts of the datasets a locator resolves, within a size limit. The HTTP layer and async jobs share it. */
public final class SodaService {
    private final DatasetLocator locator;
    private final long maxPixels;

    /** @param maxPixels the largest cutout, in pixels, one result may hold */
    public SodaService(DatasetLocator locator, long maxPixels) {
        this.locator = locator;
        this.maxPixels = maxPixels;
    }

    public Dataset locate(String id) throws DatasetNotFoundException, SQLException {
        return locator.locate(id);
    }

    /**
     * Writes the cutout of one dataset. BAND, TIME and POL select nothing when ObsCore says the dataset lies
     * outside them (an image has no such axis to cut; when it does, the cutout engine cuts it).
     */
    public FitsCutout.Result cutout(Dataset d, CutoutSpec spec)
            throws IOException, NoOverlapException, CutoutException {
        if (spec.band() != null && !overlaps(d.emMin(), d.emMax(), spec.band())) {
            throw new NoOverlapException("BAND " + spec.band()[0] + " " + spec.band()[1] + " m lies outside the"
                    + " dataset's wavelengths (" + d.emMin() + " to " + d.emMax() + " m)");
        }
        if (spec.time() != null && !overlaps(d.tMin(), d.tMax(), spec.time())) {
            throw new NoOverlapException("TIME " + spec.time()[0] + " " + spec.time()[1] + " lies outside the"
                    + " dataset's time (MJD " + d.tMin() + " to " + d.tMax() + ")");
        }
        if (!spec.pol().isEmpty() && d.polStates() != null && !d.polStates().isBlank()
                && spec.pol().stream().noneMatch(p -> d.polStates().contains("/" + p + "/"))) {
            throw new NoOverlapException("POL " + spec.pol() + " is not among the dataset's states "
                    + d.polStates());
        }
        return FitsCutout.prepare(d.file(), spec, d.id(), maxPixels);
    }

    private static boolean overlaps(double lo, double hi, double[] interval) {
        if (Double.isNaN(lo) || Double.isNaN(hi)) {
            return true; // unknown extent: nothing to exclude on
        }
        return interval[1] >= lo && interval[0] <= hi;
    }
}

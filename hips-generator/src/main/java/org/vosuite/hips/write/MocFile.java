package org.vosuite.hips.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;

/**
 * A spatial MOC 2.0 (IVOA MOC 2.0 §4.3.1) of a survey's tiles, written as FITS: one 64-bit column UNIQ of NUNIQ
 * cells (4·4^order + npix), complete groups of four siblings merged into their parent so that the list is the
 * normalised one.
 */
public final class MocFile {
    private MocFile() {
    }

    /** @param cells nested cells at {@code order}, in the survey's frame ("C" equatorial, "G" galactic) */
    public static void write(Path file, int order, java.util.Collection<Long> cells, String frame) throws IOException {
        List<Long> uniq = new ArrayList<>();
        TreeSet<Long> level = new TreeSet<>(cells);
        for (int o = order; o >= 0; o--) {
            TreeSet<Long> parents = new TreeSet<>();
            for (long c : level) {
                long p = c >> 2;
                if ((c & 3) == 0 && level.contains(c + 1) && level.contains(c + 2) && level.contains(c + 3) && o > 0) {
                    parents.add(p);
                }
            }
            for (long c : level) {
                if (!parents.contains(c >> 2) || o == 0) {
                    uniq.add(4L * (1L << (2 * o)) + c);
                }
            }
            level = parents;
        }
        uniq.sort(null);
        long[] column = uniq.stream().mapToLong(Long::longValue).toArray();
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (Fits f = new Fits()) {
            f.addHDU(Fits.makeHDU((Object) null));
            BinaryTable t = new BinaryTable();
            t.addColumn(column);
            BinaryTableHDU hdu = (BinaryTableHDU) Fits.makeHDU(t);
            Header h = hdu.getHeader();
            hdu.setColumnName(0, "UNIQ", "NUNIQ cells");
            h.addValue("PIXTYPE", "HEALPIX", "HEALPix cells");
            h.addValue("ORDERING", "NUNIQ", "NUNIQ coding");
            h.addValue("COORDSYS", frame, "reference frame");
            h.addValue("MOCDIM", "SPACE", "spatial MOC");
            h.addValue("MOCVERS", "2.0", "MOC version");
            h.addValue("MOCORD_S", order, "spatial MOC order");
            h.addValue("MOCORDER", order, "MOC order (MOC 1.x readers)");
            h.addValue("MOCTOOL", "vosuite hips-generator", "writer");
            f.addHDU(hdu);
            f.write(file.toFile());
        } catch (FitsException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}

package org.vosuite.datalink.preview;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.vosuite.common.image.AsinhStretch;
import org.vosuite.common.image.ImagePlane;

/**
 * PNG previews of FITS images, rendered once and kept on disk: the first image plane, shrunk to at most
 * {@link #MAX_SIDE} pixels a side by block means, with an asinh stretch between its own 0.5 and 99.8 percentiles.
 * A preview is keyed by the dataset and its file's size and modification time, so a replaced file gets a new one;
 * files are written under a temporary name and moved into place, so a reader never sees half a PNG.
 */
public final class PreviewCache {
    public static final int MAX_SIDE = 1024;

    private final Path dir;

    public PreviewCache(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    /** The preview of {@code file} (dataset {@code datasetId}), rendered now if it is not cached. */
    public Path preview(String datasetId, Path file) throws IOException, ImagePlane.NoImageException {
        Path cached = dir.resolve(String.format(Locale.ROOT, "%s-%d-%d.png", datasetId, Files.size(file),
                Files.getLastModifiedTime(file).toMillis()));
        if (Files.isRegularFile(cached)) {
            return cached;
        }
        ImagePlane plane = ImagePlane.firstImage(file).binned(MAX_SIDE);
        byte[] png = AsinhStretch.of(plane).png(plane);
        Path tmp = Files.createTempFile(dir, datasetId, ".part");
        try {
            Files.write(tmp, png);
            try {
                Files.move(tmp, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, cached, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return cached;
    }
}

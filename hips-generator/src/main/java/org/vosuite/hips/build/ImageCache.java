package org.vosuite.hips.build;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vosuite.common.image.ImagePlane;

/**
 * The input images' pixels, read when a tile needs them and kept while they fit in {@code maxBytes}, least
 * recently used first out. Tiles are made in nested-index order, so neighbouring tiles (which need the same images)
 * follow each other and an image is read about once.
 */
final class ImageCache {
    private final long maxBytes;
    private final Map<SourceImage, ImagePlane> planes = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;
    private long reads;

    ImageCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    synchronized ImagePlane get(SourceImage s) throws IOException {
        ImagePlane p = planes.get(s);
        if (p == null) {
            p = s.load();
            offer(s, p);
        }
        return p;
    }

    /**
     * Keeps pixels just read from disk (counted as a read), dropping the least recently used others beyond the
     * limit: the description pass hands its pixels over, so an image that fits is not read twice.
     */
    synchronized void offer(SourceImage s, ImagePlane p) {
        reads++;
        if (planes.put(s, p) == null) {
            bytes += s.bytes();
        }
        var it = planes.entrySet().iterator();
        while (bytes > maxBytes && planes.size() > 1 && it.hasNext()) {
            Map.Entry<SourceImage, ImagePlane> e = it.next();
            if (e.getKey() != s) {
                bytes -= e.getKey().bytes();
                it.remove();
            }
        }
    }

    synchronized long reads() {
        return reads;
    }
}

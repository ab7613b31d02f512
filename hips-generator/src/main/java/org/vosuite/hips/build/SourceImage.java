package org.vosuite.hips.build;

import java.io.IOException;
import java.nio.file.Path;
import org.vosuite.common.image.ImagePlane;
import org.vosuite.common.sky.SkyMath;
import org.vosuite.common.wcs.CelestialFrame;
import org.vosuite.common.wcs.HeaderCards;
import org.vosuite.common.wcs.Wcs;
import org.vosuite.common.wcs.WcsException;

/**
 * An input image: where it is, its WCS, the sky circle that covers it (which decides cheaply whether a tile can
 * touch it), a sample of its values (for the pixel cut) and its exposure. Its pixels are not kept: tiles get them
 * through an {@link ImageCache}, so memory stays bounded however many images a survey has.
 */
final class SourceImage {
    final Path file;
    final int hdu;
    final Double blank;
    final int width;
    final int height;
    final Wcs wcs;
    final double[] center;
    final double radius;
    /** Pixel size in degrees (geometric mean of the two axes near the centre). */
    final double pixelDeg;
    /** Start and end of the exposure (MJD) from the header, NaN when it does not say. */
    final double tMin;
    final double tMax;
    /** Up to {@link #SAMPLE} of the image's finite values, evenly spread. */
    final float[] sample;

    static final int SAMPLE = 20_000;

    private SourceImage(Path file, int hdu, Double blank, int width, int height, Wcs wcs, double[] center,
            double radius, double pixelDeg, double[] time, float[] sample) {
        this.file = file;
        this.hdu = hdu;
        this.blank = blank;
        this.width = width;
        this.height = height;
        this.wcs = wcs;
        this.center = center;
        this.radius = radius;
        this.pixelDeg = pixelDeg;
        this.tMin = time[0];
        this.tMax = time[1];
        this.sample = sample;
    }

    /**
     * Reads the image for its description and offers its pixels to the cache (tiles read them again only if the
     * cache had to drop them).
     */
    static SourceImage read(Path file, int hdu, Double blank, ImageCache cache) throws IOException,
            ImagePlane.NoImageException, WcsException {
        ImagePlane.WithHeader image = ImagePlane.read(file, hdu);
        ImagePlane plane = pixels(image.plane(), blank);
        Wcs wcs = Wcs.of(HeaderCards.of(image.header()));
        int[] axes = wcs.celestialPixelAxes();
        if (axes[0] != 0 || axes[1] != 1) {
            throw new WcsException("the celestial axes must be the first two (they are " + (axes[0] + 1) + " and "
                    + (axes[1] + 1) + ")");
        }
        int nx = plane.width();
        int ny = plane.height();
        double[] mid = wcs.pixelToIcrs((nx + 1) / 2.0, (ny + 1) / 2.0);
        if (Double.isNaN(mid[0])) {
            throw new WcsException("the image centre lies outside its projection");
        }
        double[] c = SkyMath.unitVector(mid[0], mid[1]);
        double radius = 0;
        for (int i = 0; i <= 16; i++) {
            double t = i / 16.0;
            for (double[] p : new double[][] {{0.5 + t * nx, 0.5}, {0.5 + t * nx, ny + 0.5}, {0.5, 0.5 + t * ny},
                {nx + 0.5, 0.5 + t * ny}}) {
                double[] s = wcs.pixelToIcrs(p[0], p[1]);
                if (!Double.isNaN(s[0])) {
                    radius = Math.max(radius, SkyMath.angle(c, SkyMath.unitVector(s[0], s[1])));
                }
            }
        }
        double[] dx = wcs.pixelToIcrs((nx + 1) / 2.0 + 1, (ny + 1) / 2.0);
        double[] dy = wcs.pixelToIcrs((nx + 1) / 2.0, (ny + 1) / 2.0 + 1);
        double px = Math.sqrt(SkyMath.angularDistanceDeg(mid[0], mid[1], dx[0], dx[1])
                * SkyMath.angularDistanceDeg(mid[0], mid[1], dy[0], dy[1]));
        SourceImage s = new SourceImage(file, hdu, blank, nx, ny, wcs, c, radius * 1.01 + 1e-9, px,
                exposure(image.header()), plane.sample(SAMPLE));
        cache.offer(s, plane);
        return s;
    }

    /** The image's pixels, blanks as NaN (read by {@link ImageCache}). */
    ImagePlane load() throws IOException {
        try {
            return pixels(ImagePlane.read(file, hdu).plane(), blank);
        } catch (ImagePlane.NoImageException e) {
            throw new IOException(file + " changed while the survey was being built: " + e.getMessage(), e);
        }
    }

    private static ImagePlane pixels(ImagePlane plane, Double blank) {
        if (blank == null) {
            return plane;
        }
        float[] p = plane.pixels().clone();
        for (int i = 0; i < p.length; i++) {
            if (p[i] == blank.floatValue()) {
                p[i] = Float.NaN;
            }
        }
        return new ImagePlane(plane.width(), plane.height(), p);
    }

    /** Bytes its pixels take in memory. */
    long bytes() {
        return 4L * width * height;
    }

    /**
     * {start, end} MJD from MJD-OBS or DATE-OBS (UTC, the time scale's offset ignored) and MJD-END or EXPTIME
     * (seconds); NaNs when the header has no start.
     */
    static double[] exposure(nom.tam.fits.Header h) {
        double start = h.getDoubleValue("MJD-OBS", Double.NaN);
        if (Double.isNaN(start) && h.getStringValue("DATE-OBS") != null) {
            try {
                java.time.LocalDateTime t = java.time.LocalDateTime.parse(h.getStringValue("DATE-OBS").trim());
                start = t.toLocalDate().toEpochDay() + 40587 + t.toLocalTime().toNanoOfDay() / 86400e9;
            } catch (java.time.format.DateTimeParseException e) {
                start = Double.NaN;
            }
        }
        double end = h.getDoubleValue("MJD-END", Double.NaN);
        if (Double.isNaN(end) && !Double.isNaN(start)) {
            end = start + h.getDoubleValue("EXPTIME", 0) / 86400;
        }
        return new double[] {start, end};
    }

    /** The centre as a unit vector in a HiPS frame. */
    double[] center(CelestialFrame frame) {
        if (frame == CelestialFrame.ICRS) {
            return center;
        }
        double[] rd = SkyMath.raDec(center);
        double[] lb = frame.fromIcrs(rd[0], rd[1]);
        return SkyMath.unitVector(lb[0], lb[1]);
    }
}

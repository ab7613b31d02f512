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
 * An input image: its pixels (physical values, blanks as NaN), its WCS, and the sky circle that covers it, which
 * decides cheaply whether a tile can touch it.
 */
final class SourceImage {
    final Path file;
    final ImagePlane plane;
    final Wcs wcs;
    final double[] center;
    final double radius;
    /** Pixel size in degrees (geometric mean of the two axes near the centre). */
    final double pixelDeg;
    /** Start and end of the exposure (MJD) from the header, NaN when it does not say. */
    final double tMin;
    final double tMax;

    private SourceImage(Path file, ImagePlane plane, Wcs wcs, double[] center, double radius, double pixelDeg,
            double[] time) {
        this.file = file;
        this.plane = plane;
        this.wcs = wcs;
        this.center = center;
        this.radius = radius;
        this.pixelDeg = pixelDeg;
        this.tMin = time[0];
        this.tMax = time[1];
    }

    static SourceImage read(Path file, int hdu, Double blank) throws IOException, ImagePlane.NoImageException,
            WcsException {
        ImagePlane.WithHeader image = ImagePlane.read(file, hdu);
        ImagePlane plane = image.plane();
        if (blank != null) {
            float[] p = plane.pixels().clone();
            for (int i = 0; i < p.length; i++) {
                if (p[i] == blank.floatValue()) {
                    p[i] = Float.NaN;
                }
            }
            plane = new ImagePlane(plane.width(), plane.height(), p);
        }
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
        return new SourceImage(file, plane, wcs, c, radius * 1.01 + 1e-9, px, exposure(image.header()));
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

    /**
     * Bilinear interpolation at 1-based FITS pixel (x, y); NaN outside the image or when a neighbour is blank
     * (blank pixels do not leak into their neighbours).
     */
    float bilinear(double x, double y) {
        double fx = x - 1;
        double fy = y - 1;
        int nx = plane.width();
        int ny = plane.height();
        if (!(fx >= -0.5 && fy >= -0.5 && fx <= nx - 0.5 && fy <= ny - 0.5)) {
            return Float.NaN;
        }
        // inside the outer half pixel, the edge pixel's value
        fx = Math.min(Math.max(fx, 0), nx - 1);
        fy = Math.min(Math.max(fy, 0), ny - 1);
        int x0 = Math.min((int) fx, nx - 2 < 0 ? 0 : nx - 2);
        int y0 = Math.min((int) fy, ny - 2 < 0 ? 0 : ny - 2);
        int x1 = Math.min(x0 + 1, nx - 1);
        int y1 = Math.min(y0 + 1, ny - 1);
        double ax = fx - x0;
        double ay = fy - y0;
        float[] p = plane.pixels();
        float v00 = p[y0 * nx + x0];
        float v10 = p[y0 * nx + x1];
        float v01 = p[y1 * nx + x0];
        float v11 = p[y1 * nx + x1];
        return (float) ((1 - ay) * ((1 - ax) * v00 + ax * v10) + ay * ((1 - ax) * v01 + ax * v11));
    }
}

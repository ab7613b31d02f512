package org.vosuite.common.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import javax.imageio.ImageIO;

/**
 * An asinh display stretch (Lupton et al. 2004): values between {@code low} and {@code high} map to grey levels by
 * asinh(x / softening) / asinh(1 / softening) of their fraction x, which shows faint sky and bright stars in one
 * image where a linear cut saturates one or the other.
 *
 * @param softening where the curve turns from linear to logarithmic, as a fraction of high − low
 */
public record AsinhStretch(double low, double high, double softening) {
    /** The softening the previews and HiPS tiles use. */
    public static final double SOFTENING = 0.1;

    /** Cut levels from the image's own values: the 0.5th and 99.8th percentiles of its finite pixels. */
    public static AsinhStretch of(ImagePlane plane) {
        // a sample is as good as all pixels for percentiles
        return fromSample(plane.sample(200_000));
    }

    /** Cut levels from a sample of finite values (sorted here): its 0.5th and 99.8th percentiles. */
    public static AsinhStretch fromSample(float[] sample) {
        int n = sample.length;
        if (n == 0) {
            return new AsinhStretch(0, 1, SOFTENING);
        }
        Arrays.sort(sample);
        double lo = sample[(int) Math.floor(0.005 * (n - 1))];
        double hi = sample[(int) Math.ceil(0.998 * (n - 1))];
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        return new AsinhStretch(lo, hi, SOFTENING);
    }

    /** A value's grey level, 0–255; NaN is black. */
    public int grey(double v) {
        if (Double.isNaN(v)) {
            return 0;
        }
        return (int) Math.round(255 * curve(Math.min(1, Math.max(0, (v - low) / (high - low))), softening));
    }

    /** The stretch of a fraction x ∈ [0, 1]: asinh(x / softening) / asinh(1 / softening), also in [0, 1]. */
    public static double curve(double x, double softening) {
        return asinh(x / softening) / asinh(1 / softening);
    }

    /** The plane as an 8-bit greyscale PNG, north (the last FITS row) at the top. */
    public byte[] png(ImagePlane plane) throws IOException {
        BufferedImage img = new BufferedImage(plane.width(), plane.height(), BufferedImage.TYPE_BYTE_GRAY);
        byte[] raster = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < plane.height(); y++) {
            int row = plane.height() - 1 - y;
            for (int x = 0; x < plane.width(); x++) {
                raster[row * plane.width() + x] = (byte) grey(plane.at(x, y));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(img, "png", out)) {
            throw new IOException("no PNG writer in this Java runtime");
        }
        return out.toByteArray();
    }

    /** asinh, which java.lang.Math lacks. */
    public static double asinh(double x) {
        return Math.log(x + Math.sqrt(x * x + 1));
    }
}

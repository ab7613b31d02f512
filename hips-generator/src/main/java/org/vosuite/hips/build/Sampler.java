package org.vosuite.hips.build;

import java.util.Locale;
import org.vosuite.common.image.ImagePlane;

/**
 * How a value is read from an image at a fractional pixel: bilinear (4 pixels) or Lanczos-3 (6 × 6 pixels, sharper,
 * for surveys whose pixels are finer than the input's). Positions are 1-based FITS pixels; outside the image, or
 * where a pixel the kernel needs is blank, the value is NaN (blanks do not leak into their neighbours). Within the
 * outer half pixel the edge pixel's value is used.
 */
enum Sampler {
    BILINEAR, LANCZOS;

    static Sampler of(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--sampling is bilinear or lanczos, not '" + name + "'");
        }
    }

    float sample(ImagePlane img, double x, double y) {
        double fx = x - 1;
        double fy = y - 1;
        int nx = img.width();
        int ny = img.height();
        if (!(fx >= -0.5 && fy >= -0.5 && fx <= nx - 0.5 && fy <= ny - 0.5)) {
            return Float.NaN;
        }
        fx = Math.min(Math.max(fx, 0), nx - 1);
        fy = Math.min(Math.max(fy, 0), ny - 1);
        return this == BILINEAR ? bilinear(img, fx, fy) : lanczos(img, fx, fy);
    }

    private static float bilinear(ImagePlane img, double fx, double fy) {
        int nx = img.width();
        int ny = img.height();
        int x0 = Math.min((int) fx, Math.max(nx - 2, 0));
        int y0 = Math.min((int) fy, Math.max(ny - 2, 0));
        int x1 = Math.min(x0 + 1, nx - 1);
        int y1 = Math.min(y0 + 1, ny - 1);
        double ax = fx - x0;
        double ay = fy - y0;
        float[] p = img.pixels();
        float v00 = p[y0 * nx + x0];
        float v10 = p[y0 * nx + x1];
        float v01 = p[y1 * nx + x0];
        float v11 = p[y1 * nx + x1];
        return (float) ((1 - ay) * ((1 - ax) * v00 + ax * v10) + ay * ((1 - ax) * v01 + ax * v11));
    }

    /** Lanczos-3; next to the image's edge, where the kernel would leave the image, bilinear. */
    private static float lanczos(ImagePlane img, double fx, double fy) {
        int nx = img.width();
        int ny = img.height();
        int ix = (int) Math.floor(fx);
        int iy = (int) Math.floor(fy);
        if (ix - 2 < 0 || iy - 2 < 0 || ix + 3 >= nx || iy + 3 >= ny) {
            return bilinear(img, fx, fy);
        }
        double[] wx = new double[6];
        double[] wy = new double[6];
        double sx = 0;
        double sy = 0;
        for (int k = 0; k < 6; k++) {
            wx[k] = kernel(fx - (ix - 2 + k));
            wy[k] = kernel(fy - (iy - 2 + k));
            sx += wx[k];
            sy += wy[k];
        }
        float[] p = img.pixels();
        double v = 0;
        for (int j = 0; j < 6; j++) {
            int row = (iy - 2 + j) * nx + ix - 2;
            double r = 0;
            for (int k = 0; k < 6; k++) {
                r += wx[k] * p[row + k];
            }
            v += wy[j] * r;
        }
        return (float) (v / (sx * sy)); // normalised: a constant image stays constant
    }

    private static double kernel(double d) {
        if (d == 0) {
            return 1;
        }
        if (Math.abs(d) >= 3) {
            return 0;
        }
        double a = Math.PI * d;
        return 3 * Math.sin(a) * Math.sin(a / 3) / (a * a);
    }
}

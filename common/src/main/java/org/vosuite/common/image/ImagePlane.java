package org.vosuite.common.image;

import java.io.IOException;
import java.nio.file.Path;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import nom.tam.fits.ImageHDU;
import nom.tam.image.compression.hdu.CompressedImageHDU;

/**
 * One plane of a FITS image as physical values (BSCALE and BZERO applied, BLANK and non-finite values as NaN), in
 * FITS order: row 0 is the first row of the file, which displays at the bottom. Previews and HiPS tiles are made
 * from these.
 */
public record ImagePlane(int width, int height, float[] pixels) {
    /** Thrown when a file holds no image to show. */
    public static final class NoImageException extends Exception {
        public NoImageException(String message) {
            super(message);
        }
    }

    public float at(int x, int y) {
        return pixels[y * width + x];
    }

    /**
     * The first image of two or more axes in the file (primary or extension, tile-compressed or not); of a cube,
     * its first plane.
     */
    public static ImagePlane firstImage(Path file) throws IOException, NoImageException {
        return read(file, -1).plane();
    }

    /** The indexes (0 = primary) of the HDUs holding an image of two or more axes, tile-compressed or not. */
    public static java.util.List<Integer> imageHdus(Path file) throws IOException {
        java.util.List<Integer> out = new java.util.ArrayList<>();
        try (Fits in = new Fits(file.toFile())) {
            int index = -1;
            for (BasicHDU<?> each; (each = in.readHDU()) != null; ) {
                index++;
                Header h = each instanceof CompressedImageHDU c ? c.getImageHeader()
                        : each instanceof ImageHDU ? each.getHeader() : null;
                if (h != null && h.getIntValue("NAXIS", 0) >= 2 && h.getIntValue("NAXIS1", 0) > 0
                        && h.getIntValue("NAXIS2", 0) > 0) {
                    out.add(index);
                }
            }
        } catch (FitsException e) {
            throw new IOException("cannot read the FITS file " + file.getFileName() + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** An image plane with the header that describes it (WCS and all). */
    public record WithHeader(ImagePlane plane, Header header) {
    }

    /**
     * The image of HDU {@code hdu} (0 = primary), or with {@code hdu} &lt; 0 the first image of two or more axes.
     *
     * @throws NoImageException when that HDU (or every HDU) holds no such image
     */
    public static WithHeader read(Path file, int hdu) throws IOException, NoImageException {
        try (Fits in = new Fits(file.toFile())) {
            int index = -1;
            for (BasicHDU<?> each; (each = in.readHDU()) != null; ) {
                index++;
                if (hdu >= 0 && index != hdu) {
                    continue;
                }
                ImageHDU image;
                if (each instanceof CompressedImageHDU c) {
                    image = c.asImageHDU();
                } else if (each instanceof ImageHDU i) {
                    image = i;
                } else {
                    continue;
                }
                Header h = image.getHeader();
                if (h.getIntValue("NAXIS", 0) < 2 || h.getIntValue("NAXIS1", 0) < 1
                        || h.getIntValue("NAXIS2", 0) < 1) {
                    continue;
                }
                return new WithHeader(of(h, image.getKernel()), h);
            }
        } catch (FitsException e) {
            throw new IOException("cannot read the FITS file " + file.getFileName() + ": " + e.getMessage(), e);
        }
        throw new NoImageException(file.getFileName() + (hdu >= 0 ? " has no image in HDU " + hdu
                : " holds no image of two or more axes"));
    }

    private static ImagePlane of(Header h, Object kernel) {
        Object plane = kernel;
        while (plane instanceof Object[] a && a.length > 0 && a[0] instanceof Object[]) {
            plane = a[0]; // the first plane of each higher axis
        }
        Object[] rows = (Object[]) plane;
        int height = rows.length;
        int width = java.lang.reflect.Array.getLength(rows[0]);
        double scale = h.getDoubleValue("BSCALE", 1);
        double zero = h.getDoubleValue("BZERO", 0);
        boolean hasBlank = h.containsKey("BLANK");
        long blank = h.getLongValue("BLANK", 0);
        float[] out = new float[width * height];
        for (int y = 0; y < height; y++) {
            Object row = rows[y];
            for (int x = 0; x < width; x++) {
                double v;
                boolean integer = true;
                if (row instanceof float[] f) {
                    v = f[x];
                    integer = false;
                } else if (row instanceof double[] d) {
                    v = d[x];
                    integer = false;
                } else if (row instanceof short[] s) {
                    v = s[x];
                } else if (row instanceof int[] i) {
                    v = i[x];
                } else if (row instanceof byte[] b) {
                    v = b[x] & 0xff;
                } else {
                    v = ((long[]) row)[x];
                }
                if (integer && hasBlank && (long) v == blank) {
                    out[y * width + x] = Float.NaN;
                } else {
                    double p = zero + scale * v;
                    out[y * width + x] = Double.isFinite(p) ? (float) p : Float.NaN;
                }
            }
        }
        return new ImagePlane(width, height, out);
    }

    /** Up to {@code max} of the plane's finite values, evenly spread over it (for cut levels). */
    public float[] sample(int max) {
        int step = Math.max(1, pixels.length / max);
        float[] out = new float[(pixels.length + step - 1) / step];
        int n = 0;
        for (int i = 0; i < pixels.length; i += step) {
            if (!Float.isNaN(pixels[i])) {
                out[n++] = pixels[i];
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /**
     * The plane shrunk by a whole factor so that neither side exceeds {@code maxSide}: each output pixel the mean of
     * the finite input pixels of its block (NaN when none is).
     */
    public ImagePlane binned(int maxSide) {
        int f = Math.max(1, (int) Math.ceil(Math.max(width, height) / (double) maxSide));
        if (f == 1) {
            return this;
        }
        int w = (width + f - 1) / f;
        int h = (height + f - 1) / f;
        double[] sum = new double[w * h];
        int[] n = new int[w * h];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float v = pixels[y * width + x];
                if (!Float.isNaN(v)) {
                    int o = (y / f) * w + x / f;
                    sum[o] += v;
                    n[o]++;
                }
            }
        }
        float[] out = new float[w * h];
        for (int i = 0; i < out.length; i++) {
            out[i] = n[i] == 0 ? Float.NaN : (float) (sum[i] / n[i]);
        }
        return new ImagePlane(w, h, out);
    }
}

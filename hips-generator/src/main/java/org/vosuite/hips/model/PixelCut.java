package org.vosuite.hips.model;

import java.util.Locale;
import org.vosuite.common.image.AsinhStretch;

/**
 * How tile values become 8-bit grey levels for PNG and JPEG tiles (HiPS {@code hips_pixel_cut}): values between
 * {@code min} and {@code max} through a transfer function; blank pixels are transparent (PNG) or black (JPEG).
 */
public record PixelCut(double min, double max, Function function) {
    public enum Function {
        LINEAR, LOG, SQRT, ASINH
    }

    public PixelCut {
        if (!(max > min)) {
            throw new IllegalArgumentException("a pixel cut needs min < max, not " + min + " " + max);
        }
    }

    /** Steps of the lookup table between min and max: finer than the 256 grey levels everywhere on the curves. */
    private static final int STEPS = 16384;

    /** "min max [linear|log|sqrt|asinh]", as {@code --pixel-cut} and Hipsgen take it. */
    public static PixelCut parse(String text) {
        String[] p = text.trim().split("\\s+");
        if (p.length < 2 || p.length > 3) {
            throw new IllegalArgumentException("a pixel cut is \"min max [linear|log|sqrt|asinh]\", not '" + text
                    + "'");
        }
        try {
            return new PixelCut(Double.parseDouble(p[0]), Double.parseDouble(p[1]), p.length == 2
                    ? Function.LINEAR : Function.valueOf(p[2].toUpperCase(Locale.ROOT)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the pixel cut's min and max must be numbers: '" + text + "'");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the pixel cut's function is linear, log, sqrt or asinh, not '"
                    + p[2] + "'");
        }
    }

    /**
     * A lookup table of {@link #grey} (a tile has 262,144 pixels: a logarithm for each took most of a PNG tile's
     * time).
     */
    public Lookup lookup() {
        byte[] table = new byte[STEPS + 1];
        for (int i = 0; i <= STEPS; i++) {
            table[i] = (byte) curve(i / (double) STEPS);
        }
        return v -> {
            if (Float.isNaN(v)) {
                return -1;
            }
            double x = (v - min) / (max - min);
            int i = x <= 0 ? 0 : x >= 1 ? STEPS : (int) (x * STEPS + 0.5);
            return table[i] & 0xff;
        };
    }

    /** Grey levels by table. */
    @FunctionalInterface
    public interface Lookup {
        /** 0–255, or -1 for a blank (NaN) value. */
        int grey(float v);
    }

    /** 0–255, or -1 for a blank (NaN) value. */
    public int grey(float v) {
        if (Float.isNaN(v)) {
            return -1;
        }
        return curve(Math.min(1, Math.max(0, (v - min) / (max - min))));
    }

    private int curve(double x) {
        double y = switch (function) {
            case LINEAR -> x;
            case SQRT -> Math.sqrt(x);
            case LOG -> Math.log10(1 + 1000 * x) / 3; // log10(1001) ≈ 3
            case ASINH -> AsinhStretch.curve(x, AsinhStretch.SOFTENING);
        };
        return (int) Math.round(255 * Math.min(1, y));
    }

    /** As the properties file writes it: "min max function". */
    public String describe() {
        return min + " " + max + " " + function.name().toLowerCase(Locale.ROOT);
    }
}

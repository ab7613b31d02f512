package org.vosuite.hips;

import java.nio.file.Path;
import java.util.List;
import org.vosuite.hips.model.PixelCut;

/**
 * What {@code vo hips generate} builds.
 *
 * @param hdu       the HDU holding the image in every input (0 = primary), -1 for the first image found, or
 *                  {@link #ALL_HDUS} for every image HDU (detectors of a multi-extension file)
 * @param blank     a value meaning "no data" besides NaN, or null
 * @param order     the deepest order, or null for the one whose pixels just resolve the input's (not finer)
 * @param tileWidth pixels across a tile, a power of two (512)
 * @param frame     "equatorial" (ICRS) or "galactic"
 * @param pixelCut  for PNG/JPEG tiles, or null for the 0.5 and 99.8 percentiles of the input with asinh
 * @param formats   tile formats, among "fits", "png", "jpg"; the first is the one clients try first
 * @param em        {min, max} wavelength in metres for em_min/em_max, or null when unknown
 * @param sampling  "bilinear" or "lanczos"
 * @param overlay   how overlapping images combine: "mean", "first", "median" or "fading"
 * @param memoryBytes input pixels kept in memory at most (beyond the images the running tiles use)
 * @param add       add the inputs to the survey already in {@code output}: only the tiles they touch and their
 *                  parents are made again, with the survey's own settings (order, cut, formats, sampling…)
 */
public record HipsOptions(List<Path> inputs, Path output, int hdu, Double blank, Integer order, int tileWidth,
        String frame, PixelCut pixelCut, List<String> formats, int threads, String title, String creatorDid,
        double[] em, String sampling, String overlay, long memoryBytes, boolean add) {
    public static final int ALL_HDUS = -2;

    public HipsOptions {
        inputs = List.copyOf(inputs);
        formats = List.copyOf(formats);
        if (Integer.bitCount(tileWidth) != 1 || tileWidth < 64 || tileWidth > 4096) {
            throw new IllegalArgumentException("--tile-width must be a power of two from 64 to 4096, not "
                    + tileWidth);
        }
        if (!frame.equals("equatorial") && !frame.equals("galactic")) {
            throw new IllegalArgumentException("--frame is equatorial or galactic, not '" + frame + "'");
        }
        for (String f : formats) {
            if (!List.of("fits", "png", "jpg").contains(f)) {
                throw new IllegalArgumentException("--formats takes fits, png and jpg, not '" + f + "'");
            }
        }
        if (!formats.contains("fits")) {
            throw new IllegalArgumentException("--formats must include fits: lower orders and PNG/JPEG tiles are "
                    + "made from the FITS tiles");
        }
        if (order != null && (order < 3 || order > 20)) {
            throw new IllegalArgumentException("--order must be from 3 to 20, not " + order);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1");
        }
        if (!List.of("bilinear", "lanczos").contains(sampling)) {
            throw new IllegalArgumentException("--sampling is bilinear or lanczos, not '" + sampling + "'");
        }
        if (!List.of("mean", "first", "median", "fading").contains(overlay)) {
            throw new IllegalArgumentException("--overlay is mean, first, median or fading, not '" + overlay + "'");
        }
        if (memoryBytes < 1 << 20) {
            throw new IllegalArgumentException("--memory must be at least 1 MB");
        }
        if (creatorDid == null || !creatorDid.startsWith("ivo://")) {
            throw new IllegalArgumentException("--creator-did must be an IVOA identifier (ivo://authority/P/…), not '"
                    + creatorDid + "'");
        }
    }
}

package org.vosuite.hips.build;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.vosuite.common.healpix.Healpix;
import org.vosuite.common.image.ImagePlane;
import org.vosuite.common.wcs.CelestialFrame;
import org.vosuite.common.wcs.WcsException;
import org.vosuite.hips.HipsOptions;
import org.vosuite.hips.model.HipsTile;
import org.vosuite.hips.model.PixelCut;
import org.vosuite.hips.write.MocFile;
import org.vosuite.hips.write.PropertiesFile;
import org.vosuite.hips.write.TileFiles;

/**
 * Builds a HiPS image survey: the deepest order resampled from the inputs ({@link TileRenderer}), each lower order
 * down to 3 by 2×2 means of the FITS tiles below (NaN-aware), PNG/JPEG tiles through the pixel cut, Allsky files at
 * order 3, {@code Moc.fits} and {@code properties}. Tiles are rendered in parallel; each thread holds one tile.
 */
public final class HipsBuilder {
    /** Order 0 pixel size × 2^order = tile pixels: sqrt(4π/12) rad, in degrees. */
    private static final double ORDER0_CELL_DEG = Math.toDegrees(Math.sqrt(Math.PI / 3));
    private static final int MIN_ORDER = 3;

    /** What was built. */
    public record Result(int order, long deepestTiles, long allTiles, double seconds, double tilesPerSecond) {
    }

    private HipsBuilder() {
    }

    /** The deepest order whose pixels are not finer than {@code pixelDeg} (at least 3). */
    public static int orderFor(double pixelDeg, int tileWidth) {
        int order = (int) Math.floor(Math.log(ORDER0_CELL_DEG / (tileWidth * pixelDeg)) / Math.log(2) + 1e-9);
        return Math.max(MIN_ORDER, Math.min(20, order));
    }

    public static Result build(HipsOptions o, PrintWriter progress) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        List<SourceImage> images = new ArrayList<>();
        for (Path in : inputFiles(o.inputs())) {
            try {
                images.add(SourceImage.read(in, o.hdu(), o.blank()));
            } catch (ImagePlane.NoImageException | WcsException e) {
                throw new IOException(in + ": " + e.getMessage(), e);
            }
        }
        if (images.isEmpty()) {
            throw new IOException("no FITS images among the inputs " + o.inputs());
        }
        CelestialFrame frame = o.frame().equals("galactic") ? CelestialFrame.GALACTIC : CelestialFrame.ICRS;
        int shift = Integer.numberOfTrailingZeros(o.tileWidth());
        double finest = images.stream().mapToDouble(s -> s.pixelDeg).min().orElseThrow();
        int order = o.order() != null ? o.order() : orderFor(finest, o.tileWidth());
        PixelCut cut = o.pixelCut() != null ? o.pixelCut() : autoCut(images);
        progress.printf(Locale.ROOT, "hips: %d images, order %d (%.3f\" pixels), tiles of %d px, %s%n",
                images.size(), order, ORDER0_CELL_DEG * 3600 / (o.tileWidth() * (double) (1L << order)),
                o.tileWidth(), frame == CelestialFrame.ICRS ? "equatorial" : "galactic");
        TreeSet<Long> deepest = new TreeSet<>();
        for (SourceImage s : images) {
            deepest.addAll(Coverage.tiles(s, order, frame));
        }
        Path out = o.output();
        Files.createDirectories(out);
        double[] range = {Double.MAX_VALUE, -Double.MAX_VALUE};
        ExecutorService pool = Executors.newFixedThreadPool(o.threads());
        long tiles = 0;
        try {
            AtomicLong done = new AtomicLong();
            List<Future<double[]>> work = new ArrayList<>();
            int w = o.tileWidth();
            for (long npix : deepest) {
                HipsTile tile = new HipsTile(order, npix);
                work.add(pool.submit(() -> {
                    float[] px = TileRenderer.render(tile, shift, TileRenderer.overlapping(tile, images, frame),
                            frame);
                    writeTile(out, tile, w, px, o.formats(), cut);
                    report(progress, done.incrementAndGet(), deepest.size(), order, t0);
                    return minMax(px);
                }));
            }
            collect(work, range);
            tiles += deepest.size();
            TreeSet<Long> level = deepest;
            for (int k = order - 1; k >= MIN_ORDER; k--) {
                TreeSet<Long> parents = new TreeSet<>();
                level.forEach(n -> parents.add(n >> 2));
                int child = k + 1;
                int kk = k;
                List<Future<double[]>> up = new ArrayList<>();
                AtomicLong made = new AtomicLong();
                for (long npix : parents) {
                    HipsTile tile = new HipsTile(kk, npix);
                    up.add(pool.submit(() -> {
                        float[] px = mean2x2(out, child, npix, w);
                        writeTile(out, tile, w, px, o.formats(), cut);
                        report(progress, made.incrementAndGet(), parents.size(), kk, t0);
                        return minMax(px);
                    }));
                }
                collect(up, range);
                tiles += parents.size();
                level = parents;
            }
        } finally {
            pool.shutdown();
        }
        Allsky.write(out, o.tileWidth(), o.formats(), cut);
        MocFile.write(out.resolve("Moc.fits"), order, deepest, frame == CelestialFrame.ICRS ? "C" : "G");
        PropertiesFile.write(out.resolve("properties"), properties(o, images, order, cut, range, deepest.size()));
        double[] view = initialView(images, o.frame());
        Preview.write(out, images, frame, new double[] {view[0], view[1], Math.max(view[2] * 2, 0.01)}, cut,
                o.title());
        double seconds = (System.nanoTime() - t0) / 1e9;
        progress.printf(Locale.ROOT, "hips: %d tiles (%d at order %d) in %.1f s, %.1f tiles/s, into %s%n", tiles,
                deepest.size(), order, seconds, tiles / seconds, out);
        return new Result(order, deepest.size(), tiles, seconds, tiles / seconds);
    }

    private static void collect(List<Future<double[]>> work, double[] range) throws IOException,
            InterruptedException {
        for (Future<double[]> f : work) {
            try {
                double[] r = f.get();
                range[0] = Math.min(range[0], r[0]);
                range[1] = Math.max(range[1], r[1]);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                throw c instanceof IOException io ? io : new IOException("a tile failed: " + c, c);
            }
        }
    }

    private static synchronized void report(PrintWriter progress, long done, long total, int order, long t0) {
        if (done == total || done % 50 == 0) {
            double s = (System.nanoTime() - t0) / 1e9;
            progress.printf(Locale.ROOT, "hips: order %d: %d/%d tiles (%.0f tiles/s overall)%n", order, done,
                    total, done / Math.max(s, 1e-3));
            progress.flush();
        }
    }

    private static void writeTile(Path out, HipsTile tile, int w, float[] px, List<String> formats, PixelCut cut)
            throws IOException {
        for (String f : formats) {
            Path file = out.resolve(tile.path(f));
            if (f.equals("fits")) {
                TileFiles.writeFits(file, w, px, tile);
            } else {
                TileFiles.writeImage(file, f, w, w, px, cut);
            }
        }
    }

    /**
     * A parent tile from its four children's FITS tiles, each shrunk by 2×2 means of its finite pixels: child
     * 4N + c, c = 2·dy + dx in HEALPix face (x, y), fills the parent's top half for dx = 0 (x runs down the rows)
     * and its left half for dy = 0.
     */
    static float[] mean2x2(Path out, int childOrder, long parent, int w) throws IOException {
        float[] px = new float[w * w];
        Arrays.fill(px, Float.NaN);
        int h = w / 2;
        for (int c = 0; c < 4; c++) {
            float[] child = TileFiles.readFits(out.resolve(new HipsTile(childOrder, 4 * parent + c).path("fits")), w);
            if (child == null) {
                continue;
            }
            ImagePlane half = new ImagePlane(w, w, child).binned(h);
            int row0 = (c & 1) == 0 ? h : 0;
            int col0 = (c >> 1) * h;
            for (int r = 0; r < h; r++) {
                System.arraycopy(half.pixels(), r * h, px, (row0 + r) * w + col0, h);
            }
        }
        return px;
    }

    private static double[] minMax(float[] px) {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (float v : px) {
            if (!Float.isNaN(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return new double[] {min, max};
    }

    /** The 0.5 and 99.8 percentiles of a sample of the inputs' pixels, asinh: faint sky and bright stars both show. */
    static PixelCut autoCut(List<SourceImage> images) {
        int per = 200_000 / images.size() + 1;
        float[] sample = new float[per * images.size()];
        int n = 0;
        for (SourceImage s : images) {
            float[] p = s.plane.pixels();
            int step = Math.max(1, p.length / per);
            for (int i = 0; i < p.length && n < sample.length; i += step) {
                if (!Float.isNaN(p[i])) {
                    sample[n++] = p[i];
                }
            }
        }
        if (n == 0) {
            return new PixelCut(0, 1, PixelCut.Function.LINEAR);
        }
        Arrays.sort(sample, 0, n);
        double lo = sample[(int) (0.005 * (n - 1))];
        double hi = sample[(int) Math.ceil(0.998 * (n - 1))];
        return new PixelCut(lo, hi > lo ? hi : lo + 1, PixelCut.Function.ASINH);
    }

    private static Map<String, String> properties(HipsOptions o, List<SourceImage> images, int order, PixelCut cut,
            double[] range, long deepest) {
        String now = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'"));
        double[] c = initialView(images, o.frame());
        Map<String, String> p = new LinkedHashMap<>();
        p.put("creator_did", o.creatorDid());
        p.put("obs_title", o.title());
        p.put("obs_description", "HiPS image survey of " + images.size() + " FITS images (" + o.title() + ")");
        p.put("dataproduct_type", "image");
        p.put("hips_version", "1.4");
        p.put("hips_builder", "vosuite hips-generator");
        p.put("hips_release_date", now);
        p.put("hips_creation_date", now);
        p.put("hips_status", "public master clonableOnce");
        p.put("hips_tile_format", String.join(" ", o.formats()));
        p.put("hips_order", Integer.toString(order));
        p.put("hips_order_min", Integer.toString(MIN_ORDER));
        p.put("hips_tile_width", Integer.toString(o.tileWidth()));
        p.put("hips_frame", o.frame());
        p.put("hips_pixel_bitpix", "-32");
        p.put("data_pixel_bitpix", "-32");
        p.put("hips_pixel_cut", cut.min() + " " + cut.max());
        p.put("hips_data_range", range[0] <= range[1] ? range[0] + " " + range[1] : null);
        p.put("hips_sampling", "bilinear");
        p.put("hips_overlay", "mean");
        p.put("hips_hierarchy", "mean");
        p.put("hips_pixel_scale", String.format(Locale.ROOT, "%.6g",
                ORDER0_CELL_DEG / (o.tileWidth() * (double) (1L << order))));
        p.put("hips_initial_ra", String.format(Locale.ROOT, "%.6f", c[0]));
        p.put("hips_initial_dec", String.format(Locale.ROOT, "%.6f", c[1]));
        p.put("hips_initial_fov", String.format(Locale.ROOT, "%.6f", Math.max(c[2] * 2, 0.01)));
        p.put("moc_sky_fraction", String.format(Locale.ROOT, "%.8f", deepest / (double) Healpix.npix(order)));
        p.put("prov_progenitor", images.size() + " FITS images: " + String.join(", ", images.stream().limit(5)
                .map(s -> s.file.getFileName().toString()).toList()) + (images.size() > 5 ? ", …" : ""));
        p.put("obs_regime", "Optical");
        double tMin = images.stream().mapToDouble(s -> s.tMin).filter(v -> !Double.isNaN(v)).min().orElse(Double.NaN);
        double tMax = images.stream().mapToDouble(s -> s.tMax).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
        if (!Double.isNaN(tMin)) {
            p.put("t_min", String.format(Locale.ROOT, "%.6f", tMin));
            p.put("t_max", String.format(Locale.ROOT, "%.6f", tMax));
        }
        if (o.em() != null) {
            p.put("em_min", Double.toString(o.em()[0]));
            p.put("em_max", Double.toString(o.em()[1]));
        }
        return p;
    }

    /** Centre (in the HiPS frame) and radius of the inputs, for the initial view. */
    private static double[] initialView(List<SourceImage> images, String frameName) {
        CelestialFrame frame = frameName.equals("galactic") ? CelestialFrame.GALACTIC : CelestialFrame.ICRS;
        double[] sum = new double[3];
        for (SourceImage s : images) {
            double[] v = s.center(frame);
            for (int i = 0; i < 3; i++) {
                sum[i] += v[i];
            }
        }
        double[] c = org.vosuite.common.sky.SkyMath.normalize(sum);
        double r = 0;
        for (SourceImage s : images) {
            r = Math.max(r, org.vosuite.common.sky.SkyMath.angle(c, s.center(frame)) + s.radius);
        }
        double[] rd = org.vosuite.common.sky.SkyMath.raDec(c);
        return new double[] {rd[0], rd[1], Math.toDegrees(r)};
    }

    /** FITS files among the inputs: files as given, folders searched (not recursively) for *.fits, *.fit, *.fz. */
    static List<Path> inputFiles(List<Path> inputs) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                try (var s = Files.list(p)) {
                    s.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(fits|fit|fz)"))
                            .sorted().forEach(out::add);
                }
            } else if (Files.isRegularFile(p)) {
                out.add(p);
            } else {
                throw new IOException("no such file or folder: " + p);
            }
        }
        return out;
    }
}

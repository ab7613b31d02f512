package org.vosuite.hips.build;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.vosuite.common.healpix.Healpix;
import org.vosuite.common.image.AsinhStretch;
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
 * down to 0 by 2×2 means of the FITS tiles below (NaN-aware), PNG/JPEG tiles through the pixel cut, Allsky files at
 * order 3, {@code Moc.fits} and {@code properties}. Tiles are rendered in parallel; each thread holds one tile.
 */
public final class HipsBuilder {
    /** Order 0 pixel size × 2^order = tile pixels: sqrt(4π/12) rad, in degrees. */
    private static final double ORDER0_CELL_DEG = Math.toDegrees(Math.sqrt(Math.PI / 3));
    /** The deepest order is at least 3 (the Allsky's); lower orders are made down to 0, as Hipsgen does. */
    private static final int MIN_ORDER = 3;
    /**
     * Parents go down to order 0: Hipsgen's LINT samples the tile hierarchy and, now and then, reports a survey
     * that stops at order 3 (with hips_order_min = 3) as not conforming; the few tiles of orders 0–2 cost nothing.
     */
    private static final int LOWEST_ORDER = 0;

    /** What was built. */
    public record Result(int order, long deepestTiles, long allTiles, double seconds, double tilesPerSecond,
            long imageReads) {
    }

    private HipsBuilder() {
    }

    /** The deepest order whose pixels are not finer than {@code pixelDeg} (at least 3). */
    public static int orderFor(double pixelDeg, int tileWidth) {
        int order = (int) Math.floor(Math.log(ORDER0_CELL_DEG / (tileWidth * pixelDeg)) / Math.log(2) + 1e-9);
        return Math.max(MIN_ORDER, Math.min(20, order));
    }

    public static Result build(HipsOptions requested, PrintWriter progress) throws IOException,
            InterruptedException {
        long t0 = System.nanoTime();
        SurveyState previous = requested.add() ? SurveyState.read(requested.output()) : null;
        HipsOptions o = previous == null ? requested : following(requested, previous,
                PropertiesFile.read(requested.output().resolve("properties")));
        List<Path> files = new ArrayList<>(previous == null ? List.of() : previous.inputs());
        List<Path> added = new ArrayList<>();
        for (Path p : inputFiles(requested.inputs())) {
            Path a = p.toAbsolutePath().normalize();
            if (!files.contains(a)) {
                files.add(a);
                added.add(a);
            }
        }
        if (previous != null && added.isEmpty()) {
            progress.println("hips: nothing to add: every input is in the survey already");
            progress.flush();
            return new Result(previous.order(), 0, 0, 0, 0, 0);
        }
        ImageCache cache = new ImageCache(o.memoryBytes());
        List<SourceImage> images = new ArrayList<>();
        List<SourceImage> fresh = new ArrayList<>();
        for (Path in : files) {
            try {
                for (int hdu : o.hdu() == HipsOptions.ALL_HDUS ? ImagePlane.imageHdus(in) : List.of(o.hdu())) {
                    SourceImage s = SourceImage.read(in, hdu, o.blank(), cache);
                    images.add(s);
                    if (previous == null || added.contains(in)) {
                        fresh.add(s);
                    }
                }
            } catch (ImagePlane.NoImageException | WcsException e) {
                throw new IOException(in + ": " + e.getMessage(), e);
            } catch (java.nio.file.NoSuchFileException e) {
                throw new IOException(in + " is missing: the survey was built from it (remove it from "
                        + SurveyState.FILE + " or build the survey again)", e);
            }
        }
        if (images.isEmpty()) {
            throw new IOException("no FITS images among the inputs " + o.inputs());
        }
        CelestialFrame frame = o.frame().equals("galactic") ? CelestialFrame.GALACTIC : CelestialFrame.ICRS;
        int shift = Integer.numberOfTrailingZeros(o.tileWidth());
        double finest = images.stream().mapToDouble(s -> s.pixelDeg).min().orElseThrow();
        int order = previous != null ? previous.order() : o.order() != null ? o.order()
                : orderFor(finest, o.tileWidth());
        PixelCut cut = previous != null ? PixelCut.parse(previous.pixelCut()) : o.pixelCut() != null ? o.pixelCut()
                : autoCut(images);
        progress.printf(Locale.ROOT, "hips: %d images%s, order %d (%.3f\" pixels), tiles of %d px, %s%n",
                images.size(), previous == null ? "" : " (" + added.size() + " added)", order,
                ORDER0_CELL_DEG * 3600 / (o.tileWidth() * (double) (1L << order)), o.tileWidth(),
                frame == CelestialFrame.ICRS ? "equatorial" : "galactic");
        TreeSet<Long> deepest = new TreeSet<>();
        for (SourceImage s : fresh) {
            deepest.addAll(Coverage.tiles(s, order, frame));
        }
        Path out = o.output();
        Files.createDirectories(out);
        Sampler sampler = Sampler.of(o.sampling());
        TileRenderer.Overlay overlay = TileRenderer.Overlay.of(o.overlay());
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
                            frame, cache, sampler, overlay);
                    writeTile(out, tile, w, px, o.formats(), cut);
                    report(progress, done.incrementAndGet(), deepest.size(), order, t0);
                    return minMax(px);
                }));
            }
            collect(work, range);
            tiles += deepest.size();
            TreeSet<Long> level = deepest;
            for (int k = order - 1; k >= LOWEST_ORDER; k--) {
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
        TreeSet<Long> covered = new TreeSet<>(deepest);
        if (previous != null) {
            covered.addAll(existingTiles(out, order));
            String old = PropertiesFile.read(out.resolve("properties")).get("hips_data_range");
            if (old != null) {
                String[] r = old.trim().split("\\s+");
                range[0] = Math.min(range[0], Double.parseDouble(r[0]));
                range[1] = Math.max(range[1], Double.parseDouble(r[1]));
            }
        }
        MocFile.write(out.resolve("Moc.fits"), order, covered, frame == CelestialFrame.ICRS ? "C" : "G");
        PropertiesFile.write(out.resolve("properties"), properties(o, images, order, cut, range, covered.size()));
        new SurveyState(order, o.tileWidth(), o.frame(), cut.describe(), o.formats(), o.sampling(), o.overlay(),
                o.hdu(), o.blank(), files).write(out);
        double[] view = initialView(images, o.frame());
        Preview.write(out, images, frame, new double[] {view[0], view[1], Math.max(view[2] * 2, 0.01)}, cut,
                o.title(), cache);
        double seconds = (System.nanoTime() - t0) / 1e9;
        progress.printf(Locale.ROOT, "hips: %d tiles (%d at order %d) in %.1f s, %.1f tiles/s, %d image reads, into "
                + "%s%n", tiles, deepest.size(), order, seconds, tiles / seconds, cache.reads(), out);
        return new Result(order, deepest.size(), tiles, seconds, tiles / seconds, cache.reads());
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
            int filled = (int) (20 * done / Math.max(total, 1));
            progress.printf(Locale.ROOT, "hips: order %2d [%s%s] %d/%d tiles, %.0f tiles/s%n", order,
                    "#".repeat(filled), ".".repeat(20 - filled), done, total, done / Math.max(s, 1e-3));
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

    /** The 0.5 and 99.8 percentiles of the inputs' samples, asinh: faint sky and bright stars both show. */
    static PixelCut autoCut(List<SourceImage> images) {
        int n = images.stream().mapToInt(s -> s.sample.length).sum();
        if (n == 0) {
            return new PixelCut(0, 1, PixelCut.Function.LINEAR);
        }
        float[] all = new float[n];
        int k = 0;
        for (SourceImage s : images) {
            System.arraycopy(s.sample, 0, all, k, s.sample.length);
            k += s.sample.length;
        }
        AsinhStretch s = AsinhStretch.fromSample(all); // the cut DataLink's previews use
        return new PixelCut(s.low(), s.high(), PixelCut.Function.ASINH);
    }

    private static Map<String, String> properties(HipsOptions o, List<SourceImage> images, int order, PixelCut cut,
            double[] range, long deepest) {
        double[] c = initialView(images, o.frame());
        Map<String, String> p = PropertiesFile.base(o.creatorDid(), o.title(), "HiPS image survey of " + images.size()
                + " FITS images (" + o.title() + ")", tileFormats(o.formats()), order, LOWEST_ORDER, o.tileWidth(),
                o.frame());
        p.put("hips_pixel_bitpix", "-32");
        p.put("data_pixel_bitpix", "-32");
        p.put("hips_pixel_cut", cut.min() + " " + cut.max());
        p.put("hips_data_range", range[0] <= range[1] ? range[0] + " " + range[1] : null);
        p.put("hips_sampling", o.sampling());
        p.put("hips_overlay", o.overlay());
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

    /** {@code hips_tile_format}: the file extension "jpg" is the format "jpeg" (HiPS 1.0 §4.4.1). */
    static String tileFormats(List<String> formats) {
        return String.join(" ", formats.stream().map(f -> f.equals("jpg") ? "jpeg" : f).toList());
    }

    /**
     * The survey's settings where they must stay as they were (order, cut, formats, sampling…) and its title and
     * wavelengths; the request's threads, memory and identifier.
     */
    private static HipsOptions following(HipsOptions r, SurveyState s, Map<String, String> properties) {
        double[] em = r.em();
        if (em == null && properties.get("em_min") != null && properties.get("em_max") != null) {
            em = new double[] {Double.parseDouble(properties.get("em_min")), Double.parseDouble(properties.get(
                    "em_max"))};
        }
        return new HipsOptions(r.inputs(), r.output(), s.hdu(), s.blank(), s.order(), s.tileWidth(), s.frame(),
                PixelCut.parse(s.pixelCut()), s.formats(), r.threads(), properties.getOrDefault("obs_title",
                r.title()), r.creatorDid(), em, s.sampling(), s.overlay(), r.memoryBytes(), true);
    }

    /** The deepest-order tiles already in the survey folder. */
    private static Set<Long> existingTiles(Path out, int order) throws IOException {
        Set<Long> found = new TreeSet<>();
        Path dir = out.resolve("Norder" + order);
        if (Files.isDirectory(dir)) {
            try (var s = Files.walk(dir)) {
                s.map(p -> p.getFileName().toString()).filter(n -> n.matches("Npix\\d+\\.fits"))
                        .forEach(n -> found.add(Long.parseLong(n.substring(4, n.length() - 5))));
            }
        }
        return found;
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

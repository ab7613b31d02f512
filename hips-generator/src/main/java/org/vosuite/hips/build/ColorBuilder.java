package org.vosuite.hips.build;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.vosuite.common.image.AsinhStretch;
import org.vosuite.hips.model.HipsTile;
import org.vosuite.hips.write.MocFile;
import org.vosuite.hips.write.PropertiesFile;
import org.vosuite.hips.write.TileFiles;

/**
 * A colour survey from three single-band surveys of the same order, tile width and frame (red, green, blue): every
 * tile any band has, at every order, and the Allsky, mapped to 8-bit RGB by the asinh stretch of Lupton et al.
 * (2004), the mapping astropy's {@code make_lupton_rgb} implements: intensity I = mean of the three bands minus
 * their minima, each band scaled by asinh(Q·I/stretch)·slope/I, colours kept when a band saturates. Blank pixels
 * (any band NaN) are transparent in PNG and black in JPEG.
 */
public final class ColorBuilder {
    private ColorBuilder() {
    }

    /**
     * @param minimum per band, the value shown as black (null: each band's {@code hips_pixel_cut} minimum)
     * @param stretch the linear range of the stretch (NaN: half the mean width of the bands' pixel cuts)
     */
    public static long build(List<Path> bands, Path out, String creatorDid, String title, double[] minimum,
            double stretch, double q, List<String> formats, PrintWriter progress) throws IOException {
        if (bands.size() != 3) {
            throw new IllegalArgumentException("a colour survey needs three band surveys: red, green, blue");
        }
        List<Map<String, String>> props = new ArrayList<>();
        for (Path b : bands) {
            Path p = b.resolve("properties");
            if (!Files.isRegularFile(p)) {
                throw new IOException(b + " is not a HiPS survey (no properties file)");
            }
            props.add(PropertiesFile.read(p));
        }
        for (String key : List.of("hips_order", "hips_tile_width", "hips_frame")) {
            if (!props.get(0).get(key).equals(props.get(1).get(key)) || !props.get(0).get(key).equals(
                    props.get(2).get(key))) {
                throw new IOException("the three bands differ in " + key + ": build them with the same --order, "
                        + "--tile-width and --frame");
            }
        }
        int order = Integer.parseInt(props.get(0).get("hips_order"));
        int w = Integer.parseInt(props.get(0).get("hips_tile_width"));
        double[] min = minimum != null ? minimum : new double[3];
        double widths = 0;
        for (int i = 0; i < 3; i++) {
            String[] cut = props.get(i).get("hips_pixel_cut").trim().split("\\s+");
            if (minimum == null) {
                min[i] = Double.parseDouble(cut[0]);
            }
            widths += Double.parseDouble(cut[1]) - Double.parseDouble(cut[0]);
        }
        Lupton lupton = new Lupton(min, Double.isNaN(stretch) ? widths / 3 / 2 : stretch, q);
        long tiles = 0;
        TreeSet<Long> deepest = new TreeSet<>();
        for (int k = 0; k <= order; k++) {
            TreeSet<Long> here = new TreeSet<>();
            for (Path b : bands) {
                Path dir = b.resolve("Norder" + k);
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                try (var s = Files.walk(dir)) {
                    s.map(p -> p.getFileName().toString()).filter(n -> n.matches("Npix\\d+\\.fits"))
                            .forEach(n -> here.add(Long.parseLong(n.substring(4, n.length() - 5))));
                }
            }
            for (long npix : here) {
                HipsTile tile = new HipsTile(k, npix);
                float[][] rgb = new float[3][];
                for (int i = 0; i < 3; i++) {
                    rgb[i] = TileFiles.readFits(bands.get(i).resolve(tile.path("fits")), w);
                }
                for (String f : formats) {
                    write(out.resolve(tile.path(f)), f, w, w, rgb, lupton);
                }
                tiles++;
            }
            if (k == order) {
                deepest = here;
            }
            progress.printf(Locale.ROOT, "hips rgb: order %d: %d tiles%n", k, here.size());
            progress.flush();
        }
        float[][] sky = new float[3][];
        int[] size = null;
        for (int i = 0; i < 3; i++) {
            Path allsky = bands.get(i).resolve("Norder3/Allsky.fits");
            if (Files.isRegularFile(allsky)) {
                size = Allsky.size();
                sky[i] = TileFiles.readFits(allsky, size[0], size[1]);
            }
        }
        if (size != null) {
            for (String f : formats) {
                write(out.resolve("Norder3/Allsky." + f), f, size[0], size[1], sky, lupton);
            }
        }
        MocFile.write(out.resolve("Moc.fits"), order, deepest, props.get(0).get("hips_frame").equals("galactic")
                ? "G" : "C");
        Map<String, String> p = PropertiesFile.base(creatorDid, title, "Colour composite (Lupton asinh, Q=" + q
                + ") of " + props.get(0).get("obs_title") + " (red), " + props.get(1).get("obs_title") + " (green), "
                + props.get(2).get("obs_title") + " (blue)", HipsBuilder.tileFormats(formats), order, 0, w,
                props.get(0).get("hips_frame"));
        p.put("dataproduct_subtype", "color");
        for (String key : List.of("hips_pixel_scale", "hips_initial_ra", "hips_initial_dec", "hips_initial_fov",
                "moc_sky_fraction", "obs_regime", "t_min", "t_max")) {
            p.put(key, props.get(1).get(key));
        }
        p.put("em_min", minOf(props, "em_min"));
        p.put("em_max", maxOf(props, "em_max"));
        p.put("prov_progenitor", String.join(", ", props.stream().map(x -> x.get("creator_did")).toList()));
        PropertiesFile.write(out.resolve("properties"), p);
        Preview.writeIndex(out, p.get("hips_frame").equals("galactic") ? org.vosuite.common.wcs.CelestialFrame.GALACTIC
                : org.vosuite.common.wcs.CelestialFrame.ICRS, new double[] {Double.parseDouble(p.get("hips_initial_ra")),
                Double.parseDouble(p.get("hips_initial_dec")), Double.parseDouble(p.get("hips_initial_fov"))}, title);
        Preview.writeColour(out, bands);
        progress.printf(Locale.ROOT, "hips rgb: %d tiles into %s%n", tiles, out);
        progress.flush();
        return tiles;
    }

    private static String minOf(List<Map<String, String>> props, String key) {
        return props.stream().map(m -> m.get(key)).filter(v -> v != null).map(Double::valueOf).min(Double::compare)
                .map(String::valueOf).orElse(null);
    }

    private static String maxOf(List<Map<String, String>> props, String key) {
        return props.stream().map(m -> m.get(key)).filter(v -> v != null).map(Double::valueOf).max(Double::compare)
                .map(String::valueOf).orElse(null);
    }

    /** The mapping, as astropy.visualization.lupton_rgb.AsinhMapping does it. */
    record Lupton(double[] minimum, double stretch, double q) {
        int[] rgb(float r, float g, float b) {
            if (Float.isNaN(r) || Float.isNaN(g) || Float.isNaN(b)) {
                return null;
            }
            double slope = 0.1 * 255 / AsinhStretch.asinh(0.1 * q);
            double soften = q / stretch;
            double[] c = {r - minimum[0], g - minimum[1], b - minimum[2]};
            double i = (c[0] + c[1] + c[2]) / 3;
            double fac = i <= 0 ? 0 : AsinhStretch.asinh(i * soften) * slope / i;
            for (int k = 0; k < 3; k++) {
                c[k] = Math.max(0, c[k] * fac);
            }
            double top = c[0] > c[1] ? (c[0] > c[2] ? c[0] : c[2]) : (c[1] > c[2] ? c[1] : c[2]);
            int[] out = new int[3];
            for (int k = 0; k < 3; k++) {
                double v = top >= 255 ? c[k] * 255 / top : c[k];
                out[k] = (int) Math.min(255, v); // numpy's astype(uint8) truncates
            }
            return out;
        }
    }

    private static void write(Path file, String format, int width, int height, float[][] rgb, Lupton lupton)
            throws IOException {
        boolean png = format.equals("png");
        BufferedImage img = new BufferedImage(width, height, png ? BufferedImage.TYPE_INT_ARGB
                : BufferedImage.TYPE_INT_RGB);
        for (int row = 0; row < height; row++) {
            int src = (height - 1 - row) * width;
            for (int col = 0; col < width; col++) {
                int k = src + col;
                int[] c = lupton.rgb(value(rgb[0], k), value(rgb[1], k), value(rgb[2], k));
                img.setRGB(col, row, c == null ? 0 : 0xff000000 | c[0] << 16 | c[1] << 8 | c[2]);
            }
        }
        TileFiles.writeImage(file, format, img);
    }

    /** A band without this tile has no data there. */
    private static float value(float[] band, int k) {
        return band == null ? Float.NaN : band[k];
    }
}

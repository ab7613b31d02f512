package org.vosuite.hips;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosuite.common.PythonOracle;
import org.vosuite.hips.build.ColorBuilder;
import org.vosuite.hips.build.HipsBuilder;
import org.vosuite.hips.write.TileFiles;

/**
 * The generator's options, each against an independent computation or against a full build: overlays (first,
 * median, fading) and Lanczos sampling against numpy/healpy/astropy references; adding images to a survey equals
 * building it from all of them and leaves untouched tiles alone; a memory limit smaller than one image changes
 * nothing but the number of reads; colour tiles equal astropy's make_lupton_rgb of the band tiles.
 */
class HipsModesTest {
    @TempDir
    static Path dir;
    static Path in;
    static final PrintWriter OUT = new PrintWriter(System.out, true);

    @BeforeAll
    static void inputs() throws Exception {
        in = HipsGeneratorTest.writeInputs(dir, dir.resolve("in"), 1.0);
    }

    static HipsOptions options(List<Path> inputs, Path out, String sampling, String overlay, long memory,
            boolean add) {
        return new HipsOptions(inputs, out, -1, null, 11, 256, "equatorial", null, List.of("fits", "png"), 2,
                "test", "ivo://example.org/P/test/modes", new double[] {4e-7, 5e-7}, sampling, overlay, memory, add);
    }

    /** Every FITS tile of a survey, by its path inside the survey. */
    static Map<String, float[]> tiles(Path survey) throws Exception {
        Map<String, float[]> out = new TreeMap<>();
        try (var s = Files.walk(survey)) {
            for (Path p : s.filter(p -> p.getFileName().toString().matches("Npix\\d+\\.fits")).toList()) {
                out.put(survey.relativize(p).toString(), TileFiles.readFits(p, 256));
            }
        }
        return out;
    }

    static void assertSameTiles(Map<String, float[]> a, Map<String, float[]> b) {
        assertEquals(a.keySet(), b.keySet());
        for (String k : a.keySet()) {
            assertArrayEquals(a.get(k), b.get(k), 0f, k);
        }
    }

    @Test
    void addingImagesEqualsBuildingFromAllAndLeavesOtherTilesAlone() throws Exception {
        Path all = dir.resolve("all");
        HipsBuilder.build(options(List.of(in), all, "bilinear", "mean", 512L << 20, false), OUT);
        Path grown = dir.resolve("grown");
        HipsBuilder.build(options(List.of(in.resolve("i0.fits")), grown, "bilinear", "mean", 512L << 20, false),
                OUT);
        Map<String, FileTime> before = new TreeMap<>();
        try (var s = Files.walk(grown.resolve("Norder11"))) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                before.put(grown.relativize(p).toString(), Files.getLastModifiedTime(p));
            }
        }
        Thread.sleep(1100); // file times have a one-second resolution on some file systems
        HipsBuilder.Result r = HipsBuilder.build(options(List.of(in.resolve("i1.fits"), in.resolve("c2.fits")),
                grown, "bilinear", "mean", 512L << 20, true), OUT);
        assertTrue(r.deepestTiles() > 0 && r.deepestTiles() < tiles(all).keySet().stream()
                .filter(k -> k.startsWith("Norder11")).count(), "only the tiles the new images touch: " + r);
        assertSameTiles(tiles(all), tiles(grown));
        int untouched = 0;
        for (Map.Entry<String, FileTime> e : before.entrySet()) {
            if (Files.getLastModifiedTime(grown.resolve(e.getKey())).equals(e.getValue())) {
                untouched++;
            }
        }
        assertTrue(untouched > 0, "tiles the new images do not touch are not rewritten");
        assertEquals(Files.readString(all.resolve("Moc.fits").getParent().resolve("properties")).lines()
                .filter(l -> l.startsWith("moc_sky_fraction") || l.startsWith("t_min") || l.startsWith("t_max"))
                .toList(), Files.readString(grown.resolve("properties")).lines().filter(l -> l.startsWith(
                "moc_sky_fraction") || l.startsWith("t_min") || l.startsWith("t_max")).toList());
        // the same images again: nothing to do
        assertEquals(0, HipsBuilder.build(options(List.of(in), grown, "bilinear", "mean", 512L << 20, true), OUT)
                .allTiles());
    }

    @Test
    void aMemoryLimitBelowOneImageChangesOnlyTheReads() throws Exception {
        HipsBuilder.Result roomy = HipsBuilder.build(options(List.of(in), dir.resolve("roomy"), "bilinear", "mean",
                512L << 20, false), OUT);
        HipsBuilder.Result tight = HipsBuilder.build(options(List.of(in), dir.resolve("tight"), "bilinear", "mean",
                1L << 20, false), OUT);
        assertEquals(3, roomy.imageReads(), "each image read once (the preview finds them in memory)");
        assertTrue(tight.imageReads() > roomy.imageReads(), roomy.imageReads() + " vs " + tight.imageReads());
        assertSameTiles(tiles(dir.resolve("roomy")), tiles(dir.resolve("tight")));
    }

    /** --hdu all takes every detector of a multi-extension file; the default only the first image. */
    @Test
    void everyDetectorOfAMultiExtensionFile() throws Exception {
        Path mef = Files.createDirectories(dir.resolve("mef"));
        PythonOracle.run(dir, "import numpy as np\nfrom astropy.io import fits\nfrom astropy.wcs import WCS",
                "apt-get install python3-astropy", """
                hdus = [fits.PrimaryHDU()]
                for det in range(2):
                    w = WCS(naxis=2)
                    w.wcs.ctype = ['RA---TAN', 'DEC--TAN']
                    w.wcs.crpix = [150.5, 150.5]
                    w.wcs.crval = [150.0 + 0.05 * det, 2.0]
                    w.wcs.cdelt = [-0.4 / 3600, 0.4 / 3600]
                    hdus.append(fits.ImageHDU(np.full((300, 300), 10.0 + det, np.float32), header=w.to_header(),
                                              name='CCD%d' % det))
                hdus.append(fits.BinTableHDU.from_columns([fits.Column(name='a', format='J', array=[1, 2])]))
                fits.HDUList(hdus).writeto(open(sys.argv[1]).read().strip() + '/raw.fits')
                open(sys.argv[2], 'w').write('ok\\n')
                """, List.of(mef.toString()));
        HipsBuilder.Result first = HipsBuilder.build(options(List.of(mef), dir.resolve("mef-first"), "bilinear",
                "mean", 512L << 20, false), OUT);
        HipsOptions all = options(List.of(mef), dir.resolve("mef-all"), "bilinear", "mean", 512L << 20, false);
        HipsBuilder.Result both = HipsBuilder.build(new HipsOptions(all.inputs(), all.output(), HipsOptions.ALL_HDUS,
                null, all.order(), all.tileWidth(), all.frame(), null, all.formats(), 2, "mef", all.creatorDid(),
                null, "bilinear", "mean", 512L << 20, false), OUT);
        assertTrue(both.deepestTiles() > first.deepestTiles() && both.imageReads() == 2, first + " " + both);
        // the second detector's value (11) appears only with --hdu all
        boolean eleven = tiles(dir.resolve("mef-all")).values().stream().anyMatch(t -> {
            for (float v : t) {
                if (v == 11f) {
                    return true;
                }
            }
            return false;
        });
        assertTrue(eleven, "the second detector's pixels are in the survey");
    }

    /** first, median and fading overlays, and Lanczos sampling, against numpy/healpy/astropy at sampled pixels. */
    @Test
    void overlaysAndLanczosEqualAnIndependentComputation() throws Exception {
        List<String> lines = new ArrayList<>();
        for (String[] mode : new String[][] {{"bilinear", "first"}, {"bilinear", "median"}, {"bilinear", "fading"},
            {"lanczos", "mean"}}) {
            Path out = dir.resolve(mode[0] + "-" + mode[1]);
            HipsBuilder.build(options(List.of(in), out, mode[0], mode[1], 512L << 20, false), OUT);
            try (var s = Files.walk(out.resolve("Norder11"))) {
                for (Path p : s.filter(p -> p.toString().endsWith(".fits")).sorted().toList()) {
                    lines.add(p + " " + p.getFileName().toString().replaceAll("\\D", "") + " " + mode[0] + " "
                            + mode[1]);
                }
            }
        }
        List<String> out = PythonOracle.run(dir, """
                import glob
                import numpy as np
                import healpy as hp
                from astropy.io import fits
                from astropy.wcs import WCS
                from scipy.ndimage import map_coordinates""", "apt-get install python3-healpy python3-astropy", """
                images = []
                for f in sorted(glob.glob('%s/*.fits')):
                    with fits.open(f) as hl:
                        h = [x for x in hl if x.data is not None][0]
                        images.append((WCS(h.header), h.data.astype(np.float64)))
                def lanczos(data, x, y):
                    def k(d):
                        d = np.asarray(d, float)
                        out = np.where(d == 0, 1.0, 3 * np.sin(np.pi * d) * np.sin(np.pi * d / 3)
                                       / np.where(d == 0, 1, (np.pi * d) ** 2))
                        return np.where(np.abs(d) >= 3, 0.0, out)
                    ix, iy = np.floor(x).astype(int), np.floor(y).astype(int)
                    v = np.zeros(len(x)); sx = np.zeros(len(x)); sy = np.zeros(len(x))
                    wx = [k(x - (ix - 2 + a)) for a in range(6)]
                    wy = [k(y - (iy - 2 + b)) for b in range(6)]
                    for b in range(6):
                        for a in range(6):
                            v += wx[a] * wy[b] * data[np.clip(iy - 2 + b, 0, data.shape[0] - 1),
                                                      np.clip(ix - 2 + a, 0, data.shape[1] - 1)]
                    return v / (sum(wx) * sum(wy))
                def interleave(ix, iy):
                    r = np.zeros_like(ix)
                    for b in range(8):
                        r |= ((ix >> b) & 1) << (2 * b) | ((iy >> b) & 1) << (2 * b + 1)
                    return r
                rng = np.random.default_rng(4)
                out = []
                for line in open(sys.argv[1]).read().splitlines():
                    path, npix, sampler, overlay = line.split()
                    tile = fits.getdata(path).astype(np.float64)
                    col, row = rng.integers(0, 256, 200), rng.integers(0, 256, 200)
                    cell = int(npix) * 4 ** 8 + interleave(255 - row, col)
                    ra, dec = hp.pix2ang(2 ** 19, cell, nest=True, lonlat=True)
                    vals, wts, ok = [], [], np.ones(len(cell), bool)
                    for w, data in images:
                        x, y = w.all_world2pix(ra, dec, 0)
                        ny, nx = data.shape
                        m = 3 if sampler == 'lanczos' else 1
                        inside = (x >= m) & (y >= m) & (x <= nx - 1 - m) & (y <= ny - 1 - m)
                        ok &= inside | ~((x > -2) & (y > -2) & (x < nx + 1) & (y < ny + 1))
                        v = lanczos(data, x, y) if sampler == 'lanczos' else map_coordinates(data, [y, x], order=1,
                                                                                              mode='nearest')
                        vals.append(np.where(inside, v, np.nan))
                        wts.append(np.maximum(1e-3, np.minimum(np.minimum(x + 0.5, nx - 0.5 - x),
                                                               np.minimum(y + 0.5, ny - 0.5 - y))))
                    vals, wts = np.array(vals), np.array(wts)
                    have = ~np.isnan(vals)
                    if overlay == 'first':
                        first = np.argmax(have, axis=0)
                        ref = vals[first, np.arange(len(cell))]
                    elif overlay == 'median':
                        ref = np.nanmedian(np.where(have, vals, np.nan), axis=0)
                    elif overlay == 'fading':
                        ref = np.nansum(np.where(have, vals * wts, 0), axis=0) / np.sum(np.where(have, wts, 0), axis=0)
                    else:
                        ref = np.nanmean(vals, axis=0)
                    ref = np.where(ok & have.any(axis=0), ref, np.nan)
                    ours = tile[row, col]
                    both = ~np.isnan(ref) & ~np.isnan(ours)
                    diff = np.abs(ours[both] - ref[both]) / np.abs(ref[both])
                    out.append('%%s %%s %%d %%.3e' %% (sampler, overlay, both.sum(), diff.max() if both.any() else 0))
                open(sys.argv[2], 'w').write('\\n'.join(out) + '\\n')
                """.formatted(in), lines);
        Map<String, int[]> compared = new TreeMap<>();
        for (String l : out) {
            String[] f = l.split(" ");
            compared.computeIfAbsent(f[0] + " " + f[1], k -> new int[1])[0] += Integer.parseInt(f[2]);
            assertTrue(Double.parseDouble(f[3]) < 2e-4, l);
        }
        System.out.println("overlays and Lanczos vs numpy/healpy/astropy, pixels compared: " + compared.entrySet()
                .stream().map(e -> e.getKey() + "=" + e.getValue()[0]).toList());
        assertEquals(4, compared.size());
        compared.forEach((k, v) -> assertTrue(v[0] > 300, k + ": " + v[0]));
    }

    /** Colour tiles against astropy.visualization.make_lupton_rgb of the three bands' FITS tiles. */
    @Test
    void colourTilesEqualAstropysLuptonRgb() throws Exception {
        List<Path> bands = new ArrayList<>();
        double[] scales = {1.0, 0.7, 0.45};
        for (int b = 0; b < 3; b++) {
            Path bandIn = HipsGeneratorTest.writeInputs(dir, dir.resolve("band" + b), scales[b]);
            Path band = dir.resolve("hips-band" + b);
            HipsBuilder.build(options(List.of(bandIn), band, "bilinear", "mean", 512L << 20, false), OUT);
            bands.add(band);
        }
        Path colour = dir.resolve("colour");
        ColorBuilder.build(bands, colour, "ivo://example.org/P/test/colour", "colour", new double[] {1000, 700, 450},
                600, 8, List.of("png", "jpg"), OUT);
        List<String> lines = new ArrayList<>();
        try (var s = Files.walk(colour.resolve("Norder11"))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".png")).sorted().limit(6).toList()) {
                lines.add(colour.relativize(p).toString());
            }
        }
        List<String> out = PythonOracle.run(dir, """
                import numpy as np
                from PIL import Image
                from astropy.io import fits
                from astropy.visualization import make_lupton_rgb""", "apt-get install python3-astropy python3-pil",
                """
                d = '%s'
                out = []
                for rel in open(sys.argv[1]).read().splitlines():
                    fitsrel = rel[:-4] + '.fits'
                    r, g, b = [fits.getdata(d + '/hips-band%%d/' %% k + fitsrel).astype(np.float64) for k in range(3)]
                    ok = ~(np.isnan(r) | np.isnan(g) | np.isnan(b))
                    ref = make_lupton_rgb(np.nan_to_num(r), np.nan_to_num(g), np.nan_to_num(b),
                                          minimum=[1000, 700, 450], stretch=600, Q=8)[::-1]
                    ours = np.asarray(Image.open(d + '/colour/' + rel).convert('RGBA'))
                    ok = ok[::-1]
                    diff = np.abs(ours[..., :3].astype(int) - ref.astype(int))[ok]
                    alpha = ours[..., 3]
                    out.append('%%d %%d %%d %%d' %% (ok.sum(), diff.max() if ok.any() else 0,
                                                 (alpha[ok] == 255).all(), (alpha[~ok] == 0).all()))
                open(sys.argv[2], 'w').write('\\n'.join(out) + '\\n')
                """.formatted(dir), lines);
        int compared = 0;
        for (String l : out) {
            String[] f = l.split(" ");
            compared += Integer.parseInt(f[0]);
            assertTrue(Integer.parseInt(f[1]) <= 1, "RGB levels differ by more than 1: " + l);
            assertEquals("1", f[2], "opaque where every band has data: " + l);
            assertEquals("1", f[3], "transparent where a band is blank: " + l);
        }
        assertTrue(compared > 10_000, "pixels compared: " + compared);
        List<String> lint = HipsGeneratorTest.lint(colour.toString());
        assertTrue(lint.stream().anyMatch(l -> l.contains("is fully IVOA HiPS 1.0 compatible")), String.join("\n",
                lint));
        assertTrue(lint.stream().noneMatch(l -> l.contains("no \"preview.jpg\"")), String.join("\n", lint));
        // the preview's channels are the bands' previews
        java.awt.image.BufferedImage preview = javax.imageio.ImageIO.read(colour.resolve("preview.jpg").toFile());
        java.awt.image.BufferedImage red = javax.imageio.ImageIO.read(bands.get(0).resolve("preview.jpg").toFile());
        assertEquals(red.getWidth(), preview.getWidth());
        int x = red.getWidth() / 2;
        int y = red.getHeight() / 2;
        assertEquals(red.getRGB(x, y) & 0xff, preview.getRGB(x, y) >> 16 & 0xff, 12.0, "red = the red band's grey");
    }
}

package org.vosuite.soda.cutout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosuite.common.PythonOracle;
import org.vosuite.soda.TestImages;
import org.vosuite.soda.region.SkyRegion;
import org.vosuite.soda.region.SodaFilters;

/**
 * Cutouts of generated FITS files checked by astropy: the pixels are exactly the slice of the input, every output
 * pixel maps (through astropy's WCS of the output) to the same sky position as the input pixel it came from, the
 * region's boundary (projected by astropy) lies inside the box, and the checksums verify.
 */
class FitsCutoutTest {
    private static final String ORACLE = """
            import warnings
            from astropy.utils.exceptions import AstropyWarning
            warnings.simplefilter('error', AstropyWarning)  # a bad checksum is a warning in astropy
            rows = [l.split('|') for l in open(sys.argv[1]).read().splitlines()]
            out = []
            for orig_path, cut_path, hdu_in, hdu_out, x0, y0, region in rows:
                hdu_in, hdu_out, x0, y0 = int(hdu_in), int(hdu_out), int(x0), int(y0)
                with fits.open(orig_path) as o, fits.open(cut_path, checksum=True) as c:
                    a = o[hdu_in].data
                    b = c[hdu_out].data
                    ny, nx = b.shape[-2], b.shape[-1]
                    same = np.array_equal(a[..., y0:y0 + ny, x0:x0 + nx], b)
                    wo = WCS(o[hdu_in].header).celestial
                    wc = WCS(c[hdu_out].header).celestial
                    xs, ys = np.meshgrid(np.linspace(0, nx - 1, 7), np.linspace(0, ny - 1, 7))
                    xs, ys = xs.ravel(), ys.ravel()
                    s1 = wo.pixel_to_world(xs + x0, ys + y0)
                    s2 = wc.pixel_to_world(xs, ys)
                    sep = s1.separation(s2).deg.max()
                    # the region's boundary in input pixels (0-based), clipped to the image, must lie in the box
                    vals = [float(v) for v in region.split()]
                    if len(vals) == 3:
                        t = np.linspace(0, 2 * np.pi, 361)
                        ctr = SkyCoord(vals[0] * u.deg, vals[1] * u.deg)
                        pts = ctr.directional_offset_by(t * u.rad, vals[2] * u.deg)
                    else:
                        pts = SkyCoord(vals[0::2] * u.deg, vals[1::2] * u.deg)
                    px, py = wo.world_to_pixel(pts)
                    H, W = a.shape[-2], a.shape[-1]
                    inside = (px > -0.5) & (px < W - 0.5) & (py > -0.5) & (py < H - 0.5)
                    cx = np.clip(px, 0, W - 1)
                    cy = np.clip(py, 0, H - 1)
                    ok = (np.round(cx) >= x0) & (np.round(cx) <= x0 + nx - 1) & (np.round(cy) >= y0) & (np.round(cy) <= y0 + ny - 1)
                    out.append('%s %.3e %s %d' % (same, sep, bool(ok.all()), int(inside.sum())))
            open(sys.argv[2], 'w').write('\\n'.join(out) + '\\n')
            """;

    @TempDir
    Path dir;

    private record Run(Path input, Path output, List<FitsCutout.Slice> slices, SkyRegion region) {
    }

    private Run cut(Path input, SkyRegion region, String name) throws Exception {
        Path out = dir.resolve(name + "-cut.fits");
        List<FitsCutout.Slice> slices;
        try (OutputStream o = Files.newOutputStream(out)) {
            slices = FitsCutout.cut(input, new CutoutSpec(region, null, null, Set.of()), "ivo://test/" + name,
                    100_000_000L, o);
        }
        return new Run(input, out, slices, region);
    }

    private static String regionText(SkyRegion r) {
        if (r instanceof SkyRegion.Circle c) {
            return c.ra() + " " + c.dec() + " " + c.radius();
        }
        StringBuilder s = new StringBuilder();
        for (double[] v : ((SkyRegion.Polygon) r).vertices()) {
            s.append(v[0]).append(' ').append(v[1]).append(' ');
        }
        return s.toString().trim();
    }

    private void checkWithAstropy(List<Run> runs) throws Exception {
        List<String> input = new ArrayList<>();
        for (Run r : runs) {
            boolean primaryCut = r.slices().size() == 1 && r.slices().get(0).hdu() == 0;
            for (int k = 0; k < r.slices().size(); k++) {
                FitsCutout.Slice s = r.slices().get(k);
                int hduOut = primaryCut ? 0 : k + 1;
                input.add(r.input() + "|" + r.output() + "|" + s.hdu() + "|" + hduOut + "|" + s.start()[0] + "|"
                        + s.start()[1] + "|" + regionText(r.region()));
            }
        }
        List<String> out = PythonOracle.run(dir, """
                import numpy as np
                import astropy.units as u
                from astropy.io import fits
                from astropy.wcs import WCS
                from astropy.coordinates import SkyCoord""", "apt-get install python3-astropy", ORACLE, input);
        assertEquals(input.size(), out.size());
        for (int i = 0; i < out.size(); i++) {
            String[] v = out.get(i).split(" ");
            assertEquals("True", v[0], "pixels are the input's slice: " + input.get(i));
            assertTrue(Double.parseDouble(v[1]) < 1e-9, "output WCS = input WCS shifted (" + v[1] + " deg): "
                    + input.get(i));
            assertEquals("True", v[2], "the region's boundary lies inside the box: " + input.get(i));
        }
    }

    @Test
    void cutoutsOfEveryKindOfImageAgreeWithAstropy() throws Exception {
        List<Run> runs = new ArrayList<>();
        SkyRegion small = SodaFilters.circle(TestImages.RA + 0.003 + " " + (TestImages.DEC - 0.002) + " 0.004",
                "CIRCLE");
        runs.add(cut(TestImages.plain(dir.resolve("plain.fits"), 1000, TestImages.RA, TestImages.DEC), small, "plain"));
        runs.add(cut(TestImages.sip(dir.resolve("sip.fits"), TestImages.RA, TestImages.DEC), small, "sip"));
        runs.add(cut(TestImages.zea(dir.resolve("zea.fits"), TestImages.RA, TestImages.DEC), SodaFilters.polygon(TestImages.RA + " " + TestImages.DEC + " "
                + (TestImages.RA + 0.02) + " " + TestImages.DEC + " " + (TestImages.RA + 0.01) + " "
                + (TestImages.DEC + 0.03), "POLYGON"), "zea"));
        // a circle at the boundary between the two detectors cuts both
        runs.add(cut(TestImages.multiExtension(dir.resolve("mef.fits"), TestImages.RA, TestImages.DEC), SodaFilters.circle(TestImages.RA + " " + TestImages.DEC
                + " 0.005", "CIRCLE"), "mef"));
        runs.add(cut(TestImages.compressed(dir.resolve("compressed.fits"), TestImages.RA, TestImages.DEC), small, "compressed"));
        // a circle that runs off the image's corner: clipped
        runs.add(cut(TestImages.plain(dir.resolve("plain.fits"), 1000, TestImages.RA, TestImages.DEC), SodaFilters.circle((TestImages.RA - 0.027) + " "
                + (TestImages.DEC + 0.027) + " 0.01", "CIRCLE"), "corner"));
        assertEquals(2, runs.get(3).slices().size(), "both detectors overlap");
        assertEquals(List.of(1, 2), runs.get(3).slices().stream().map(FitsCutout.Slice::hdu).toList());
        for (Run r : runs) {
            System.out.println(r.input().getFileName() + ": " + r.slices().stream().map(s -> "HDU " + s.hdu()
                    + " x " + s.start()[0] + "+" + s.length()[0] + " y " + s.start()[1] + "+" + s.length()[1])
                    .toList());
        }
        checkWithAstropy(runs);
    }

    @Test
    void bandCutsTheSpectralAxisOfACube() throws Exception {
        Path cube = TestImages.cube(dir.resolve("cube.fits"));
        Path out = dir.resolve("cube-cut.fits");
        List<FitsCutout.Slice> s;
        try (OutputStream o = Files.newOutputStream(out)) {
            // 450..475 nm: planes 10..15 (pixel edges at 397.5 + 5k nm)
            s = FitsCutout.cut(cube, new CutoutSpec(null, new double[] {450e-9, 475e-9}, null, Set.of()), "cube",
                    100_000_000L, o);
        }
        assertEquals(10, s.get(0).start()[2]);
        assertEquals(6, s.get(0).length()[2]);
        assertEquals(200, s.get(0).length()[0]);
        List<String> r = PythonOracle.run(dir, "import numpy as np\nfrom astropy.io import fits\nfrom astropy.wcs"
                + " import WCS", "apt-get install python3-astropy", """
                paths = open(sys.argv[1]).read().split()
                a = fits.getdata(paths[0]); b = fits.getdata(paths[1])
                w = WCS(fits.getheader(paths[1]))
                z = w.spectral.pixel_to_world(np.arange(b.shape[0]))
                open(sys.argv[2], 'w').write('%s %.6f %.6f\\n' % (np.array_equal(a[10:16], b), z[0].to_value('nm'), z[-1].to_value('nm')))
                """, List.of(cube + " " + out));
        assertEquals("True 450.000000 475.000000", r.get(0));
    }

    @Test
    void polSelectsTheStokesPlanes() throws Exception {
        Path cube = TestImages.stokesCube(dir.resolve("stokes.fits"));
        OutputStream sink = OutputStream.nullOutputStream();
        List<FitsCutout.Slice> qu = FitsCutout.cut(cube, new CutoutSpec(null, null, null, Set.of("Q", "U")), "p",
                1_000_000, sink);
        assertEquals(1, qu.get(0).start()[2]);
        assertEquals(2, qu.get(0).length()[2]);
        List<FitsCutout.Slice> v = FitsCutout.cut(cube, new CutoutSpec(null, null, null, Set.of("V")), "p",
                1_000_000, sink);
        assertEquals(3, v.get(0).start()[2]);
        assertEquals(1, v.get(0).length()[2]);
        assertThrows(NoOverlapException.class, () -> FitsCutout.cut(cube, new CutoutSpec(null, null, null,
                Set.of("RR")), "p", 1_000_000, sink));
    }

    @Test
    void timeSelectsTheFrames() throws Exception {
        Path cube = TestImages.timeCube(dir.resolve("time.fits"));
        OutputStream sink = OutputStream.nullOutputStream();
        // frames are [60000 + 60k s, 60000 + 60(k+1) s]: minutes 2.5..4.5 touch frames 2, 3 and 4
        double min = 1 / 1440.0;
        List<FitsCutout.Slice> s = FitsCutout.cut(cube, new CutoutSpec(null, null, new double[] {60000 + 2.5 * min,
                60000 + 4.5 * min}, Set.of()), "t", 1_000_000, sink);
        assertEquals(2, s.get(0).start()[2]);
        assertEquals(3, s.get(0).length()[2]);
        assertThrows(NoOverlapException.class, () -> FitsCutout.cut(cube, new CutoutSpec(null, null,
                new double[] {60001, 60002}, Set.of()), "t", 1_000_000, sink));
    }

    @Test
    void regionsOffTheImageSelectNothing() throws Exception {
        Path plain = TestImages.plain(dir.resolve("plain.fits"), 200, TestImages.RA, TestImages.DEC);
        SkyRegion far = SodaFilters.circle("10 -60 0.01", "CIRCLE");
        OutputStream sink = OutputStream.nullOutputStream();
        NoOverlapException e = assertThrows(NoOverlapException.class, () -> FitsCutout.cut(plain,
                new CutoutSpec(far, null, null, Set.of()), "x", 1_000_000, sink));
        assertTrue(e.getMessage().contains("select no pixel"), e.getMessage());
        // a band outside a cube's wavelengths
        Path cube = TestImages.cube(dir.resolve("cube.fits"));
        assertThrows(NoOverlapException.class, () -> FitsCutout.cut(cube, new CutoutSpec(null,
                new double[] {1e-6, 2e-6}, null, Set.of()), "x", 100_000_000, sink));
        // too large
        CutoutException big = assertThrows(CutoutException.class, () -> FitsCutout.cut(plain,
                new CutoutSpec(null, null, null, Set.of()), "x", 1000, sink));
        assertTrue(big.userCaused() && big.getMessage().contains("smaller region"), big.getMessage());
    }
}

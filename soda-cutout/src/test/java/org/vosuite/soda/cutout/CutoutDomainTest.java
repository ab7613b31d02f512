package org.vosuite.soda.cutout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosuite.common.PythonOracle;
import org.vosuite.common.sky.SkyMath;
import org.vosuite.soda.TestImages;
import org.vosuite.soda.resolve.Dataset;

/**
 * What a SODA descriptor advertises for a dataset, checked against astropy: every point of every image's outer
 * pixel edges (astropy's pixel_to_world, every 4th pixel along each edge) lies inside the covering circle and the
 * covering polygon; spectral limits are astropy's world values of the outer bin edges.
 */
class CutoutDomainTest {
    @TempDir
    Path dir;

    private static Dataset dataset(Path file) {
        return new Dataset("test", "0".repeat(32), file, Double.NaN, Double.NaN, Double.NaN, Double.NaN, null);
    }

    /** The outer pixel edges of every image HDU with a celestial WCS, as astropy maps them (ra dec per line). */
    private List<double[]> edges(Path file) throws Exception {
        List<String> out = PythonOracle.run(dir, "import numpy as np\nfrom astropy.io import fits\n"
                + "from astropy.wcs import WCS", "apt-get install python3-astropy", """
                out = []
                for h in fits.open(open(sys.argv[1]).read().strip()):
                    images = (fits.PrimaryHDU, fits.ImageHDU, fits.CompImageHDU)
                    if not isinstance(h, images) or h.data is None or h.data.ndim < 2:
                        continue
                    w = WCS(h.header).celestial
                    ny, nx = h.data.shape[-2:]
                    xs = np.concatenate([np.arange(-0.5, nx, 4), np.full(ny // 4 + 1, nx - 0.5),
                                         np.arange(-0.5, nx, 4), np.full(ny // 4 + 1, -0.5)])
                    ys = np.concatenate([np.full(nx // 4 + 1, -0.5), np.arange(-0.5, ny, 4),
                                         np.full(nx // 4 + 1, ny - 0.5), np.arange(-0.5, ny, 4)])
                    ra, dec = w.all_pix2world(xs, ys, 0)
                    out += ['%.12f %.12f' % p for p in zip(ra, dec)]
                open(sys.argv[2], 'w').write('\\n'.join(out) + '\\n')
                """, List.of(file.toString()));
        List<double[]> points = new ArrayList<>();
        for (String l : out) {
            String[] p = l.trim().split(" ");
            points.add(new double[] {Double.parseDouble(p[0]), Double.parseDouble(p[1])});
        }
        return points;
    }

    private void assertCovers(CutoutDomain d, List<double[]> points) {
        double[] c = d.circle();
        double[] center = SkyMath.unitVector(c[0], c[1]);
        double[] poly = d.polygon();
        for (double[] p : points) {
            double sep = SkyMath.angularDistanceDeg(c[0], c[1], p[0], p[1]);
            assertTrue(sep <= c[2] + 1e-9, "outside the circle by " + (sep - c[2]) + "°: " + p[0] + " " + p[1]);
            assertTrue(insidePolygon(center, poly, p), "outside the polygon: " + p[0] + " " + p[1] + " polygon "
                    + java.util.Arrays.toString(poly));
        }
    }

    /** Inside a convex counter-clockwise polygon: left of (or on, to 1e-9°) every great-circle edge. */
    private static boolean insidePolygon(double[] center, double[] poly, double[] p) {
        int n = poly.length / 2;
        double[] v = SkyMath.unitVector(p[0], p[1]);
        for (int i = 0; i < n; i++) {
            double[] a = SkyMath.unitVector(poly[2 * i], poly[2 * i + 1]);
            double[] b = SkyMath.unitVector(poly[2 * ((i + 1) % n)], poly[2 * ((i + 1) % n) + 1]);
            double[] normal = SkyMath.normalize(SkyMath.cross(a, b));
            if (SkyMath.dot(normal, center) < 0) {
                return false; // not counter-clockwise about the centre
            }
            if (SkyMath.dot(normal, v) < -Math.toRadians(1e-9)) {
                return false;
            }
        }
        return true;
    }

    @Test
    void sipImageIsCoveredByCircleAndPolygon() throws Exception {
        Path f = TestImages.sip(dir.resolve("sip.fits"), 150.2, 2.3);
        CutoutDomain d = CutoutDomain.of(dataset(f));
        assertCovers(d, edges(f));
        assertTrue(d.circle()[2] < 0.2, "a tight circle: " + d.circle()[2]);
        assertNull(d.band());
        assertTrue(d.pol().isEmpty());
    }

    @Test
    void multiExtensionCoversBothDetectors() throws Exception {
        Path f = TestImages.multiExtension(dir.resolve("mef.fits"), 10.0, -30.0);
        CutoutDomain d = CutoutDomain.of(dataset(f));
        assertCovers(d, edges(f));
        assertEquals(10.0, d.circle()[0], 1e-3);
        assertEquals(-30.0, d.circle()[1], 1e-3);
    }

    @Test
    void compressedImageNearThePole() throws Exception {
        Path f = TestImages.compressed(dir.resolve("c.fits"), 45.0, 89.99);
        CutoutDomain d = CutoutDomain.of(dataset(f));
        assertCovers(d, edges(f));
    }

    @Test
    void cubeAdvertisesItsWavelengthsAndObsCoreFillsTheRest() throws Exception {
        Path f = TestImages.cube(dir.resolve("cube.fits"));
        CutoutDomain d = CutoutDomain.of(new Dataset("test", "0".repeat(32), f, 1, 2, 60000, 60001, "/I/Q/"));
        // 50 planes of 5 nm from 400 nm at pixel 1: outer edges 397.5 and 647.5 nm
        assertArrayEquals(new double[] {397.5e-9, 647.5e-9}, d.band(), 1e-18);
        assertArrayEquals(new double[] {60000, 60001}, d.time(), 0);
        assertEquals(List.of("I", "Q"), d.pol());
        Path stokes = TestImages.stokesCube(dir.resolve("stokes.fits"));
        assertEquals(List.of("I", "Q", "U", "V"), CutoutDomain.of(dataset(stokes)).pol());
        Path time = TestImages.timeCube(dir.resolve("time.fits"));
        // 10 frames of 60 s, the first centred 30 s after MJDREF 60000
        assertArrayEquals(new double[] {60000, 60000 + 600.0 / 86400}, CutoutDomain.of(dataset(time)).time(),
                1e-9);
    }
}

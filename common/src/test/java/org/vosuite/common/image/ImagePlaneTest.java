package org.vosuite.common.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosuite.common.PythonOracle;

/**
 * The pixels previews (and HiPS tiles) are made from, against astropy reading the same files: scaled integers with
 * BLANK, floats with NaN, a RICE tile-compressed extension behind an empty primary, a cube's first plane. astropy
 * writes the files and reports each one's physical values; ours must equal them pixel for pixel.
 */
class ImagePlaneTest {
    @TempDir
    Path dir;

    @Test
    void physicalValuesEqualAstropys() throws Exception {
        List<String> expected = PythonOracle.run(dir, "import numpy as np\nfrom astropy.io import fits",
                "apt-get install python3-astropy", """
                d = open(sys.argv[1]).read().strip()
                rng = np.random.default_rng(7)
                raw = rng.integers(-30000, 30000, size=(37, 53)).astype(np.int16)
                raw[3, 4] = -32768
                h = fits.PrimaryHDU(raw)
                h.header['BSCALE'] = 2.5
                h.header['BZERO'] = 100.0
                h.header['BLANK'] = -32768
                h.writeto(d + '/scaled.fits', overwrite=True)
                f = rng.normal(size=(40, 30)).astype(np.float32)
                f[0, 0] = np.nan
                fits.PrimaryHDU(f).writeto(d + '/float.fits', overwrite=True)
                i = rng.integers(0, 5000, size=(64, 80)).astype(np.int32)
                fits.HDUList([fits.PrimaryHDU(), fits.CompImageHDU(i, compression_type='RICE_1')]).writeto(
                    d + '/rice.fits', overwrite=True)
                c = rng.normal(size=(3, 20, 10)).astype(np.float64)
                fits.PrimaryHDU(c).writeto(d + '/cube.fits', overwrite=True)
                out = []
                for name in ['scaled', 'float', 'rice', 'cube']:
                    with fits.open(d + '/' + name + '.fits') as hl:
                        data = [h for h in hl if h.data is not None][0].data
                        plane = data[0] if data.ndim == 3 else data
                        out.append(name + ' ' + str(plane.shape[1]) + ' ' + str(plane.shape[0]) + ' '
                                   + ' '.join('nan' if np.isnan(v) else repr(float(np.float32(v)))
                                              for v in plane.ravel()))
                open(sys.argv[2], 'w').write('\\n'.join(out) + '\\n')
                """, List.of(dir.toString()));
        assertEquals(4, expected.size());
        for (String line : expected) {
            String[] f = line.split(" ");
            ImagePlane p = ImagePlane.firstImage(dir.resolve(f[0] + ".fits"));
            assertEquals(Integer.parseInt(f[1]), p.width(), f[0]);
            assertEquals(Integer.parseInt(f[2]), p.height(), f[0]);
            for (int i = 0; i < p.pixels().length; i++) {
                float want = f[3 + i].equals("nan") ? Float.NaN : Float.parseFloat(f[3 + i]);
                assertEquals(want, p.pixels()[i], 0f, f[0] + " pixel " + i);
            }
        }
    }

    @Test
    void binningAveragesFinitePixelsAndTheStretchMakesAPng() throws Exception {
        float[] px = new float[5 * 4];
        for (int i = 0; i < px.length; i++) {
            px[i] = i;
        }
        px[0] = Float.NaN;
        ImagePlane b = new ImagePlane(5, 4, px).binned(3); // factor 2: 3 × 2
        assertEquals(3, b.width());
        assertEquals(2, b.height());
        assertEquals((1 + 5 + 6) / 3f, b.at(0, 0), 1e-6); // the NaN left out
        assertEquals((4 + 9) / 2f, b.at(2, 0), 1e-6); // the last column is one pixel wide
        AsinhStretch s = AsinhStretch.of(b);
        assertEquals(0, s.grey(s.low()));
        assertEquals(255, s.grey(s.high()));
        assertTrue(s.grey((s.low() + s.high()) / 2) > 128, "asinh lifts the middle");
        var img = javax.imageio.ImageIO.read(new ByteArrayInputStream(s.png(b)));
        assertEquals(3, img.getWidth());
        // north up: the last FITS row is the PNG's first
        assertEquals(s.grey(b.at(0, 1)), img.getRaster().getSample(0, 0, 0));
        assertThrows(ImagePlane.NoImageException.class, () -> ImagePlane.firstImage(writeEmpty()));
    }

    private Path writeEmpty() throws Exception {
        Path p = dir.resolve("empty.fits");
        try (nom.tam.fits.Fits f = new nom.tam.fits.Fits()) {
            f.addHDU(nom.tam.fits.Fits.makeHDU((Object) null));
            f.write(p.toFile());
        }
        return p;
    }
}

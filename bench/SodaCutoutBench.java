import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import nom.tam.fits.Fits;
import nom.tam.fits.Header;
import nom.tam.fits.ImageData;
import nom.tam.fits.ImageHDU;
import org.vosuite.soda.cutout.CutoutSpec;
import org.vosuite.soda.cutout.FitsCutout;
import org.vosuite.soda.region.SkyRegion;

/**
 * Server-side time of a 200×200 SODA cutout of a 4096×4096 float image (target: median ≤ 5 ms warm), against
 * astropy's Cutout2D doing the same work on the same file (open, read the WCS, cut, write a FITS HDU to memory).
 * Run: java -cp app/target/vo.jar bench/SodaCutoutBench.java [--iterations 2000]
 */
public class SodaCutoutBench {
    public static void main(String[] args) throws Exception {
        int iterations = args.length > 1 && args[0].equals("--iterations") ? Integer.parseInt(args[1]) : 2000;
        Path dir = Files.createTempDirectory("soda-bench");
        Path file = dir.resolve("big.fits");
        int n = 4096;
        float[][] d = new float[n][n];
        Random rnd = new Random(1);
        for (float[] row : d) {
            for (int x = 0; x < n; x++) {
                row[x] = rnd.nextFloat();
            }
        }
        ImageHDU hdu = (ImageHDU) Fits.makeHDU(ImageData.from(d));
        Header h = hdu.getHeader();
        h.addValue("CTYPE1", "RA---TAN", null);
        h.addValue("CTYPE2", "DEC--TAN", null);
        h.addValue("CRPIX1", 2048.5, null);
        h.addValue("CRPIX2", 2048.5, null);
        h.addValue("CRVAL1", 150.0, null);
        h.addValue("CRVAL2", 2.2, null);
        h.addValue("CDELT1", -0.2 / 3600, null);
        h.addValue("CDELT2", 0.2 / 3600, null);
        try (Fits f = new Fits()) {
            f.addHDU(hdu);
            f.write(file.toFile());
        }
        d = null;
        double radius = 100 * 0.2 / 3600; // 100 pixels: a 200×200 box
        double[] times = new double[iterations];
        long bytes = 0;
        Random pos = new Random(2);
        for (int i = -500; i < iterations; i++) {
            double ra = 150.0 + (pos.nextDouble() - 0.5) * 0.18;
            double dec = 2.2 + (pos.nextDouble() - 0.5) * 0.18;
            ByteArrayOutputStream out = new ByteArrayOutputStream(200 * 200 * 4 + 8640);
            long t0 = System.nanoTime();
            FitsCutout.Result r = FitsCutout.prepare(file, new CutoutSpec(new SkyRegion.Circle(ra, dec, radius),
                    null, null, Set.of()), "bench", 100_000_000L);
            r.writeTo(out);
            long t1 = System.nanoTime();
            if (i >= 0) {
                times[i] = (t1 - t0) / 1e6;
                bytes = out.size();
                if (i == 0) {
                    System.out.println("box: " + Arrays.toString(r.slices().get(0).length()) + ", " + bytes
                            + " bytes");
                }
            }
        }
        Arrays.sort(times);
        System.out.printf("vosuite FitsCutout (prepare + write, warm, %d cutouts): median %.2f ms, p90 %.2f ms,"
                + " p99 %.2f ms%n", iterations, times[iterations / 2], times[iterations * 9 / 10],
                times[iterations * 99 / 100]);
        String py = """
                import io, sys, time, random
                import numpy as np
                from astropy.io import fits
                from astropy.wcs import WCS
                from astropy.nddata import Cutout2D
                from astropy.coordinates import SkyCoord
                import astropy.units as u
                path, n = sys.argv[1], int(sys.argv[2])
                random.seed(2)
                t = []
                for i in range(n + 20):
                    ra = 150.0 + (random.random() - 0.5) * 0.18
                    dec = 2.2 + (random.random() - 0.5) * 0.18
                    t0 = time.perf_counter()
                    with fits.open(path, memmap=True) as h:
                        w = WCS(h[0].header)
                        c = Cutout2D(h[0].data, SkyCoord(ra * u.deg, dec * u.deg), (200, 200), wcs=w)
                        buf = io.BytesIO()
                        fits.PrimaryHDU(c.data, header=c.wcs.to_header()).writeto(buf)
                    if i >= 20:
                        t.append((time.perf_counter() - t0) * 1000)
                t.sort()
                print('astropy Cutout2D (open + WCS + cut + write, %d cutouts): median %.2f ms, p90 %.2f ms' % (n, t[n // 2], t[n * 9 // 10]))
                """;
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", py, file.toString(), "300").inheritIO().start();
        p.waitFor();
        Files.delete(file);
        Files.delete(dir);
    }
}

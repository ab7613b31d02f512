package org.vosuite.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vosuite.common.PythonOracle;
import org.vosuite.soda.TestImages;

/**
 * SODA on the demo release: a Butler registry (SQLite file) whose datasets have real FITS files, published into
 * ObsCore, served by the suite server, and cut by pyvo's SODA client with IDs taken from ObsCore. Run from
 * {@link DemoReleaseTest}, which owns the database.
 */
final class SodaCutouts {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    /** An ObsCore row with a file. */
    record Row(String did, double ra, double dec, String subtype, Path file) {
    }

    private SodaCutouts() {
    }

    /**
     * Builds the registry at {@code repo/gen3.sqlite3} with the DemoCam export, publishes it into the release's
     * ObsCore, and writes a FITS file for every dataset at its datastore path, centred on its ObsCore position:
     * raw exposures tile-compressed (one) and multi-extension (the other), calexps TAN-SIP, coadds ZEA. The flats
     * get no file: DataLink reports them missing. ObsCore's access URLs point at {@code linksUrl}.
     */
    static List<Row> prepare(String url, Path repo, String linksUrl) throws Exception {
        java.nio.file.Files.createDirectories(repo);
        String registry = registryUrl(repo);
        try (Connection c = DriverManager.getConnection(url)) {
            org.vosuite.obscore.demo.DemoObsCore.load(registry, c, linksUrl);
        }
        Map<String, String> paths = new HashMap<>();
        try (Connection r = DriverManager.getConnection(registry); Statement s = r.createStatement();
                ResultSet rs = s.executeQuery("SELECT dataset_id, path FROM file_datastore_records")) {
            while (rs.next()) {
                paths.put(rs.getString(1), rs.getString(2));
            }
        }
        List<Row> rows = new ArrayList<>();
        int raws = 0;
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT d.dataset_id, o.obs_publisher_did, o.s_ra, o.s_dec, "
                        + "o.dataproduct_subtype FROM vosuite_obscore.dataset d JOIN ivoa.\"ObsCore\" o "
                        + "ON o.obs_publisher_did = d.obs_publisher_did ORDER BY o.obs_publisher_did")) {
            while (rs.next()) {
                String path = paths.get(rs.getString(1));
                double ra = rs.getDouble(3);
                double dec = rs.getDouble(4);
                if (path == null || rs.wasNull()) {
                    continue;
                }
                Path file = repo.resolve(path);
                String subtype = rs.getString(5);
                switch (subtype) {
                    case "lsst.raw" -> {
                        if (raws++ == 0) {
                            TestImages.compressed(file, ra, dec);
                        } else {
                            TestImages.multiExtension(file, ra, dec);
                        }
                    }
                    case "lsst.calexp" -> TestImages.sip(file, ra, dec);
                    default -> TestImages.zea(file, ra, dec);
                }
                rows.add(new Row(rs.getString(2), ra, dec, subtype, file));
            }
        }
        return rows;
    }

    /**
     * pyvo's SODA client and plain HTTP against {@code soda}: one dataset of each kind of file cut and checked by
     * astropy, the POS forms, POST, the errors SODA and DALI define, 204 for no pixels, and an async job.
     */
    static void check(String soda, List<Row> rows, Path dir, Path repo) throws Exception {
        // pyvo's SODA client on one dataset of each kind of file
        List<SodaCutouts.Row> kinds = new java.util.ArrayList<>();
        for (String subtype : new String[] {"lsst.raw", "lsst.calexp", "lsst.deepCoadd"}) {
            rows.stream().filter(r -> r.subtype().equals(subtype)).limit(subtype.equals("lsst.raw") ? 2 : 1)
                    .forEach(kinds::add);
        }
        List<String> checked = SodaCutouts.pyvo(dir, soda + "/sync", kinds);
        assertEquals(kinds.size(), checked.size());
        for (String line : checked) {
            System.out.println("pyvo SODA: " + line);
            String[] f = line.split(" ");
            assertTrue(f.length >= 2, "no image in the cutout: " + line);
            for (int i = 1; i < f.length; i++) {
                String[] c = f[i].split(":");
                assertEquals("True", c[0], "pixels are the input's slice: " + line);
                assertTrue(Double.parseDouble(c[1]) < 1e-9, "WCS agrees with the input's: " + line);
            }
        }
        assertTrue(checked.stream().anyMatch(l -> l.split(" ").length == 3), "the MEF raw cuts two HDUs");

        SodaCutouts.Row r = kinds.get(2);
        String id = "ID=" + SodaCutouts.enc(r.did());
        String circle = "CIRCLE=" + SodaCutouts.enc(r.ra() + " " + r.dec() + " 0.003");
        var caps = new String(SodaCutouts.get(soda + "/capabilities").body(), StandardCharsets.UTF_8);
        assertTrue(caps.contains("ivo://ivoa.net/std/SODA#sync-1.0") && caps.contains("SODA#async-1.0"), caps);
        assertTrue(new String(SodaCutouts.get(soda + "/availability").body(), StandardCharsets.UTF_8)
                .contains("<vosi:available>true"));
        // parameter names are case-insensitive; POS RANGE and POLYGON work
        var range = SodaCutouts.get(soda + "/sync?id=" + SodaCutouts.enc(r.did()) + "&pos=" + SodaCutouts.enc(
                "RANGE " + (r.ra() - 0.002) + " " + (r.ra() + 0.002) + " " + (r.dec() - 0.001) + " "
                        + (r.dec() + 0.001)));
        assertEquals(200, range.statusCode());
        assertEquals("application/fits", range.headers().firstValue("Content-Type").orElse(""));
        assertTrue(new String(range.body(), 0, 30, StandardCharsets.US_ASCII).startsWith("SIMPLE  ="));
        var polygon = SodaCutouts.get(soda + "/sync?" + id + "&POS=" + SodaCutouts.enc("POLYGON " + r.ra() + " "
                + r.dec() + " " + (r.ra() + 0.002) + " " + r.dec() + " " + r.ra() + " " + (r.dec() + 0.002)));
        assertEquals(200, polygon.statusCode());
        // errors, as SODA and DALI spell them
        SodaCutouts.assertText(SodaCutouts.get(soda + "/sync?ID=ivo%3A%2F%2Fdemo.org%2Fnothing&" + circle), 404,
                "NotFoundFault:");
        SodaCutouts.assertText(SodaCutouts.get(soda + "/sync?ID=..%2F..%2F..%2Fetc%2Fpasswd&" + circle), 404,
                "NotFoundFault:");
        SodaCutouts.assertText(SodaCutouts.get(soda + "/sync?ID=" + SodaCutouts.enc(repo.resolve(
                "calexp/100/0.fits").toString()) + "&" + circle), 404, "NotFoundFault:");
        SodaCutouts.assertText(SodaCutouts.get(soda + "/sync?" + id + "&" + id + "&" + circle), 400,
                "MultiValuedParamNotSupported:");
        SodaCutouts.assertText(SodaCutouts.get(soda + "/sync?" + id + "&CIRCLE=1+2"), 400, "UsageError:");
        SodaCutouts.assertText(SodaCutouts.get(soda + "/sync?" + circle), 400, "UsageError: ID is required");
        SodaCutouts.assertText(SodaCutouts.get(soda + "/sync?" + id + "&RESPONSEFORMAT=votable"), 400,
                "UsageError:");
        // no pixels: 204, for a far circle and for a BAND outside the dataset's filter
        assertEquals(204, SodaCutouts.get(soda + "/sync?" + id + "&CIRCLE=10+-60+0.01").statusCode());
        assertEquals(204, SodaCutouts.get(soda + "/sync?" + id + "&BAND=1e-3+2e-3").statusCode());
        assertEquals(204, SodaCutouts.get(soda + "/sync?" + id + "&TIME=40000+40001").statusCode());
        // POST works as GET does
        var posted = SodaCutouts.HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(soda
                + "/sync")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(id + "&" + circle)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, posted.statusCode());
        assertTrue(new String(posted.body(), 0, 9, StandardCharsets.US_ASCII).equals("SIMPLE  ="));

        // async: the cartesian product, one result per combination, a failed one as an error document
        String form = id + "&" + circle + "&CIRCLE=" + SodaCutouts.enc(r.ra() + " " + r.dec() + " 0.001")
                + "&CIRCLE=10+-60+0.01&PHASE=RUN";
        var created = SodaCutouts.HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(soda
                + "/async")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(303, created.statusCode(), created.body());
        String job = created.headers().firstValue("Location").orElseThrow();
        String phase = "";
        for (int i = 0; i < 60 && !phase.equals("COMPLETED") && !phase.equals("ERROR"); i++) {
            SodaCutouts.get(job + "?WAIT=2&PHASE=EXECUTING");
            phase = new String(SodaCutouts.get(job + "/phase").body(), StandardCharsets.UTF_8).trim();
        }
        assertEquals("COMPLETED", phase);
        String results = new String(SodaCutouts.get(job + "/results").body(), StandardCharsets.UTF_8);
        for (int k = 1; k <= 3; k++) {
            assertTrue(results.contains("id=\"cutout-" + k + "\""), results);
        }
        var first = SodaCutouts.get(job + "/results/cutout-1");
        assertEquals("application/fits", first.headers().firstValue("Content-Type").orElse(""));
        var small = SodaCutouts.get(job + "/results/cutout-2");
        assertTrue(small.body().length < first.body().length, "the smaller circle gives a smaller cutout");
        SodaCutouts.assertText(SodaCutouts.get(job + "/results/cutout-3"), 200, "UsageError:");
    }

    static String registryUrl(Path repo) {
        return "jdbc:sqlite:" + repo.resolve("gen3.sqlite3");
    }

    /**
     * pyvo's SodaQuery cuts a circle around each row's position; astropy checks the result: checksums, pixels
     * equal to the input's slice (offset read from LTV), and the output WCS mapping each pixel where the input's
     * WCS maps the pixel it came from.
     */
    static List<String> pyvo(Path dir, String sodaSync, List<Row> rows) throws Exception {
        List<String> input = new ArrayList<>();
        for (Row r : rows) {
            input.add(r.did() + "|" + r.ra() + "|" + r.dec() + "|" + r.file() + "|" + dir.resolve(
                    r.file().getFileName() + "-" + Math.abs(r.did().hashCode()) + "-cut.fits"));
        }
        return PythonOracle.run(dir, """
                import numpy as np
                import warnings
                from astropy.io import fits
                from astropy.wcs import WCS
                from astropy.utils.exceptions import AstropyWarning
                from pyvo.dal.adhoc import SodaQuery""", "apt-get install python3-pyvo python3-astropy", """
                warnings.simplefilter('error', AstropyWarning)
                base = '%s'
                out = []
                for line in open(sys.argv[1]).read().splitlines():
                    did, ra, dec, orig, cut = line.split('|')
                    q = SodaQuery(base, circle=(float(ra), float(dec), 0.004))
                    q['ID'] = did
                    data = q.execute_stream().read()
                    open(cut, 'wb').write(data)
                    checks = []
                    with fits.open(orig) as o, fits.open(cut, checksum=True) as c:
                        images = [h for h in c if h.data is not None and h.header.get('NAXIS', 0) >= 2]
                        for h in images:
                            src = o[h.header['EXTNAME']] if 'EXTNAME' in h.header else [x for x in o if x.data is not None and x.header.get('NAXIS', 0) >= 2][0]
                            x0, y0 = int(-h.header['LTV1']), int(-h.header['LTV2'])
                            ny, nx = h.data.shape
                            same = np.array_equal(src.data[y0:y0 + ny, x0:x0 + nx], h.data)
                            xs, ys = np.meshgrid(np.linspace(0, nx - 1, 5), np.linspace(0, ny - 1, 5))
                            s1 = WCS(src.header).pixel_to_world(xs.ravel() + x0, ys.ravel() + y0)
                            s2 = WCS(h.header).pixel_to_world(xs.ravel(), ys.ravel())
                            checks.append('%%s:%%.1e:%%dx%%d' %% (same, s1.separation(s2).deg.max(), nx, ny))
                    out.append(did + ' ' + ' '.join(checks))
                open(sys.argv[2], 'w').write('\\n'.join(out) + '\\n')
                """.formatted(sodaSync), input);
    }

    static HttpResponse<byte[]> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static void assertText(HttpResponse<byte[]> r, int status, String start) {
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertEquals(status, r.statusCode(), body);
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), body);
        assertTrue(body.startsWith(start), body);
    }
}

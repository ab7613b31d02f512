package org.vosuite.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.vosuite.common.PythonOracle;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StarTableFactory;
import uk.ac.starlink.util.ByteArrayDataSource;

/**
 * DataLink on the demo release, served with SODA by the suite server: {@code stilts datalinklint} on links
 * documents of several IDs, {@code stilts votlint} on TAP results carrying service descriptors, pyvo following
 * DataLink from a TAP result to the files and cutting out through both descriptors, and the errors. Run from
 * {@link DemoReleaseTest}, which owns the database and the server.
 */
final class DataLinks {
    /** Fewer than ObsCore has rows, so pyvo must fetch the links in batches. */
    static final int MAX_IDS = 4;
    static final String FLAT = "butler://demo/b1a7f1a0-5c1e-5d0a-9c3e-0f1a2b3c4d01";
    static final String TYPE = "application/x-votable+xml;content=datalink";

    private DataLinks() {
    }

    static void check(String base, List<SodaCutouts.Row> rows, Path dir, Path repo) throws Exception {
        String links = base + "/datalink/links";
        SodaCutouts.Row calexp = first(rows, "lsst.calexp");
        SodaCutouts.Row raw = first(rows, "lsst.raw");
        SodaCutouts.Row coadd = first(rows, "lsst.deepCoadd");

        // the TAP result with obs_publisher_did carries the DataLink and SODA descriptors; votlint finds it clean
        String adql = "SELECT obs_publisher_did, access_url, access_format, s_ra, s_dec, dataproduct_subtype FROM "
                + "ivoa.ObsCore ORDER BY obs_publisher_did";
        HttpResponse<byte[]> tap = SodaCutouts.get(base + "/tap/sync?LANG=ADQL&REQUEST=doQuery&QUERY="
                + SodaCutouts.enc(adql));
        String result = new String(tap.body(), StandardCharsets.UTF_8);
        assertTrue(result.contains("<FIELD ID=\"ivoa_ObsCore_obs_publisher_did\""), result);
        assertTrue(result.contains("<PARAM name=\"standardID\" datatype=\"char\" arraysize=\"*\" "
                + "value=\"ivo://ivoa.net/std/DataLink#links-1.1\"/>") && result.contains(
                "value=\"ivo://ivoa.net/std/SODA#sync-1.0\"") && result.contains(
                "value=\"" + base + "/datalink/links\""), result);
        assertEquals(2, count(result, "utype=\"adhoc:service\""));
        assertEquals(2, count(result, "ref=\"ivoa_ObsCore_obs_publisher_did\""));
        Path saved = dir.resolve("obscore-with-descriptors.xml");
        Files.write(saved, tap.body());
        List<String> votlint = DemoReleaseTest.runClient(List.of("stilts", "votlint", "votable=" + saved));
        assertEquals(List.of(), votlint.stream().filter(l -> !l.isBlank()).toList(), "votlint is clean");
        // every ObsCore row's access_url is its links document
        StarTable obscore = table(tap.body());
        try (RowSequence rs = obscore.getRowSequence()) {
            while (rs.next()) {
                Object[] r = rs.getRow();
                assertEquals(links + "?ID=" + SodaCutouts.enc((String) r[0]), r[1]);
                assertEquals(TYPE, r[2]);
            }
        }
        // without the ID column, no descriptor; the Object table's manifest descriptor gives a light curve
        String plain = new String(SodaCutouts.get(base + "/tap/sync?LANG=ADQL&QUERY=" + SodaCutouts.enc(
                "SELECT s_ra FROM ivoa.ObsCore")).body(), StandardCharsets.UTF_8);
        assertTrue(!plain.contains("adhoc:service"), plain);
        String objects = new String(SodaCutouts.get(base + "/tap/sync?LANG=ADQL&QUERY=" + SodaCutouts.enc(
                "SELECT TOP 3 objectId, coord_ra FROM demo_dr1.Object ORDER BY objectId")).body(),
                StandardCharsets.UTF_8);
        assertTrue(objects.contains("ID=\"object-lightcurve\"") && objects.contains(
                "ref=\"demo_dr1_Object_objectId\"") && objects.contains("value=\"" + base
                + "/datalink/query/lightcurve\""), objects);

        // datalinklint: links of several IDs (three kinds of dataset, a missing file, an unknown ID)
        String several = links + "?ID=" + SodaCutouts.enc(calexp.did()) + "&ID=" + SodaCutouts.enc(raw.did())
                + "&ID=" + SodaCutouts.enc(coadd.did()) + "&ID=" + SodaCutouts.enc(FLAT);
        // Debian's stilts 3.4.7 checks semantics against a built-in DataLink 1.0 term list, which lacks
        // #documentation (in the core vocabulary, http://www.ivoa.net/rdf/datalink/core, since 2017): those rows,
        // and only those, are reported as errors.
        for (String doc : List.of(several, links + "?ID=" + SodaCutouts.enc("ivo://demo.org/nothing"))) {
            List<String> lint = DemoReleaseTest.runClient(List.of("stilts", "datalinklint", "votable=" + doc));
            String all = String.join("\n", lint);
            List<String> errors = lint.stream().filter(l -> l.matches("^[EF]-.*")).toList();
            long documentation = lint.stream().filter(l -> l.matches("^E-SMCO-\\d+ Unknown predicate "
                    + "'documentation' from core DataLink vocabulary at row \\d+")).count();
            assertEquals(errors.size(), documentation, all);
            String totals = lint.stream().filter(l -> l.startsWith("Totals:")).findFirst().orElse("none");
            assertTrue(totals.startsWith("Totals: Errors: " + documentation + "; Warnings: 0;"), all);
        }

        // the links of each kind, read as a client reads them
        HttpResponse<byte[]> doc = SodaCutouts.get(several);
        assertEquals(200, doc.statusCode());
        assertEquals(TYPE, doc.headers().firstValue("Content-Type").orElse(""));
        List<String[]> rowsOf = rows(doc.body());
        assertEquals(Set.of("#this", "#preview", "#cutout", "#progenitor", "#documentation"),
                semantics(rowsOf, calexp.did()));
        assertEquals(Set.of("#this", "#preview", "#cutout", "#derivation", "#calibration", "#documentation"),
                semantics(rowsOf, raw.did()));
        assertEquals(Set.of("#this", "#preview", "#cutout", "#documentation"), semantics(rowsOf, coadd.did()));
        // the flat has no file on disk: an error row for #this, its other links intact
        String[] missing = rowsOf.stream().filter(r -> r[0].equals(FLAT) && r[5].equals("#this")).findFirst()
                .orElseThrow();
        assertTrue(missing[3].startsWith("NotFoundFault: the file of " + FLAT + " is missing on disk"),
                Arrays.toString(missing));
        assertEquals(Set.of("#this", "#documentation"), semantics(rowsOf, FLAT));
        // IDs stay in request order, each one's rows together
        List<String> order = rowsOf.stream().map(r -> r[0]).distinct().toList();
        assertEquals(List.of(calexp.did(), raw.did(), coadd.did(), FLAT), order);
        // #this: the file, its length right; range requests work
        String[] thisRow = rowsOf.stream().filter(r -> r[0].equals(calexp.did()) && r[5].equals("#this"))
                .findFirst().orElseThrow();
        byte[] file = Files.readAllBytes(calexp.file());
        assertEquals(String.valueOf(file.length), thisRow[7]);
        assertEquals("application/fits", thisRow[6]);
        HttpResponse<byte[]> whole = SodaCutouts.get(thisRow[1]);
        assertTrue(Arrays.equals(file, whole.body()), "the served file is the file");
        HttpResponse<byte[]> part = send(HttpRequest.newBuilder(URI.create(thisRow[1])).header("Range",
                "bytes=2880-2999").build());
        assertEquals(206, part.statusCode());
        assertEquals("bytes 2880-2999/" + file.length, part.headers().firstValue("Content-Range").orElse(""));
        assertTrue(Arrays.equals(Arrays.copyOfRange(file, 2880, 3000), part.body()));
        HttpResponse<byte[]> tail = send(HttpRequest.newBuilder(URI.create(thisRow[1])).header("Range",
                "bytes=-10").build());
        assertTrue(Arrays.equals(Arrays.copyOfRange(file, file.length - 10, file.length), tail.body()));
        assertEquals(416, send(HttpRequest.newBuilder(URI.create(thisRow[1])).header("Range", "bytes="
                + file.length + "-").build()).statusCode());
        HttpResponse<byte[]> head = send(HttpRequest.newBuilder(URI.create(thisRow[1])).method("HEAD",
                HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(String.valueOf(file.length), head.headers().firstValue("Content-Length").orElse(""));
        SodaCutouts.assertText(SodaCutouts.get(thisRow[1].replaceAll("/[^/]+$", "/other.fits")), 404,
                "NotFoundFault:");
        SodaCutouts.assertText(SodaCutouts.get(base + "/datalink/files/etc/passwd"), 404, "NotFoundFault:");
        assertEquals(404, SodaCutouts.get(base + "/datalink/files/..%2F..%2Fetc/passwd").statusCode());
        // #preview: a PNG, rendered once and then served from the cache
        String[] previewRow = rowsOf.stream().filter(r -> r[0].equals(calexp.did()) && r[5].equals("#preview"))
                .findFirst().orElseThrow();
        HttpResponse<byte[]> png = SodaCutouts.get(previewRow[1]);
        assertEquals("image/png", png.headers().firstValue("Content-Type").orElse(""));
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new ByteArrayInputStream(png.body()));
        assertTrue(image.getWidth() > 50 && image.getWidth() <= 1024 && image.getHeight() <= 1024,
                image.getWidth() + "x" + image.getHeight());
        Set<Integer> greys = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                greys.add(image.getRGB(x, y) & 0xff);
            }
        }
        assertTrue(greys.size() > 20, "the stretch spreads the image over the grey levels: " + greys.size());
        assertTrue(Arrays.equals(png.body(), SodaCutouts.get(previewRow[1]).body()));
        try (var cached = Files.list(dir.resolve("previews"))) {
            assertEquals(1, cached.filter(p -> p.toString().endsWith(".png")).count());
        }
        // #documentation: the data dictionaries
        String[] docRow = rowsOf.stream().filter(r -> r[5].equals("#documentation")).findFirst().orElseThrow();
        assertTrue(new String(SodaCutouts.get(docRow[1]).body(), StandardCharsets.UTF_8).contains("demo_dr1"));
        // #progenitor points at the raw's own links document
        String[] progenitor = rowsOf.stream().filter(r -> r[0].equals(calexp.did()) && r[5].equals("#progenitor")
                && r[9].equals("raw")).findFirst().orElseThrow();
        assertEquals(TYPE, progenitor[6]);
        List<String[]> rawLinks = rows(SodaCutouts.get(progenitor[1]).body());
        assertTrue(rawLinks.stream().anyMatch(r -> r[5].equals("#this") && r[1] != null && r[1].endsWith(".fits")),
                "the progenitor's links give its file");

        // errors: per ID as rows, for the request as VOTable error documents
        List<String[]> unknown = rows(SodaCutouts.get(links + "?ID=ivo%3A%2F%2Fdemo.org%2Fnothing").body());
        assertEquals(1, unknown.size());
        assertEquals("#this", unknown.get(0)[5]);
        assertTrue(unknown.get(0)[3].startsWith("NotFoundFault: "), unknown.get(0)[3]);
        List<String[]> malformed = rows(SodaCutouts.get(links + "?ID=bad%01id&ID=&ID=" + SodaCutouts.enc(
                calexp.did())).body());
        assertTrue(malformed.get(0)[3].startsWith("UsageFault: ID contains a control character"),
                malformed.get(0)[3]);
        assertTrue(malformed.get(1)[3].startsWith("UsageFault: ID is empty"), malformed.get(1)[3]);
        assertTrue(malformed.stream().anyMatch(r -> calexp.did().equals(r[0]) && r[5].equals("#this")
                && r[3] == null), "the good ID of the request still has its links");
        List<String> many = new ArrayList<>();
        for (SodaCutouts.Row r : rows) {
            many.add("ID=" + SodaCutouts.enc(r.did()));
        }
        HttpResponse<byte[]> tooMany = SodaCutouts.get(links + "?" + String.join("&", many));
        String tooManyText = new String(tooMany.body(), StandardCharsets.UTF_8);
        assertTrue(many.size() > MAX_IDS);
        assertEquals(MAX_IDS, rows(tooMany.body()).stream().map(r -> r[0]).distinct().count());
        assertTrue(tooManyText.contains("<INFO name=\"QUERY_STATUS\" value=\"OVERFLOW\"/>"), tooManyText);
        HttpResponse<byte[]> badFormat = SodaCutouts.get(links + "?ID=x&RESPONSEFORMAT=fits");
        assertEquals(400, badFormat.statusCode());
        String badText = new String(badFormat.body(), StandardCharsets.UTF_8);
        assertTrue(badText.contains("value=\"ERROR\"") && badText.contains("UsageFault: RESPONSEFORMAT=fits"),
                badText);
        HttpResponse<byte[]> none = SodaCutouts.get(links);
        assertEquals(200, none.statusCode());
        assertEquals(0, rows(none.body()).size());
        HttpResponse<byte[]> posted = send(HttpRequest.newBuilder(URI.create(links)).header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("ID=" + SodaCutouts.enc(
                calexp.did()) + "&ID=" + SodaCutouts.enc(raw.did()))).build());
        assertEquals(rows(SodaCutouts.get(links + "?ID=" + SodaCutouts.enc(calexp.did()) + "&ID="
                + SodaCutouts.enc(raw.did())).body()).stream().map(Arrays::toString).toList(), rows(posted.body())
                .stream().map(Arrays::toString).toList());
        assertTrue(new String(SodaCutouts.get(base + "/datalink/capabilities").body(), StandardCharsets.UTF_8)
                .contains("ivo://ivoa.net/std/DataLink#links-1.1"));
        assertTrue(new String(SodaCutouts.get(base + "/datalink/availability").body(), StandardCharsets.UTF_8)
                .contains("<vosi:available>true"));
        HttpResponse<byte[]> badQuery = SodaCutouts.get(base + "/datalink/query/lightcurve?ID=abc");
        assertEquals(400, badQuery.statusCode());

        pyvo(dir, base);
    }

    /**
     * pyvo follows DataLink from a TAP result (in batches, the service answering {@link #MAX_IDS} IDs at a time),
     * fetches each #this file, and cuts a calexp twice: through the SODA descriptor in the TAP result
     * ({@code Record.processed}) and through the data-specific one of its links document; astropy reads the
     * cutouts. The light curve link of an Object is followed too.
     */
    private static void pyvo(Path dir, String base) throws Exception {
        List<String> out = PythonOracle.run(dir, """
                import io
                import pyvo
                from astropy.io import fits""", "apt-get install python3-pyvo python3-astropy", """
                base = open(sys.argv[1]).read().strip()
                tap = pyvo.dal.TAPService(base + '/tap')
                res = tap.run_sync("SELECT obs_publisher_did, access_url, access_format, s_ra, s_dec, "
                                   "dataproduct_subtype FROM ivoa.ObsCore ORDER BY obs_publisher_did")
                out = ['rows %d' % len(res)]
                for dl in res.iter_datalinks():
                    this = next(dl.bysemantics('#this', include_narrower=False))
                    data = this.getdataset().read()
                    out.append('this %s %d %d %s' % (this.content_type, this.content_length, len(data),
                                                     data[:6].decode()))
                rec = [r for r in res if r['dataproduct_subtype'] == 'lsst.calexp'][0]
                cut = rec.processed(circle=(rec['s_ra'], rec['s_dec'], 0.003)).read()
                with fits.open(io.BytesIO(cut)) as h:
                    out.append('tap-soda %s' % (h[0].data.shape,))
                proc = rec.getdatalink().get_first_proc()
                cut2 = proc.processed(circle=(rec['s_ra'], rec['s_dec'], 0.002)).read()
                with fits.open(io.BytesIO(cut2)) as h:
                    out.append('links-soda %s %s' % (proc.semantics, h[0].data.shape))
                obj = tap.run_sync("SELECT TOP 1 o.objectId FROM demo_dr1.Object AS o JOIN demo_dr1.Source AS s "
                                  "ON s.objectId = o.objectId ORDER BY o.objectId")
                svc = obj.get_adhocservice_by_id('object-lightcurve')
                lc = pyvo.dal.adhoc.DatalinkQuery.from_resource(obj[0], svc).execute_votable()
                out.append('lightcurve %d' % len(lc.get_first_table().array))
                open(sys.argv[2], 'w').write('\\n'.join(out) + '\\n')
                """, List.of(base));
        String all = String.join("\n", out);
        System.out.println("pyvo DataLink:\n" + all);
        int rows = Integer.parseInt(out.get(0).split(" ")[1]);
        List<String> files = out.stream().filter(l -> l.startsWith("this ")).toList();
        assertEquals(rows, files.size(), all);
        for (String f : files) {
            String[] p = f.split(" ");
            assertEquals("application/fits", p[1], f);
            assertEquals(p[2], p[3], "content_length is the bytes served: " + f);
            assertEquals("SIMPLE", p[4], f);
        }
        assertTrue(out.stream().anyMatch(l -> l.matches("tap-soda \\(\\d+, \\d+\\)")), all);
        assertTrue(out.stream().anyMatch(l -> l.matches("links-soda #cutout \\(\\d+, \\d+\\)")), all);
        assertTrue(out.stream().anyMatch(l -> l.matches("lightcurve [1-9]\\d*")), all);
    }

    private static SodaCutouts.Row first(List<SodaCutouts.Row> rows, String subtype) {
        return rows.stream().filter(r -> r.subtype().equals(subtype)).findFirst().orElseThrow();
    }

    private static Set<String> semantics(List<String[]> rows, String id) {
        return rows.stream().filter(r -> r[0].equals(id)).map(r -> r[5]).collect(Collectors.toSet());
    }

    private static int count(String s, String part) {
        return s.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    private static HttpResponse<byte[]> send(HttpRequest r) throws Exception {
        return SodaCutouts.HTTP.send(r, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static StarTable table(byte[] votable) throws Exception {
        return new StarTableFactory().makeStarTable(new ByteArrayDataSource("result", votable), "votable");
    }

    /** A links document's rows, every cell as text (null when empty), columns in DataLink's order. */
    private static List<String[]> rows(byte[] votable) throws Exception {
        StarTable t = table(votable);
        assertEquals(12, t.getColumnCount());
        List<String[]> out = new ArrayList<>();
        try (RowSequence rs = t.getRowSequence()) {
            while (rs.next()) {
                Object[] r = rs.getRow();
                String[] s = new String[r.length];
                for (int i = 0; i < r.length; i++) {
                    s[i] = r[i] == null ? null : r[i].toString();
                }
                out.add(s);
            }
        }
        return out;
    }
}

package org.vosuite.obscore.region;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vosuite.common.sky.SkyMath;

/**
 * sphgeom encodings decoded, bounding circles that hold their regions (and sit where sphgeom puts them for
 * symmetric shapes), and polygons written for circles and boxes that hold them.
 */
class SkyRegionTest {
    static double[] v(double raDeg, double decDeg) {
        return SkyMath.unitVector(raDeg, decDeg);
    }

    /** A square of side ~2d about (ra, dec), counter-clockwise seen from outside. */
    static List<double[]> square(double ra, double dec, double d) {
        return List.of(v(ra - d, dec - d), v(ra + d, dec - d), v(ra + d, dec + d), v(ra - d, dec + d));
    }

    static void holds(BoundingCircle b, double[] p) {
        assertTrue(Vectors.angle(b.centre(), p) <= b.openingAngle() + 1e-12, "the bounding circle holds the point");
    }

    @Test
    void polygonFromBase64AndHexWithItsBoundingCircle() throws Exception {
        List<double[]> sq = square(10, 20, 0.1);
        byte[] bytes = SphgeomCodec.encodePolygon(sq);
        SkyRegion fromB64 = SphgeomCodec.fromBase64(Base64.getEncoder().encodeToString(bytes));
        SkyRegion fromHex = SphgeomCodec.fromHex(HexFormat.of().formatHex(bytes));
        assertEquals(fromB64.stcs(), fromHex.stcs());
        assertTrue(fromB64.stcs().startsWith("POLYGON ICRS 9.900000 19.900000 10.100000 19.900000 "),
                fromB64.stcs());
        BoundingCircle b = fromB64.boundingCircle();
        assertEquals(10, b.raDeg(), 1e-9);
        assertEquals(20, b.decDeg(), 1e-3); // the centroid of a lon/lat square sits a little poleward
        sq.forEach(p -> holds(b, p));
        // the cap is tight: the farthest vertex is on its edge
        double far = sq.stream().mapToDouble(p -> Vectors.angle(b.centre(), p)).max().orElseThrow();
        assertEquals(far, b.openingAngle(), 1e-9);
        assertEquals(2 * Math.toDegrees(b.openingAngle()), b.diameterDeg(), 1e-12);
    }

    @Test
    void circlesAndBoxesBecomePolygonsThatHoldThem() throws Exception {
        ByteBuffer c = ByteBuffer.allocate(41).order(ByteOrder.LITTLE_ENDIAN);
        double[] centre = v(150, -5);
        double r = Math.toRadians(0.5);
        c.put((byte) 'c').putDouble(centre[0]).putDouble(centre[1]).putDouble(centre[2])
                .putDouble(4 * Math.pow(Math.sin(r / 2), 2)).putDouble(r);
        SkyRegion circle = SphgeomCodec.decode(c.array());
        assertInstanceOf(SkyRegion.Circle.class, circle);
        assertEquals(150, circle.boundingCircle().raDeg(), 1e-9);
        assertEquals(1.0, circle.boundingCircle().diameterDeg(), 1e-12);
        List<double[]> poly = circle.polygon();
        assertEquals(SkyRegion.Circle.SIDES, poly.size());
        for (int k = 0; k < 360; k++) { // every point of the circle is inside every edge of the polygon
            double t = Math.toRadians(k);
            double[] p = SkyMath.unitVector(150 + 0.5 * Math.cos(t) / Math.cos(Math.toRadians(-5)), -5 + 0.5
                    * Math.sin(t));
            if (Vectors.angle(centre, p) > r) {
                continue; // the sample fell just outside the true circle
            }
            inside(poly, p);
        }
        ByteBuffer bx = ByteBuffer.allocate(33).order(ByteOrder.LITTLE_ENDIAN);
        bx.put((byte) 'b').putDouble(Math.toRadians(359)).putDouble(Math.toRadians(1)).putDouble(Math.toRadians(-2))
                .putDouble(Math.toRadians(2));
        SkyRegion box = SphgeomCodec.decode(bx.array());
        BoundingCircle bb = box.boundingCircle();
        assertEquals(0, Math.min(bb.raDeg(), 360 - bb.raDeg()), 1e-9, "the box wraps through RA 0");
        for (double ra = -1; ra <= 1; ra += 0.25) {
            for (double dec = -2; dec <= 2; dec += 0.5) {
                holds(bb, v(ra, dec));
            }
        }
        assertTrue(box.stcs().startsWith("POLYGON ICRS 359.000000 -2.000000"), box.stcs());
    }

    static void inside(List<double[]> poly, double[] p) {
        for (int i = 0; i < poly.size(); i++) {
            double[] n = Vectors.cross(poly.get(i), poly.get((i + 1) % poly.size()));
            assertTrue(Vectors.dot(n, p) >= -1e-15, "inside the polygon's edge " + i);
        }
    }

    @Test
    void unionsFromCompoundEncodingsAndColonSeparatedBase64() throws Exception {
        byte[] a = SphgeomCodec.encodePolygon(square(10, 0, 0.1));
        byte[] b = SphgeomCodec.encodePolygon(square(11, 0, 0.1));
        ByteBuffer u = ByteBuffer.allocate(1 + 16 + a.length + b.length).order(ByteOrder.LITTLE_ENDIAN);
        u.put((byte) 'u').putLong(a.length).put(a).putLong(b.length).put(b);
        SkyRegion union = SphgeomCodec.decode(u.array());
        SkyRegion colon = SphgeomCodec.fromBase64(Base64.getEncoder().encodeToString(a) + ":"
                + Base64.getEncoder().encodeToString(b));
        assertEquals(union.stcs(), colon.stcs());
        assertTrue(union.stcs().startsWith("UNION ICRS (POLYGON 9.900000 -0.100000"), union.stcs());
        BoundingCircle bc = union.boundingCircle();
        square(10, 0, 0.1).forEach(p -> holds(bc, p));
        square(11, 0, 0.1).forEach(p -> holds(bc, p));
        assertEquals(10.5, bc.raDeg(), 1e-6);
    }

    @Test
    void malformedEncodingsSayWhatIsWrong() {
        assertTrue(assertThrows(SphgeomCodec.RegionException.class, () -> SphgeomCodec.decode(new byte[] {'p', 1,
            2})).getMessage().contains("convex polygon"));
        assertTrue(assertThrows(SphgeomCodec.RegionException.class, () -> SphgeomCodec.decode(new byte[] {'z'}))
                .getMessage().contains("0x7a"));
        assertThrows(SphgeomCodec.RegionException.class, () -> SphgeomCodec.fromHex("zz"));
        assertEquals("-0.000000", SkyRegion.sixDecimals(-1e-9), "as Python formats it");
        assertEquals("0.007812", SkyRegion.sixDecimals(0.0078125), "an exact tie rounds half-even");
        assertEquals("0.023438", SkyRegion.sixDecimals(0.0234375));
        java.util.Random rnd = new java.util.Random(7);
        for (int i = 0; i < 100_000; i++) { // the fast path agrees with exact rounding
            double x = (rnd.nextDouble() - 0.5) * 720;
            String exact = new java.math.BigDecimal(x).setScale(6, java.math.RoundingMode.HALF_EVEN).toPlainString();
            assertEquals(exact.startsWith("-") || x >= 0 ? exact : "-" + exact, SkyRegion.sixDecimals(x));
        }
    }
}

package org.vosuite.obscore.region;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads sphgeom's binary region encoding, as daf_butler stores regions: base64 in registry columns (several
 * joined by ':' form a union), lowercase hex in export files. One type byte, then little-endian doubles:
 * 'p' convex polygon (N unit vectors), 'c' circle (centre, squared chord, opening angle), 'b' box (lon a, lon b,
 * lat a, lat b in radians), 'e' ellipse (3×3 matrix whose last row is the centre, a, b, gamma, tan a, tan b with
 * a = alpha − π/2), 'u'/'i' union/intersection (each operand as a little-endian uint64 length and its encoding).
 */
public final class SphgeomCodec {
    private SphgeomCodec() {
    }

    /** A stored value that is not a region this reader understands. */
    public static final class RegionException extends Exception {
        public RegionException(String message) {
            super(message);
        }
    }

    public static SkyRegion fromBase64(String text) throws RegionException {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            if (text.contains(":")) {
                List<SkyRegion> parts = new ArrayList<>();
                for (String p : text.split(":")) {
                    parts.add(decode(Base64.getDecoder().decode(p)));
                }
                return new SkyRegion.Union(parts);
            }
            return decode(Base64.getDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            throw new RegionException("not base64 region text: " + e.getMessage());
        }
    }

    public static SkyRegion fromHex(String hex) throws RegionException {
        try {
            return decode(HexFormat.of().parseHex(hex.trim()));
        } catch (IllegalArgumentException e) {
            throw new RegionException("not hexadecimal region text: " + e.getMessage());
        }
    }

    public static SkyRegion decode(byte[] b) throws RegionException {
        if (b.length == 0) {
            throw new RegionException("an empty region encoding");
        }
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        byte type = buf.get();
        switch (type) {
            case 'p' -> {
                if ((b.length - 1) % 24 != 0 || b.length < 73) {
                    throw new RegionException("a convex polygon encoding has " + b.length + " bytes; expected 1 + "
                            + "24 per vertex, at least 3 vertices");
                }
                List<double[]> v = new ArrayList<>();
                while (buf.hasRemaining()) {
                    v.add(new double[] {buf.getDouble(), buf.getDouble(), buf.getDouble()});
                }
                return new SkyRegion.ConvexPolygon(v);
            }
            case 'c' -> {
                size(b, 41, "circle");
                double[] c = {buf.getDouble(), buf.getDouble(), buf.getDouble()};
                buf.getDouble(); // squared chord length: the opening angle says the same
                return new SkyRegion.Circle(c, buf.getDouble());
            }
            case 'b' -> {
                size(b, 33, "box");
                return new SkyRegion.Box(buf.getDouble(), buf.getDouble(), buf.getDouble(), buf.getDouble());
            }
            case 'e' -> {
                size(b, 113, "ellipse");
                double[] s = new double[9];
                for (int i = 0; i < 9; i++) {
                    s[i] = buf.getDouble();
                }
                double a = buf.getDouble();
                double bb = buf.getDouble();
                double gamma = buf.getDouble();
                return new SkyRegion.Ellipse(new double[] {s[6], s[7], s[8]}, a + Math.PI / 2, bb + Math.PI / 2,
                        gamma);
            }
            case 'u', 'i' -> {
                List<SkyRegion> parts = new ArrayList<>();
                while (buf.hasRemaining()) {
                    if (buf.remaining() < 8) {
                        throw new RegionException("a truncated compound region encoding");
                    }
                    long n = buf.getLong();
                    if (n < 1 || n > buf.remaining()) {
                        throw new RegionException("a compound region operand of " + n + " bytes, with "
                                + buf.remaining() + " left");
                    }
                    byte[] part = new byte[(int) n];
                    buf.get(part);
                    parts.add(decode(part));
                }
                if (type == 'i') {
                    throw new RegionException("intersection regions are not used by daf_butler for data and are "
                            + "not supported");
                }
                if (parts.isEmpty()) {
                    return null; // the empty union: no region
                }
                return parts.size() == 1 ? parts.get(0) : new SkyRegion.Union(parts);
            }
            default -> throw new RegionException("unknown sphgeom region type byte 0x"
                    + Integer.toHexString(type & 0xff));
        }
    }

    private static void size(byte[] b, int expected, String what) throws RegionException {
        if (b.length != expected) {
            throw new RegionException("a " + what + " encoding has " + b.length + " bytes; expected " + expected);
        }
    }

    /** The sphgeom encoding of a convex polygon (for building registries and tests). */
    public static byte[] encodePolygon(List<double[]> vertices) {
        ByteBuffer buf = ByteBuffer.allocate(1 + 24 * vertices.size()).order(ByteOrder.LITTLE_ENDIAN);
        buf.put((byte) 'p');
        for (double[] v : vertices) {
            buf.putDouble(v[0]).putDouble(v[1]).putDouble(v[2]);
        }
        return buf.array();
    }
}

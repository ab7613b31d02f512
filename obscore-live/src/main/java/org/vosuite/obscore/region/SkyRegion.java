package org.vosuite.obscore.region;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * A region of the sky as daf_butler stores it (sphgeom types), with what ObsCore needs: the bounding circle
 * (s_ra, s_dec, s_fov, computed as sphgeom does) and an STC-S polygon for s_region. Circles, boxes and ellipses
 * become polygons holding them, so no region is dropped (dax_obscore leaves every non-polygon region out).
 */
public sealed interface SkyRegion permits SkyRegion.ConvexPolygon, SkyRegion.Circle, SkyRegion.Box,
        SkyRegion.Ellipse, SkyRegion.Union {

    BoundingCircle boundingCircle();

    /** The vertices (unit vectors, counter-clockwise) of a convex polygon holding the region. */
    List<double[]> polygon();

    /** ObsCore s_region: {@code POLYGON ICRS lon lat ...} (degrees, 6 decimals), or a UNION of polygons. */
    default String stcs() {
        return "POLYGON ICRS " + numbers(polygon());
    }

    private static String numbers(List<double[]> vertices) {
        StringBuilder sb = new StringBuilder();
        for (double[] v : vertices) {
            double[] ll = Lon.lonLat(v);
            sb.append(sb.isEmpty() ? "" : " ").append(sixDecimals(ll[0])).append(' ').append(sixDecimals(ll[1]));
        }
        return sb.toString();
    }

    /**
     * Python's {@code f"{x:.6f}"}: the exact binary value rounded half-even, sign kept for -0. Fast path: x·10⁶
     * rounded, unless its fraction is so near one half that the rounding of the product could differ from the
     * exact one; then BigDecimal decides.
     */
    static String sixDecimals(double x) {
        double scaled = x * 1e6;
        double frac = Math.abs(scaled - Math.rint(scaled));
        String s;
        if (Math.abs(scaled) < 1e15 && Math.abs(frac - 0.5) > 1e-6) {
            long r = Math.round(scaled);
            long a = Math.abs(r);
            String f = Long.toString(a % 1_000_000);
            String digits = (a / 1_000_000) + "." + "000000".substring(f.length()) + f;
            s = r < 0 ? "-" + digits : digits;
        } else {
            s = new BigDecimal(x).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
        }
        return (x < 0 || 1 / x < 0) && !s.startsWith("-") ? "-" + s : s;
    }

    /** N ≥ 3 unit vectors, in sphgeom's stored order. */
    record ConvexPolygon(List<double[]> vertices) implements SkyRegion {
        @Override
        public BoundingCircle boundingCircle() {
            // sphgeom ConvexPolygonImpl boundingCircle: area-weighted centroid of the edges (Brock 1974)
            double[] cm = {0, 0, 0};
            int n = vertices.size();
            for (int k = 0; k < n; k++) {
                double[] i = vertices.get((k + n - 1) % n);
                double[] j = vertices.get(k);
                double[] v = Vectors.robustCross(i, j);
                double norm = Vectors.norm(v);
                double s = 0.5 * norm;
                double[] unit = norm == 0 ? v : new double[] {v[0] / norm, v[1] / norm, v[2] / norm};
                double c = Vectors.dot(i, j);
                double a = s == 0 && c == 0 ? 0 : Math.atan2(s, c);
                cm = Vectors.plus(cm, new double[] {unit[0] * a, unit[1] * a, unit[2] * a});
            }
            double[] centre = Vectors.normalize(cm);
            double cl2 = 0;
            for (double[] p : vertices) {
                cl2 = Math.max(cl2, Vectors.squaredDistance(p, centre));
            }
            return BoundingCircle.ofSquaredChord(centre, cl2 + 2 * BoundingCircle.MAX_SQUARED_CHORD_LENGTH_ERROR);
        }

        @Override
        public List<double[]> polygon() {
            return vertices;
        }
    }

    /** A cap: centre unit vector and opening angle (radians). */
    record Circle(double[] centre, double openingAngle) implements SkyRegion {
        /** Vertices of the polygon written for a circle. */
        static final int SIDES = 16;

        @Override
        public BoundingCircle boundingCircle() {
            return new BoundingCircle(centre, openingAngle);
        }

        @Override
        public List<double[]> polygon() {
            // a regular polygon whose edges touch the circle: vertices at tan(R) = tan(r) / cos(pi / N)
            double r = Math.atan(Math.tan(Math.min(openingAngle, Math.PI / 2 - 1e-9)) / Math.cos(Math.PI / SIDES));
            double[] u = Vectors.orthogonalTo(centre, Math.abs(centre[2]) < 0.9 ? new double[] {0, 0, 1}
                    : new double[] {1, 0, 0});
            double[] w = Vectors.cross(centre, u);
            List<double[]> out = new ArrayList<>();
            for (int k = 0; k < SIDES; k++) {
                double t = 2 * Math.PI * k / SIDES;
                double[] dir = {u[0] * Math.cos(t) + w[0] * Math.sin(t), u[1] * Math.cos(t) + w[1] * Math.sin(t),
                    u[2] * Math.cos(t) + w[2] * Math.sin(t)};
                out.add(Vectors.normalize(new double[] {centre[0] * Math.cos(r) + dir[0] * Math.sin(r),
                    centre[1] * Math.cos(r) + dir[1] * Math.sin(r), centre[2] * Math.cos(r) + dir[2] * Math.sin(r)}));
            }
            return out;
        }
    }

    /** A longitude/latitude box (radians); lonA &gt; lonB means it wraps through 0. */
    record Box(double lonA, double lonB, double latA, double latB) implements SkyRegion {
        /** Points per latitude edge of the polygon written for a box. */
        static final int EDGE_POINTS = 8;

        double width() {
            double w = lonB - lonA;
            return w < 0 ? w + 2 * Math.PI : w;
        }

        double lonCentre() {
            double c = lonA + 0.5 * width();
            return c >= 2 * Math.PI ? c - 2 * Math.PI : c;
        }

        @Override
        public BoundingCircle boundingCircle() {
            double w = width();
            double latC = 0.5 * (latA + latB);
            if (w <= Math.PI) {
                double[][] vert = {Lon.vector(lonA, latA), Lon.vector(lonA, latB), Lon.vector(lonB, latA),
                    Lon.vector(lonB, latB)};
                double c = Math.cos(0.5 * w);
                double phi1;
                double phi2;
                double phi3;
                if (c == 0) {
                    phi1 = Math.copySign(Math.PI / 2, latA);
                    phi2 = Math.copySign(Math.PI / 2, latB);
                    phi3 = 0;
                } else {
                    phi1 = Math.atan(Math.tan(latA) / c);
                    phi2 = Math.atan(Math.tan(latB) / c);
                    phi3 = Math.atan(c * Math.tan(latC));
                }
                double[] p;
                if (phi1 <= phi3 && phi3 <= phi2) {
                    p = Lon.vector(lonCentre(), phi3);
                } else {
                    double[] p1 = Lon.vector(lonCentre(), phi1);
                    double[] p2 = Lon.vector(lonCentre(), phi2);
                    p = Vectors.dot(p1, vert[0]) > Vectors.dot(p2, vert[1]) ? p2 : p1;
                }
                double cl2 = 0;
                for (double[] v : vert) {
                    cl2 = Math.max(cl2, Vectors.squaredDistance(p, v));
                }
                return BoundingCircle.ofSquaredChord(p, cl2 + 2 * BoundingCircle.MAX_SQUARED_CHORD_LENGTH_ERROR);
            }
            double[] v;
            double r;
            if (Math.abs(latA) <= Math.abs(latB)) {
                v = new double[] {0, 0, 1};
                r = Math.PI / 2 - latA;
            } else {
                v = new double[] {0, 0, -1};
                r = latB + Math.PI / 2;
            }
            if (w < 2 * Math.PI && 0.5 * w < r) {
                r = 0.5 * w;
                v = Lon.vector(lonCentre(), 0);
            }
            return new BoundingCircle(v, r + 4 * BoundingCircle.MAX_ASIN_ERROR);
        }

        @Override
        public List<double[]> polygon() {
            // corners and points along the parallels (which are not great circles), counter-clockwise
            List<double[]> out = new ArrayList<>();
            double w = width();
            for (int k = 0; k <= EDGE_POINTS; k++) {
                out.add(Lon.vector(lonA + w * k / EDGE_POINTS, latA));
            }
            for (int k = EDGE_POINTS; k >= 0; k--) {
                out.add(Lon.vector(lonA + w * k / EDGE_POINTS, latB));
            }
            return out;
        }
    }

    /** An ellipse: centre, the semi-axes as angles (radians) and the orientation. */
    record Ellipse(double[] centre, double alpha, double beta, double orientation) implements SkyRegion {
        @Override
        public BoundingCircle boundingCircle() {
            return new BoundingCircle(centre, Math.max(alpha, beta) + 2 * BoundingCircle.MAX_ASIN_ERROR);
        }

        @Override
        public List<double[]> polygon() {
            return new Circle(centre, Math.max(alpha, beta)).polygon(); // the circle round it: holds it
        }
    }

    /** Several regions: their union. */
    record Union(List<SkyRegion> members) implements SkyRegion {
        @Override
        public BoundingCircle boundingCircle() {
            BoundingCircle b = members.get(0).boundingCircle();
            for (int i = 1; i < members.size(); i++) {
                b = b.expandTo(members.get(i).boundingCircle());
            }
            return b;
        }

        @Override
        public List<double[]> polygon() {
            throw new UnsupportedOperationException("a union is several polygons; use stcs()");
        }

        @Override
        public String stcs() {
            StringBuilder sb = new StringBuilder("UNION ICRS (");
            for (SkyRegion r : members) {
                sb.append(sb.charAt(sb.length() - 1) == '(' ? "" : " ").append("POLYGON ").append(numbers(
                        r instanceof Union u ? flatten(u) : r.polygon()));
            }
            return sb.append(")").toString();
        }

        private static List<double[]> flatten(Union u) {
            return u.members().get(0).polygon(); // nested unions are not written by daf_butler
        }
    }
}

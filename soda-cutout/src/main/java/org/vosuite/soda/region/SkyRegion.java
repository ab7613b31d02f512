package org.vosuite.soda.region;

import java.util.List;
import org.vosuite.common.sky.SkyMath;

/**
 * A SODA spatial filter in ICRS degrees: a circle, a longitude/latitude range or a polygon. Cutouts need two
 * things of it: points along its boundary (to find the pixel box where it crosses an image) and a containment
 * test (to find image pixels it covers entirely).
 */
public sealed interface SkyRegion permits SkyRegion.Circle, SkyRegion.Range, SkyRegion.Polygon {

    /** Points on the boundary, dense enough that the pixel box they span misses no pixel the region covers. */
    List<double[]> boundary();

    boolean contains(double ra, double dec);

    /** The region in SODA POS syntax, for provenance cards. */
    String pos();

    record Circle(double ra, double dec, double radius) implements SkyRegion {
        @Override
        public List<double[]> boundary() {
            int n = 360;
            double[] c = SkyMath.unitVector(ra, dec);
            // a point at distance radius towards the pole (or towards +ra at the pole), rotated around c
            double[] north = Math.abs(dec) > 89.999999 ? SkyMath.unitVector(ra + 90, 0)
                    : new double[] {0, 0, 1};
            double[] e = SkyMath.normalize(SkyMath.cross(north, c));
            double[] nn = SkyMath.cross(c, e);
            double r = Math.toRadians(radius);
            List<double[]> pts = new java.util.ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                double a = 2 * Math.PI * i / n;
                double[] v = new double[3];
                for (int k = 0; k < 3; k++) {
                    v[k] = Math.cos(r) * c[k] + Math.sin(r) * (Math.cos(a) * nn[k] + Math.sin(a) * e[k]);
                }
                pts.add(SkyMath.raDec(v));
            }
            return pts;
        }

        @Override
        public boolean contains(double r, double d) {
            return SkyMath.angularDistanceDeg(ra, dec, r, d) <= radius;
        }

        @Override
        public String pos() {
            return "CIRCLE " + ra + " " + dec + " " + radius;
        }
    }

    /** lon1..lon2 (wrapping through 0 when lon1 &gt; lon2) × lat1..lat2; infinities already clamped. */
    record Range(double lon1, double lon2, double lat1, double lat2) implements SkyRegion {
        private double width() {
            double w = lon2 - lon1;
            return w < 0 ? w + 360 : (w == 0 && lon1 != lon2 ? 360 : w);
        }

        @Override
        public List<double[]> boundary() {
            List<double[]> pts = new java.util.ArrayList<>();
            int n = 720;
            double w = width();
            for (int i = 0; i <= n; i++) {
                double lon = lon1 + w * i / n;
                pts.add(new double[] {lon, lat1});
                pts.add(new double[] {lon, lat2});
            }
            for (int i = 0; i <= n; i++) {
                double lat = lat1 + (lat2 - lat1) * i / n;
                pts.add(new double[] {lon1, lat});
                pts.add(new double[] {lon1 + w, lat});
            }
            return pts;
        }

        @Override
        public boolean contains(double ra, double dec) {
            if (dec < lat1 || dec > lat2) {
                return false;
            }
            double d = (ra - lon1) % 360;
            if (d < 0) {
                d += 360;
            }
            return width() >= 360 || d <= width();
        }

        @Override
        public String pos() {
            return "RANGE " + lon1 + " " + lon2 + " " + lat1 + " " + lat2;
        }
    }

    /**
     * Vertices (ra, dec) joined by great circles, closing implicitly. The gnomonic plane around the vertices' mean
     * is set up once: containment is asked for thousands of image pixels per cutout.
     */
    final class Polygon implements SkyRegion {
        private final List<double[]> vertices;
        private final double[] centre;
        private final double[] east;
        private final double[] north;
        /** The vertices in the gnomonic plane; null when one lies 90° or more from the centre. */
        private final double[][] plane;

        public Polygon(List<double[]> vertices) {
            this.vertices = List.copyOf(vertices);
            double[] s = new double[3];
            for (double[] v : this.vertices) {
                double[] u = SkyMath.unitVector(v[0], v[1]);
                for (int k = 0; k < 3; k++) {
                    s[k] += u[k];
                }
            }
            centre = SkyMath.normalize(s);
            double[] pole = Math.abs(centre[2]) > 0.999999 ? new double[] {1, 0, 0} : new double[] {0, 0, 1};
            east = SkyMath.normalize(SkyMath.cross(pole, centre));
            north = SkyMath.cross(centre, east);
            double[][] p = new double[this.vertices.size()][];
            for (int i = 0; i < p.length; i++) {
                p[i] = gnomonic(SkyMath.unitVector(this.vertices.get(i)[0], this.vertices.get(i)[1]));
                if (p[i] == null) {
                    p = null;
                    break;
                }
            }
            plane = p;
        }

        public List<double[]> vertices() {
            return vertices;
        }

        @Override
        public List<double[]> boundary() {
            List<double[]> pts = new java.util.ArrayList<>();
            int per = 64;
            for (int i = 0; i < vertices.size(); i++) {
                double[] a = SkyMath.unitVector(vertices.get(i)[0], vertices.get(i)[1]);
                double[] b = SkyMath.unitVector(vertices.get((i + 1) % vertices.size())[0],
                        vertices.get((i + 1) % vertices.size())[1]);
                for (int k = 0; k < per; k++) {
                    double t = (double) k / per;
                    double[] v = new double[3];
                    for (int j = 0; j < 3; j++) {
                        v[j] = (1 - t) * a[j] + t * b[j];
                    }
                    pts.add(SkyMath.raDec(SkyMath.normalize(v)));
                }
            }
            return pts;
        }

        /** Ray casting in the gnomonic plane, where great-circle edges are straight lines. */
        @Override
        public boolean contains(double ra, double dec) {
            double[] p = gnomonic(SkyMath.unitVector(ra, dec));
            if (p == null || plane == null) {
                return false;
            }
            boolean inside = false;
            for (int i = 0, j = plane.length - 1; i < plane.length; j = i++) {
                double[] a = plane[i];
                double[] b = plane[j];
                if ((a[1] > p[1]) != (b[1] > p[1])
                        && p[0] < (b[0] - a[0]) * (p[1] - a[1]) / (b[1] - a[1]) + a[0]) {
                    inside = !inside;
                }
            }
            return inside;
        }

        private double[] gnomonic(double[] v) {
            double d = SkyMath.dot(centre, v);
            if (d <= 1e-12) {
                return null;
            }
            return new double[] {SkyMath.dot(v, east) / d, SkyMath.dot(v, north) / d};
        }

        @Override
        public String pos() {
            StringBuilder s = new StringBuilder("POLYGON");
            for (double[] v : vertices) {
                s.append(' ').append(v[0]).append(' ').append(v[1]);
            }
            return s.toString();
        }
    }
}

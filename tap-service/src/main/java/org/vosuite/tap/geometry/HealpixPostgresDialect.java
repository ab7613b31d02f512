package org.vosuite.tap.geometry;

import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;
import org.vosuite.tap.plan.AdqlPostgresqlDialect;
import org.vosuite.common.healpix.Coverage;
import org.vosuite.common.healpix.PixelRanges;
import org.vosuite.common.sky.SkyMath;

/**
 * PostgreSQL without pg_sphere (the embedded default). A point-in-region test becomes
 * {@code (vosuite.healpix12(ra, dec) BETWEEN a AND b OR …) AND <exact test>}: the HEALPix ranges come from the
 * region's inclusive coverage and use the B-tree expression index on {@code vosuite.healpix12(ra, dec)}; the exact
 * test (angular distance, or the sides of the polygon's great circles) removes the extra rows the coverage lets
 * through. The SQL functions live in {@code healpix.sql}.
 */
public final class HealpixPostgresDialect extends AdqlPostgresqlDialect {
    /** The order of the indexed HEALPix expression: 0.86 arcmin pixels. */
    public static final int INDEX_ORDER = 12;
    /** Ranges per predicate at most; more pixels are merged into fewer, wider ranges (the recheck is exact). */
    static final int MAX_RANGES = 48;

    public static final HealpixPostgresDialect INSTANCE = new HealpixPostgresDialect();

    private HealpixPostgresDialect() {
        super();
    }

    @Override
    public void unparseCall(SqlWriter w, SqlCall call, int leftPrec, int rightPrec) {
        String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
        switch (name) {
            case "VOSUITE_CONTAINED" -> contained(w, call.operand(0), call.operand(1));
            case "VOSUITE_OVERLAPS" -> {
                if ("POINT".equals(GeometryRewrite.functionName(call.operand(0)))) {
                    contained(w, call.operand(0), call.operand(1));
                } else if ("POINT".equals(GeometryRewrite.functionName(call.operand(1)))) {
                    contained(w, call.operand(1), call.operand(0));
                } else {
                    throw new GeometryException("INTERSECTS of two regions needs pg_sphere; on this database one "
                            + "side must be a POINT");
                }
            }
            case "VOSUITE_WITHIN" -> within(w, call);
            case "DISTANCE" -> distance(w, call);
            case "COORD1", "COORD2" -> {
                if (!(Shape.of(call.operand(0)) instanceof Shape.Point p)) {
                    throw new GeometryException(name + " takes a POINT");
                }
                (name.equals("COORD1") ? p.ra() : p.dec()).unparse(w, 0, 0);
            }
            case "CONTAINS", "INTERSECTS" -> GeometryPredicates.unparseAsInteger(this, w, call);
            case "IVO_HEALPIX_INDEX" -> {
                w.print("vosuite.healpix_nest(");
                call.operand(0).unparse(w, 0, 0);
                if (call.operandCount() == 2 && Shape.of(call.operand(1)) instanceof Shape.Point p) {
                    pair(w, p.ra(), p.dec());
                } else if (call.operandCount() == 3) {
                    pair(w, call.operand(1), call.operand(2));
                } else {
                    throw new GeometryException("ivo_healpix_index takes an order and a POINT (or RA, Dec)");
                }
                w.print(")");
            }
            case "POINT", "CIRCLE", "POLYGON", "BOX", "REGION", "CENTROID", "AREA", "COORDSYS",
                    "IVO_HEALPIX_CENTER" -> throw new GeometryException(name + " values cannot be computed on this "
                            + "database (no pg_sphere); use regions inside CONTAINS, INTERSECTS or DISTANCE");
            default -> super.unparseCall(w, call, leftPrec, rightPrec);
        }
    }

    private static void pair(SqlWriter w, SqlNode a, SqlNode b) {
        w.print(", ");
        a.unparse(w, 0, 0);
        w.print(", ");
        b.unparse(w, 0, 0);
    }

    private void contained(SqlWriter w, SqlNode innerNode, SqlNode outerNode) {
        SqlNode[] varying = varyingCircle(outerNode);
        if (varying != null) {
            if (!(Shape.of(innerNode) instanceof Shape.Point p)) {
                throw new GeometryException("on this database (no pg_sphere) CONTAINS needs a POINT as its first "
                        + "argument");
            }
            crossMatch(w, p, varying[0], varying[1], varying[2]);
            return;
        }
        Shape inner = Shape.of(innerNode);
        Shape outer = Shape.of(outerNode);
        if (!(inner instanceof Shape.Point p)) {
            throw new GeometryException("on this database (no pg_sphere) CONTAINS needs a POINT as its first "
                    + "argument");
        }
        if (outer instanceof Shape.Circle c) {
            circle(w, p, c);
        } else if (outer instanceof Shape.Polygon poly) {
            polygon(w, p, poly);
        } else {
            throw new GeometryException("a POINT contains nothing; use DISTANCE to compare points");
        }
    }

    private void within(SqlWriter w, SqlCall call) {
        Shape a = Shape.of(call.operand(0));
        Shape b = Shape.of(call.operand(1));
        Double r = Shape.number(call.operand(2));
        if (!(a instanceof Shape.Point p) || !(b instanceof Shape.Point q)) {
            throw new GeometryException("DISTANCE takes two POINTs");
        }
        if (r != null && q.constant()) {
            circle(w, p, new Shape.Circle(q.raValue(), q.decValue(), r));
        } else if (r != null && p.constant()) {
            circle(w, q, new Shape.Circle(p.raValue(), p.decValue(), r));
        } else {
            crossMatch(w, p, q.ra(), q.dec(), call.operand(2));
        }
    }

    /**
     * A CIRCLE whose centre or radius come from columns (a cross-match such as
     * {@code CONTAINS(POINT(o.ra, o.dec), CIRCLE(u.ra, u.dec, 0.001))}): its centre RA, Dec and radius; null for a
     * constant circle or anything else.
     */
    private static SqlNode[] varyingCircle(SqlNode node) {
        if (!"CIRCLE".equals(GeometryRewrite.functionName(node))) {
            return null;
        }
        List<SqlNode> a = Shape.arguments((SqlCall) node);
        SqlNode[] out;
        if (a.size() == 2 && Shape.of(a.get(0)) instanceof Shape.Point c) {
            out = new SqlNode[] {c.ra(), c.dec(), a.get(1)};
        } else if (a.size() == 3) {
            out = new SqlNode[] {a.get(0), a.get(1), a.get(2)};
        } else {
            return null;
        }
        boolean constant = Shape.number(out[0]) != null && Shape.number(out[1]) != null
                && Shape.number(out[2]) != null;
        return constant ? null : out;
    }

    /**
     * Points within {@code r} of a point that varies row by row (a cross-match). The HEALPix coverage needs a
     * constant region, so the index here is a declination band, written both ways round so a B-tree on the
     * declination of either table can drive the join; the exact distance follows.
     */
    private void crossMatch(SqlWriter w, Shape.Point p, SqlNode ra, SqlNode dec, SqlNode r) {
        w.print("(");
        band(w, p.dec(), dec, r);
        w.print(" AND ");
        band(w, dec, p.dec(), r);
        w.print(" AND vosuite.distance(");
        p.ra().unparse(w, 0, 0);
        pair(w, p.dec(), ra);
        w.print(", ");
        dec.unparse(w, 0, 0);
        w.print(") <= ");
        r.unparse(w, 0, 0);
        w.print(")");
    }

    /** {@code x BETWEEN c - r AND c + r}. */
    private static void band(SqlWriter w, SqlNode x, SqlNode c, SqlNode r) {
        x.unparse(w, 0, 0);
        w.print(" BETWEEN (");
        c.unparse(w, 0, 0);
        w.print(") - (");
        r.unparse(w, 0, 0);
        w.print(") AND (");
        c.unparse(w, 0, 0);
        w.print(") + (");
        r.unparse(w, 0, 0);
        w.print(")");
    }

    private void distance(SqlWriter w, SqlCall call) {
        SqlNode ra1;
        SqlNode dec1;
        SqlNode ra2;
        SqlNode dec2;
        if (call.operandCount() == 4) {
            ra1 = call.operand(0);
            dec1 = call.operand(1);
            ra2 = call.operand(2);
            dec2 = call.operand(3);
        } else if (Shape.of(call.operand(0)) instanceof Shape.Point p
                && Shape.of(call.operand(1)) instanceof Shape.Point q) {
            ra1 = p.ra();
            dec1 = p.dec();
            ra2 = q.ra();
            dec2 = q.dec();
        } else {
            throw new GeometryException("DISTANCE takes two POINTs");
        }
        w.print("vosuite.distance(");
        ra1.unparse(w, 0, 0);
        pair(w, dec1, ra2);
        w.print(", ");
        dec2.unparse(w, 0, 0);
        w.print(")");
    }

    private void circle(SqlWriter w, Shape.Point p, Shape.Circle c) {
        if (c.radius() < 0) {
            throw new GeometryException("a CIRCLE's radius must not be negative");
        }
        PixelRanges ranges = coverage(Coverage.cone(orderFor(c.radius()), c.ra(), c.dec(), Math.min(180,
                c.radius())));
        w.print("(");
        rangePredicate(w, p, ranges);
        w.print(" AND vosuite.distance(");
        p.ra().unparse(w, 0, 0);
        w.print(", ");
        p.dec().unparse(w, 0, 0);
        w.print(", " + c.ra() + ", " + c.dec() + ") <= " + c.radius() + ")");
    }

    private void polygon(SqlWriter w, Shape.Point p, Shape.Polygon poly) {
        double[][] v = poly.vertices();
        PixelRanges ranges;
        try {
            ranges = coverage(Coverage.polygon(orderFor(extent(v)), v));
        } catch (IllegalArgumentException e) {
            throw new GeometryException("this POLYGON cannot be searched without pg_sphere: " + e.getMessage());
        }
        double[][] unit = new double[v.length][];
        double[] centre = new double[3];
        for (int i = 0; i < v.length; i++) {
            unit[i] = SkyMath.unitVector(v[i][0], v[i][1]);
            for (int k = 0; k < 3; k++) {
                centre[k] += unit[i][k];
            }
        }
        w.print("(");
        rangePredicate(w, p, ranges);
        for (int i = 0; i < v.length; i++) {
            double[] n = SkyMath.cross(unit[i], unit[(i + 1) % v.length]);
            if (SkyMath.dot(n, centre) < 0) {
                n = new double[] {-n[0], -n[1], -n[2]}; // point the normal into the polygon
            }
            // inside = on the inner side of every edge's great circle
            w.print(" AND (" + n[0] + " * cos(radians(");
            p.dec().unparse(w, 0, 0);
            w.print(")) * cos(radians(");
            p.ra().unparse(w, 0, 0);
            w.print(")) + " + n[1] + " * cos(radians(");
            p.dec().unparse(w, 0, 0);
            w.print(")) * sin(radians(");
            p.ra().unparse(w, 0, 0);
            w.print(")) + " + n[2] + " * sin(radians(");
            p.dec().unparse(w, 0, 0);
            w.print("))) >= 0");
        }
        w.print(")");
    }

    private static void rangePredicate(SqlWriter w, Shape.Point p, PixelRanges ranges) {
        if (ranges.isEmpty()) {
            w.print("FALSE");
            return;
        }
        w.print("(");
        for (int i = 0; i < ranges.size(); i++) {
            w.print(i == 0 ? "" : " OR ");
            w.print("vosuite.healpix12(");
            p.ra().unparse(w, 0, 0);
            w.print(", ");
            p.dec().unparse(w, 0, 0);
            long start = ranges.start(i);
            long end = ranges.end(i) - 1;
            w.print(start == end ? ") = " + start : ") BETWEEN " + start + " AND " + end);
        }
        w.print(")");
    }

    /** Coverage at a coarse order, merged to a few ranges, expressed at the index order. */
    private static PixelRanges coverage(PixelRanges coarse) {
        return coarse.coarsen(MAX_RANGES).atOrder(INDEX_ORDER);
    }

    /** An order whose pixels are a few times smaller than the region: tight coverage, few ranges. */
    static int orderFor(double sizeDeg) {
        double pixel = Math.max(sizeDeg, 1e-6) / 4;
        int order = (int) Math.floor(Math.log(58.6 / pixel) / Math.log(2));
        return Math.max(0, Math.min(INDEX_ORDER, order));
    }

    private static double extent(double[][] v) {
        double max = 0;
        for (double[] a : v) {
            for (double[] b : v) {
                max = Math.max(max, SkyMath.angularDistanceDeg(a[0], a[1], b[0], b[1]));
            }
        }
        return max / 2;
    }
}

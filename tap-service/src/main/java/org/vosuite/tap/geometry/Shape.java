package org.vosuite.tap.geometry;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.vosuite.tap.adql.AdqlOperators;

/**
 * An ADQL geometry as written in a query: a point whose coordinates are any expressions (usually columns), or a
 * constant circle or polygon (BOX becomes the polygon of its corners, REGION is read from its STC-S). Constants are
 * what a spatial index needs: their HEALPix coverage or pg_sphere literal is computed once, by the service.
 */
sealed interface Shape permits Shape.Point, Shape.Circle, Shape.Polygon {
    /** A point; {@code ra}/{@code dec} are the query's expressions, {@code raValue}/{@code decValue} set if constant. */
    record Point(SqlNode ra, SqlNode dec, Double raValue, Double decValue) implements Shape {
        boolean constant() {
            return raValue != null && decValue != null;
        }
    }

    record Circle(double ra, double dec, double radius) implements Shape {
    }

    record Polygon(double[][] vertices) implements Shape {
    }

    /**
     * Reads a POINT, CIRCLE, POLYGON, BOX or REGION call; the leading coordinate-system string is optional (ADQL
     * 2.1).
     */
    static Shape of(SqlNode node) {
        String name = GeometryRewrite.functionName(node);
        if (name == null) {
            throw new GeometryException("expected a geometry (POINT, CIRCLE, POLYGON, BOX or REGION) here, found "
                    + node + "; geometry columns need pg_sphere");
        }
        SqlCall call = (SqlCall) node;
        if (name.equals("REGION")) { // its only argument is the STC-S string, not a coordinate system
            need(call.operand(0) instanceof SqlCharStringLiteral, "REGION takes a constant STC-S string");
            return StcS.parse(((SqlCharStringLiteral) call.operand(0)).getValueAs(String.class));
        }
        List<SqlNode> args = arguments(call);
        switch (name) {
            case "POINT" -> {
                need(args.size() == 2, "POINT takes a coordinate system (optional), RA and Dec");
                return new Point(args.get(0), args.get(1), number(args.get(0)), number(args.get(1)));
            }
            case "CIRCLE" -> {
                if (args.size() == 2) {
                    Point centre = constantPoint(args.get(0), "the centre of a CIRCLE");
                    return new Circle(centre.raValue(), centre.decValue(), constant(args.get(1), "radius"));
                }
                need(args.size() == 3, "CIRCLE takes a centre (RA, Dec or a POINT) and a radius");
                return new Circle(constant(args.get(0), "RA"), constant(args.get(1), "Dec"),
                        constant(args.get(2), "radius"));
            }
            case "BOX" -> {
                need(args.size() == 4, "BOX takes a centre RA, Dec, a width and a height");
                return new Polygon(boxCorners(constant(args.get(0), "RA"), constant(args.get(1), "Dec"),
                        constant(args.get(2), "width"), constant(args.get(3), "height")));
            }
            case "POLYGON" -> {
                List<SqlNode> vertices = vertices(call);
                double[][] v = new double[vertices.size()][];
                for (int i = 0; i < v.length; i++) {
                    Point p = (Point) of(vertices.get(i));
                    v[i] = new double[] {constant(p.ra(), "RA"), constant(p.dec(), "Dec")};
                }
                return new Polygon(v);
            }
            default -> throw new GeometryException(name + " is not supported as a region here");
        }
    }

    private static Point constantPoint(SqlNode node, String what) {
        Shape s = of(node);
        if (!(s instanceof Point p) || !p.constant()) {
            throw new GeometryException(what + " must be a POINT with constant coordinates");
        }
        return p;
    }

    /**
     * The vertices of a POLYGON call as POINT expressions, whether written as points or as RA, Dec pairs (the
     * pairs become POINT calls).
     */
    static List<SqlNode> vertices(SqlCall polygon) {
        List<SqlNode> args = arguments(polygon);
        if (args.stream().allMatch(a -> "POINT".equals(GeometryRewrite.functionName(a)))) {
            need(args.size() >= 3, "a POLYGON needs at least three vertices");
            return args;
        }
        need(args.size() % 2 == 0, "POLYGON takes pairs of RA and Dec");
        need(args.size() >= 6, "a POLYGON needs at least three vertices");
        List<SqlNode> points = new ArrayList<>();
        for (int i = 0; i < args.size(); i += 2) {
            points.add(AdqlOperators.POINT.createCall(polygon.getParserPosition(), args.get(i), args.get(i + 1)));
        }
        return points;
    }

    /**
     * The corners of an ADQL BOX (centre, full width along RA, full height along Dec, in degrees): the width is
     * measured on the sky at the centre's declination, so the RA half-width grows as 1 / cos(dec).
     */
    static double[][] boxCorners(double ra, double dec, double width, double height) {
        double w = width / 2;
        double h = height / 2;
        double cos = Math.cos(Math.toRadians(dec));
        double dra = cos > 1e-9 ? w / cos : 180;
        return new double[][] {{ra - dra, dec - h}, {ra + dra, dec - h}, {ra + dra, dec + h}, {ra - dra, dec + h}};
    }

    /** True for POINT(ra, dec) with constant coordinates. */
    static boolean isConstantPoint(SqlNode node) {
        return "POINT".equals(GeometryRewrite.functionName(node)) && of(node) instanceof Point p && p.constant();
    }

    /** Arguments without the leading coordinate-system string, which must be ICRS when given. */
    static List<SqlNode> arguments(SqlCall call) {
        List<SqlNode> args = new ArrayList<>(call.getOperandList());
        if (!args.isEmpty() && args.get(0) instanceof SqlCharStringLiteral sys) {
            String frame = sys.getValueAs(String.class).trim().toUpperCase(Locale.ROOT);
            if (!frame.isEmpty() && !frame.startsWith("ICRS")) {
                throw new GeometryException("coordinate system '" + frame + "' is not supported; use 'ICRS' (or "
                        + "leave it out)");
            }
            args.remove(0);
        }
        return args;
    }

    private static double constant(SqlNode n, String what) {
        Double d = number(n);
        if (d == null) {
            throw new GeometryException("the " + what + " of a region must be a constant number here; regions "
                    + "built from columns need pg_sphere");
        }
        return d;
    }

    /** A number as an SQL literal, written as briefly as it reads (1, not 1.0; no exponent). */
    static SqlLiteral literal(double d) {
        return SqlLiteral.createExactNumeric(new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString(),
                SqlParserPos.ZERO);
    }

    /** The value of a numeric constant expression (literal, possibly negated or cast), else null. */
    static Double number(SqlNode n) {
        if (n instanceof SqlLiteral l && l.getValue() instanceof BigDecimal b) {
            return b.doubleValue();
        }
        if (n instanceof SqlCall c) {
            if (c.getKind() == SqlKind.CAST || c.getKind() == SqlKind.PLUS_PREFIX) {
                return number(c.operand(0));
            }
            if (c.getKind() == SqlKind.MINUS_PREFIX) {
                Double d = number(c.operand(0));
                return d == null ? null : -d;
            }
        }
        return null;
    }

    private static void need(boolean ok, String message) {
        if (!ok) {
            throw new GeometryException(message);
        }
    }
}

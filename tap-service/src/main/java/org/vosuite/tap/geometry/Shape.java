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

/**
 * An ADQL geometry as written in a query: a point whose coordinates are any expressions (usually columns), or a
 * constant circle or polygon (BOX becomes the polygon of its corners). Constants are what a spatial index needs:
 * their HEALPix coverage or pg_sphere literal is computed once, by the service.
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

    /** Reads a POINT, CIRCLE, POLYGON or BOX call; the leading coordinate-system string is optional (ADQL 2.1). */
    static Shape of(SqlNode node) {
        String name = GeometryRewrite.functionName(node);
        if (name == null) {
            throw new GeometryException("expected a geometry (POINT, CIRCLE, POLYGON or BOX) here, found " + node
                    + "; geometry columns need pg_sphere");
        }
        List<SqlNode> args = arguments((SqlCall) node);
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
                double ra = constant(args.get(0), "RA");
                double dec = constant(args.get(1), "Dec");
                double w = constant(args.get(2), "width") / 2;
                double h = constant(args.get(3), "height") / 2;
                double cos = Math.cos(Math.toRadians(dec));
                double dra = cos > 1e-9 ? w / cos : 180;
                return new Polygon(new double[][] {{ra - dra, dec - h}, {ra + dra, dec - h}, {ra + dra, dec + h},
                        {ra - dra, dec + h}});
            }
            case "POLYGON" -> {
                List<double[]> v = new ArrayList<>();
                if (args.stream().allMatch(a -> "POINT".equals(GeometryRewrite.functionName(a)))) {
                    for (SqlNode a : args) {
                        Point p = constantPoint(a, "a POLYGON vertex");
                        v.add(new double[] {p.raValue(), p.decValue()});
                    }
                } else {
                    need(args.size() % 2 == 0, "POLYGON takes pairs of RA and Dec");
                    for (int i = 0; i < args.size(); i += 2) {
                        v.add(new double[] {constant(args.get(i), "RA"), constant(args.get(i + 1), "Dec")});
                    }
                }
                need(v.size() >= 3, "a POLYGON needs at least three vertices");
                return new Polygon(v.toArray(double[][]::new));
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

    private static List<SqlNode> arguments(SqlCall call) {
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

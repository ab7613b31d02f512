package org.vosuite.tap.geometry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;
import org.vosuite.tap.plan.AdqlPostgresqlDialect;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.vosuite.tap.adql.AdqlOperators;

/**
 * PostgreSQL with pg_sphere (production). ADQL regions become pg_sphere values and the predicates its operators,
 * which a GiST index on {@code spoint(radians(ra), radians(dec))} serves: CONTAINS is {@code <@}, INTERSECTS is
 * {@code &&}, {@code DISTANCE(p, q) < r} is {@code p <@ scircle(q, r)}. ADQL speaks degrees, pg_sphere radians: every
 * conversion is written here. Regions may be built from columns, except BOX and REGION, whose corners and STC-S
 * the service computes (pg_sphere 1.2 has no polygon constructor from values, so a POLYGON with column vertices is
 * built with its {@code spoly} aggregate).
 *
 * <p>A geometry value in the select list is returned as DALI text ({@code "ra dec"}, {@code "ra dec radius"},
 * {@code "ra1 dec1 ra2 dec2 …"}, degrees): the result writers carry it as a string.
 */
public final class PgSphereDialect extends AdqlPostgresqlDialect {
    /** The ADQL functions whose value is a geometry. */
    private static final Set<String> GEOMETRIES = Set.of("POINT", "CIRCLE", "POLYGON", "BOX", "REGION", "CENTROID",
            "IVO_HEALPIX_CENTER");

    private final boolean healpixFunctions;

    /**
     * @param healpixFunctions whether the database has the HEALPix functions of {@code healpix.sql}, which
     *                         ivo_healpix_index calls (pg_sphere 1.2 has no HEALPix index of a point)
     */
    public PgSphereDialect(boolean healpixFunctions) {
        super();
        this.healpixFunctions = healpixFunctions;
    }

    /** Whether ivo_healpix_index can run (the HEALPix SQL functions are installed too). */
    public boolean healpixFunctions() {
        return healpixFunctions;
    }

    @Override
    public void unparseCall(SqlWriter w, SqlCall call, int leftPrec, int rightPrec) {
        String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
        switch (name) {
            case "VOSUITE_CONTAINED" -> contained(w, call.operand(0), call.operand(1));
            case "VOSUITE_OVERLAPS" -> {
                SqlNode a = call.operand(0);
                SqlNode b = call.operand(1);
                // pg_sphere has no && for a point: a point overlaps a region when the region contains it.
                if (isPoint(a)) {
                    contained(w, a, b);
                } else if (isPoint(b)) {
                    contained(w, b, a);
                } else {
                    binary(w, a, " && ", b);
                }
            }
            case "VOSUITE_WITHIN" -> {
                SqlNode p = call.operand(0);
                SqlNode q = call.operand(1);
                if (Shape.isConstantPoint(p) && !Shape.isConstantPoint(q)) {
                    // The circle goes round the constant point, so the column side can use its GiST index.
                    SqlNode t = p;
                    p = q;
                    q = t;
                }
                w.print("(");
                sphere(w, p);
                w.print(" <@ scircle(");
                sphere(w, q);
                w.print(", radians(");
                call.operand(2).unparse(w, 0, 0);
                w.print(")))");
            }
            case "DISTANCE" -> {
                boolean pairs = call.operandCount() == 4; // DISTANCE(ra1, dec1, ra2, dec2)
                w.print("degrees(");
                sphere(w, pairs ? point(call.operand(0), call.operand(1)) : call.operand(0));
                w.print(" <-> ");
                sphere(w, pairs ? point(call.operand(2), call.operand(3)) : call.operand(1));
                w.print(")");
            }
            case "COORD1", "COORD2" -> {
                w.print(name.equals("COORD1") ? "degrees(long(" : "degrees(lat(");
                sphere(w, call.operand(0));
                w.print("))");
            }
            case "AREA" -> {
                if (isPoint(call.operand(0))) {
                    w.print("0.0");
                } else {
                    w.print("degrees(degrees(area("); // steradians to square degrees
                    sphere(w, call.operand(0));
                    w.print(")))");
                }
            }
            case "COORDSYS" -> w.print("'ICRS'");
            case "CONTAINS", "INTERSECTS" -> GeometryPredicates.unparseAsInteger(this, w, call);
            case "IVO_HEALPIX_INDEX" -> {
                if (!healpixFunctions) {
                    throw new GeometryException("ivo_healpix_index is not available on this database: it needs the "
                            + "service's HEALPix SQL functions (vosuite.healpix_nest), which are not installed");
                }
                HealpixPostgresDialect.INSTANCE.unparseCall(w, call, leftPrec, rightPrec);
            }
            case "POINT", "CIRCLE", "POLYGON", "BOX", "REGION", "CENTROID" -> dali(w, call);
            case "IVO_HEALPIX_CENTER" -> throw new GeometryException("ivo_healpix_center is not available on this "
                    + "database");
            default -> super.unparseCall(w, call, leftPrec, rightPrec);
        }
    }

    private void contained(SqlWriter w, SqlNode inner, SqlNode outer) {
        if (isPoint(outer)) {
            throw new GeometryException("a POINT contains nothing; use DISTANCE to compare points");
        }
        binary(w, inner, " <@ ", outer);
    }

    private void binary(SqlWriter w, SqlNode a, String operator, SqlNode b) {
        w.print("(");
        sphere(w, a);
        w.print(operator);
        sphere(w, b);
        w.print(")");
    }

    /**
     * Writes an ADQL geometry as a pg_sphere value. Anything that is not an ADQL geometry function (a column of
     * type spoint, scircle, spoly, …) is written as it is.
     */
    private void sphere(SqlWriter w, SqlNode g) {
        String name = GeometryRewrite.functionName(g);
        if (name == null || !GEOMETRIES.contains(name)) {
            g.unparse(w, 0, 0);
            return;
        }
        SqlCall call = (SqlCall) g;
        switch (name) {
            case "POINT" -> {
                List<SqlNode> a = Shape.arguments(call);
                if (a.size() != 2) {
                    throw new GeometryException("POINT takes a coordinate system (optional), RA and Dec");
                }
                w.print("spoint(radians(");
                a.get(0).unparse(w, 0, 0);
                w.print("), radians(");
                a.get(1).unparse(w, 0, 0);
                w.print("))");
            }
            case "CIRCLE" -> {
                List<SqlNode> a = Shape.arguments(call);
                w.print("scircle(");
                sphere(w, a.size() == 2 ? a.get(0) : point(a.get(0), a.get(1)));
                w.print(", radians(");
                a.get(a.size() - 1).unparse(w, 0, 0);
                w.print("))");
            }
            case "POLYGON" -> {
                List<SqlNode> vertices = Shape.vertices(call);
                if (vertices.stream().allMatch(Shape::isConstantPoint)) {
                    literal(w, Shape.of(g));
                } else {
                    // Vertices from columns: pg_sphere's spoly aggregate, over the vertices in order.
                    w.print("(SELECT spoly(vosuite_v ORDER BY vosuite_n) FROM (VALUES ");
                    for (int i = 0; i < vertices.size(); i++) {
                        w.print((i == 0 ? "(" : ", (") + (i + 1) + ", ");
                        sphere(w, vertices.get(i));
                        w.print(")");
                    }
                    w.print(") AS vosuite_vertices (vosuite_n, vosuite_v))");
                }
            }
            case "BOX", "REGION" -> literal(w, constant(g));
            case "CENTROID" -> {
                SqlNode of = call.operand(0);
                if (isPoint(of)) {
                    sphere(w, of);
                } else if (isCircle(of)) {
                    w.print("center(");
                    sphere(w, of);
                    w.print(")");
                } else {
                    throw new GeometryException("CENTROID takes a CIRCLE here: pg_sphere 1.2 has no centre of a "
                            + "polygon");
                }
            }
            default -> throw new GeometryException(name + " is not available on this database");
        }
    }

    /** A constant region (BOX or REGION), whose corners or STC-S the service computes. */
    private static Shape constant(SqlNode g) {
        if ("BOX".equals(GeometryRewrite.functionName(g))
                && !Shape.arguments((SqlCall) g).stream().allMatch(a -> Shape.number(a) != null)) {
            throw new GeometryException("BOX takes constant numbers; a region built from columns can be written "
                    + "as a CIRCLE or POLYGON");
        }
        return Shape.of(g);
    }

    private static void literal(SqlWriter w, Shape s) {
        if (s instanceof Shape.Point p) {
            w.print("spoint '(" + p.raValue() + "d, " + p.decValue() + "d)'");
        } else if (s instanceof Shape.Circle c) {
            w.print("scircle '<(" + c.ra() + "d, " + c.dec() + "d), " + c.radius() + "d>'");
        } else if (s instanceof Shape.Polygon poly) {
            StringJoiner vertices = new StringJoiner(", ", "spoly '{", "}'");
            for (double[] v : poly.vertices()) {
                vertices.add("(" + v[0] + "d, " + v[1] + "d)");
            }
            w.print(vertices.toString());
        }
    }

    /** A geometry value as DALI text: its numbers in degrees, separated by spaces. */
    private void dali(SqlWriter w, SqlCall g) {
        List<SqlNode> numbers = new ArrayList<>();
        daliNumbers(g, numbers);
        w.print("(");
        for (int i = 0; i < numbers.size(); i++) {
            w.print(i == 0 ? "CAST(" : " || ' ' || CAST(");
            numbers.get(i).unparse(w, 0, 0);
            w.print(" AS text)");
        }
        w.print(")");
    }

    private void daliNumbers(SqlNode g, List<SqlNode> out) {
        String name = GeometryRewrite.functionName(g);
        switch (name == null ? "" : name) {
            case "POINT" -> out.addAll(Shape.arguments((SqlCall) g));
            case "CIRCLE" -> {
                List<SqlNode> a = Shape.arguments((SqlCall) g);
                if (a.size() == 2) {
                    daliNumbers(a.get(0), out);
                } else {
                    out.addAll(a.subList(0, 2));
                }
                out.add(a.get(a.size() - 1));
            }
            case "POLYGON" -> Shape.vertices((SqlCall) g).forEach(v -> daliNumbers(v, out));
            case "BOX", "REGION" -> {
                Shape s = constant(g);
                if (s instanceof Shape.Point p) {
                    out.add(Shape.literal(p.raValue()));
                    out.add(Shape.literal(p.decValue()));
                } else if (s instanceof Shape.Circle c) {
                    out.add(Shape.literal(c.ra()));
                    out.add(Shape.literal(c.dec()));
                    out.add(Shape.literal(c.radius()));
                } else if (s instanceof Shape.Polygon poly) {
                    for (double[] v : poly.vertices()) {
                        out.add(Shape.literal(v[0]));
                        out.add(Shape.literal(v[1]));
                    }
                }
            }
            default -> { // a computed point (CENTROID): its coordinates from pg_sphere
                out.add(AdqlOperators.COORD1.createCall(SqlParserPos.ZERO, g));
                out.add(AdqlOperators.COORD2.createCall(SqlParserPos.ZERO, g));
            }
        }
    }

    private static SqlNode point(SqlNode ra, SqlNode dec) {
        return AdqlOperators.POINT.createCall(ra.getParserPosition(), ra, dec);
    }

    private static boolean isPoint(SqlNode g) {
        String name = GeometryRewrite.functionName(g);
        return "POINT".equals(name) || "CENTROID".equals(name) || "IVO_HEALPIX_CENTER".equals(name)
                || "REGION".equals(name) && constant(g) instanceof Shape.Point;
    }

    private static boolean isCircle(SqlNode g) {
        String name = GeometryRewrite.functionName(g);
        return "CIRCLE".equals(name) || "REGION".equals(name) && constant(g) instanceof Shape.Circle;
    }
}

package org.vosuite.tap.adql;

import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.type.SqlTypeName;

import static org.vosuite.tap.adql.TokenCursor.error;

/**
 * The argument counts and shapes ADQL's grammar gives its functions, so that POINT(1) or CIRCLE('ICRS', 1, 2) are
 * syntax errors with a message showing the right form. Only counts and literals can be checked before the
 * column types are known: a numeric literal cannot be a point.
 */
final class FunctionShapes {
    private FunctionShapes() {
    }

    /** Argument counts of the ADQL functions whose shape is not checked more closely below: {min, max}. */
    private static final Map<String, int[]> ARITY = Map.ofEntries(
            Map.entry("ABS", new int[] {1, 1}), Map.entry("CEILING", new int[] {1, 1}),
            Map.entry("DEGREES", new int[] {1, 1}), Map.entry("EXP", new int[] {1, 1}),
            Map.entry("FLOOR", new int[] {1, 1}), Map.entry("LOG", new int[] {1, 1}),
            Map.entry("LOG10", new int[] {1, 1}), Map.entry("MOD", new int[] {2, 2}),
            Map.entry("PI", new int[] {0, 0}), Map.entry("POWER", new int[] {2, 2}),
            Map.entry("RADIANS", new int[] {1, 1}), Map.entry("SQRT", new int[] {1, 1}),
            Map.entry("RAND", new int[] {0, 1}), Map.entry("ROUND", new int[] {1, 2}),
            Map.entry("TRUNCATE", new int[] {1, 2}), Map.entry("ACOS", new int[] {1, 1}),
            Map.entry("ASIN", new int[] {1, 1}), Map.entry("ATAN", new int[] {1, 1}),
            Map.entry("ATAN2", new int[] {2, 2}), Map.entry("COS", new int[] {1, 1}),
            Map.entry("COT", new int[] {1, 1}), Map.entry("SIN", new int[] {1, 1}),
            Map.entry("TAN", new int[] {1, 1}), Map.entry("LOWER", new int[] {1, 1}),
            Map.entry("UPPER", new int[] {1, 1}), Map.entry("COALESCE", new int[] {1, Integer.MAX_VALUE}),
            Map.entry("IN_UNIT", new int[] {2, 2}), Map.entry("REGION", new int[] {1, 1}),
            Map.entry("CENTROID", new int[] {1, 1}), Map.entry("CONTAINS", new int[] {2, 2}),
            Map.entry("INTERSECTS", new int[] {2, 2}), Map.entry("AREA", new int[] {1, 1}),
            Map.entry("COORD1", new int[] {1, 1}), Map.entry("COORD2", new int[] {1, 1}),
            Map.entry("COORDSYS", new int[] {1, 1}), Map.entry("IVO_HEALPIX_INDEX", new int[] {2, 3}),
            Map.entry("IVO_HEALPIX_CENTER", new int[] {2, 2}));

    /** The argument shapes of the ADQL grammar, checked on their count and on literals. */
    static void check(Token name, String upper, List<SqlNode> args) throws AdqlSyntaxException {
        int n = args.size();
        // A leading string (or NULL) is the deprecated coordinate system argument.
        boolean frame = n > 0 && (args.get(0) instanceof SqlLiteral l
                && (l.getTypeName() == SqlTypeName.CHAR || l.getTypeName() == SqlTypeName.NULL));
        int rest = frame ? n - 1 : n;
        String fn = name.text();
        switch (upper) {
            case "POINT":
                if (n != 2 && n != 3) {
                    throw error(name, fn + " takes two coordinates, optionally after a coordinate system: "
                            + "POINT('ICRS', ra, dec); found " + count(n));
                }
                return;
            case "CIRCLE":
                if (!(n == 4 || n == 3 && !frame || rest == 2 && !isNumber(args.get(n - 2)))) {
                    throw error(name, fn + " takes a centre and a radius: CIRCLE('ICRS', ra, dec, radius) or "
                            + "CIRCLE(point, radius); found " + count(n));
                }
                return;
            case "BOX":
                if (!(n == 5 || n == 4 && !frame || rest == 3 && !isNumber(args.get(n - 3)))) {
                    throw error(name, fn + " takes a centre, a width and a height: "
                            + "BOX('ICRS', ra, dec, width, height) or BOX(point, width, height); found " + count(n));
                }
                return;
            case "POLYGON": {
                List<SqlNode> vertices = args.subList(frame ? 1 : 0, n);
                boolean numbers = vertices.stream().anyMatch(FunctionShapes::isNumber);
                if (rest < 3 || numbers && (rest % 2 != 0 || rest < 6)) {
                    throw error(name, fn + " takes at least three vertices, as pairs of coordinates "
                            + "(POLYGON('ICRS', ra1, dec1, ra2, dec2, ra3, dec3)) or as points; found "
                            + (numbers ? rest + " coordinate" + (rest == 1 ? "" : "s") : count(n)));
                }
                return;
            }
            case "DISTANCE":
                if (n != 2 && n != 4) {
                    throw error(name, fn + " takes two points or four coordinates (ra1, dec1, ra2, dec2); "
                            + "found " + count(n));
                }
                return;
            default:
                int[] arity = ARITY.get(upper);
                if (arity != null && (n < arity[0] || n > arity[1])) {
                    String wanted = arity[0] == arity[1] ? count(arity[0])
                            : arity[1] == Integer.MAX_VALUE ? "at least " + count(arity[0])
                            : arity[0] + " or " + count(arity[1]);
                    throw error(name, fn + " takes " + wanted + ", not " + n);
                }
        }
    }

    private static String count(int n) {
        return n + (n == 1 ? " argument" : " arguments");
    }

    private static boolean isNumber(SqlNode node) {
        return node instanceof SqlNumericLiteral;
    }
}

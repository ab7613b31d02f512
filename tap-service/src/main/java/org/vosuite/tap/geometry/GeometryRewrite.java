package org.vosuite.tap.geometry;

import java.util.Locale;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * Absorbs the comparisons ADQL wraps around geometry predicates, before validation:
 * {@code CONTAINS(a, b) = 1} → {@code VOSUITE_CONTAINED(a, b)}, {@code = 0} → its negation (either operand order),
 * the same for INTERSECTS, and {@code DISTANCE(p, q) < r} (or {@code <=}, or {@code r > DISTANCE(p, q)}) →
 * {@code VOSUITE_WITHIN(p, q, r)}. A plain boolean predicate is what lets a database use a spatial index.
 */
public final class GeometryRewrite extends SqlShuttle {
    public static SqlNode apply(SqlNode query) {
        return query.accept(new GeometryRewrite());
    }

    @Override
    public SqlNode visit(SqlCall call) {
        SqlNode rewritten = rewrite(call);
        if (rewritten != null) {
            return rewritten;
        }
        return super.visit(call);
    }

    private SqlNode rewrite(SqlCall call) {
        SqlKind kind = call.getKind();
        if ((kind == SqlKind.EQUALS || kind == SqlKind.NOT_EQUALS) && call.operandCount() == 2) {
            for (int i = 0; i < 2; i++) {
                SqlNode f = call.operand(i);
                SqlNode v = call.operand(1 - i);
                String name = functionName(f);
                Integer flag = intLiteral(v);
                if (flag != null && (flag == 0 || flag == 1) && ("CONTAINS".equals(name)
                        || "INTERSECTS".equals(name))) {
                    SqlCall fc = (SqlCall) f;
                    SqlNode a = fc.operand(0).accept(this);
                    SqlNode b = fc.operand(1).accept(this);
                    SqlNode pred = ("CONTAINS".equals(name) ? GeometryPredicates.CONTAINED
                            : GeometryPredicates.OVERLAPS).createCall(fc.getParserPosition(), a, b);
                    boolean positive = (flag == 1) == (kind == SqlKind.EQUALS);
                    return positive ? pred : SqlStdOperatorTable.NOT.createCall(call.getParserPosition(), pred);
                }
            }
        }
        SqlNode distance = null;
        SqlNode limit = null;
        if ((kind == SqlKind.LESS_THAN || kind == SqlKind.LESS_THAN_OR_EQUAL)
                && "DISTANCE".equals(functionName(call.operand(0)))) {
            distance = call.operand(0);
            limit = call.operand(1);
        } else if ((kind == SqlKind.GREATER_THAN || kind == SqlKind.GREATER_THAN_OR_EQUAL)
                && "DISTANCE".equals(functionName(call.operand(1)))) {
            distance = call.operand(1);
            limit = call.operand(0);
        }
        if (distance != null) {
            SqlCall d = (SqlCall) distance;
            SqlNode p;
            SqlNode q;
            if (d.operandCount() == 4) { // DISTANCE(ra1, dec1, ra2, dec2), ADQL 2.1
                p = point(d, 0);
                q = point(d, 2);
            } else if (d.operandCount() == 2) {
                p = d.operand(0).accept(this);
                q = d.operand(1).accept(this);
            } else {
                return null;
            }
            return GeometryPredicates.WITHIN.createCall(call.getParserPosition(), p, q, limit.accept(this));
        }
        return null;
    }

    private SqlNode point(SqlCall d, int from) {
        return org.vosuite.tap.adql.AdqlOperators.POINT.createCall(d.getParserPosition(),
                d.operand(from).accept(this), d.operand(from + 1).accept(this));
    }

    static String functionName(SqlNode n) {
        if (n instanceof SqlCall c && c.getOperator() != null && c.getKind() != SqlKind.AS) {
            return c.getOperator().getName().toUpperCase(Locale.ROOT);
        }
        return null;
    }

    private static Integer intLiteral(SqlNode n) {
        if (n instanceof SqlLiteral l && l.getValue() instanceof java.math.BigDecimal b) {
            try {
                return b.intValueExact();
            } catch (ArithmeticException e) {
                return null;
            }
        }
        return null;
    }

    /** The operands of a call, for other classes in this package. */
    static SqlNode operand(SqlNode call, int i) {
        return ((SqlBasicCall) call).operand(i);
    }
}

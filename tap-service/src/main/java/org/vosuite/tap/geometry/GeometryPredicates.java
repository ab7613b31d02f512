package org.vosuite.tap.geometry;

import java.util.List;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.util.SqlOperatorTables;

/**
 * Boolean forms of the ADQL geometry predicates. ADQL writes {@code CONTAINS(a, b) = 1} and
 * {@code DISTANCE(p, q) < r}; {@link GeometryRewrite} turns those into these predicates so that each database
 * strategy can write an indexable condition instead of comparing an integer.
 */
public final class GeometryPredicates {
    private GeometryPredicates() {
    }

    /** a is contained in b. */
    public static final SqlFunction CONTAINED = predicate("VOSUITE_CONTAINED", 2);
    /** a and b overlap. */
    public static final SqlFunction OVERLAPS = predicate("VOSUITE_OVERLAPS", 2);
    /** points p and q are at most r degrees apart. */
    public static final SqlFunction WITHIN = predicate("VOSUITE_WITHIN", 3);

    public static final List<SqlFunction> ALL = List.of(CONTAINED, OVERLAPS, WITHIN);

    /** CONTAINS/INTERSECTS used as a value, not compared with 0 or 1 (e.g. selected): the predicate as 0 or 1. */
    static void unparseAsInteger(org.apache.calcite.sql.SqlDialect dialect, org.apache.calcite.sql.SqlWriter w,
            org.apache.calcite.sql.SqlCall call) {
        boolean contains = call.getOperator().getName().equalsIgnoreCase("CONTAINS");
        w.print("(CASE WHEN ");
        dialect.unparseCall(w, (contains ? CONTAINED : OVERLAPS).createCall(call.getParserPosition(),
                call.getOperandList()), 0, 0);
        w.print(" THEN 1 ELSE 0 END)");
    }

    public static SqlOperatorTable operatorTable() {
        return SqlOperatorTables.of(ALL);
    }

    private static SqlFunction predicate(String name, int operands) {
        // SYSTEM, not USER_DEFINED_FUNCTION: Calcite refuses to push down filters that contain user functions.
        return new SqlFunction(name, SqlKind.OTHER_FUNCTION, ReturnTypes.BOOLEAN_NULLABLE, null,
                OperandTypes.repeat(org.apache.calcite.sql.type.SqlOperandCountRanges.of(operands), OperandTypes.ANY),
                SqlFunctionCategory.SYSTEM);
    }
}

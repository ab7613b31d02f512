package org.vosuite.tap.adql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.util.SqlOperatorTables;

/**
 * The ADQL functions as Calcite operators.
 *
 * <p>None is in category {@code USER_DEFINED_FUNCTION}: Calcite's JDBC adapter refuses to push a filter or
 * projection containing a user-defined function down to the database, which would turn every cone search into a
 * full table scan. Geometry functions and IVOA UDFs are {@code SYSTEM}, the others {@code NUMERIC}.
 *
 * <p>Operand checking is deliberately permissive (any operand types, arity only): the parser already enforces
 * the ADQL argument shapes, and proper geometry types come with the translation step. Geometry values are typed
 * {@code ANY} until then, which Calcite's validator lets flow anywhere.
 */
public final class AdqlOperators {
    private AdqlOperators() {
    }

    private static final SqlReturnTypeInference GEOMETRY =
            ReturnTypes.explicit(SqlTypeName.ANY).andThen(SqlTypeTransforms.TO_NULLABLE);

    // Geometry (ADQL 2.1 section 4.2). CONTAINS and INTERSECTS return the integers 1/0, not booleans.
    public static final SqlFunction POINT = system("POINT", GEOMETRY, 2, 3);
    public static final SqlFunction CIRCLE = system("CIRCLE", GEOMETRY, 2, 4);
    public static final SqlFunction BOX = system("BOX", GEOMETRY, 3, 5);
    public static final SqlFunction POLYGON = system("POLYGON", GEOMETRY, 3, -1);
    public static final SqlFunction REGION = system("REGION", GEOMETRY, 1, 1);
    public static final SqlFunction CENTROID = system("CENTROID", GEOMETRY, 1, 1);
    public static final SqlFunction CONTAINS = system("CONTAINS", ReturnTypes.INTEGER_NULLABLE, 2, 2);
    public static final SqlFunction INTERSECTS = system("INTERSECTS", ReturnTypes.INTEGER_NULLABLE, 2, 2);
    public static final SqlFunction DISTANCE = system("DISTANCE", ReturnTypes.DOUBLE_NULLABLE, 2, 4);
    public static final SqlFunction AREA = system("AREA", ReturnTypes.DOUBLE_NULLABLE, 1, 1);
    public static final SqlFunction COORD1 = system("COORD1", ReturnTypes.DOUBLE_NULLABLE, 1, 1);
    public static final SqlFunction COORD2 = system("COORD2", ReturnTypes.DOUBLE_NULLABLE, 1, 1);
    public static final SqlFunction COORDSYS = system("COORDSYS", ReturnTypes.VARCHAR_NULLABLE, 1, 1);

    // IVOA UDFs (catalogue of ADQL user-defined functions), named in lower case as the catalogue writes them.
    public static final SqlFunction IVO_HEALPIX_INDEX =
            system("ivo_healpix_index", ReturnTypes.BIGINT_NULLABLE, 2, 3);
    public static final SqlFunction IVO_HEALPIX_CENTER = system("ivo_healpix_center", GEOMETRY, 2, 2);

    /**
     * ADQL MOD takes doubles (mod(7.14, 4) is valid); Calcite's MOD accepts exact numerics only, so it would
     * reject valid ADQL at validation.
     */
    public static final SqlFunction MOD = new SqlFunction("MOD", SqlKind.OTHER_FUNCTION,
            ReturnTypes.LEAST_RESTRICTIVE, InferTypes.FIRST_KNOWN, OperandTypes.NUMERIC_NUMERIC,
            SqlFunctionCategory.NUMERIC);

    /** Calcite's PI is written without parentheses (SQL standard style); ADQL and PostgreSQL write pi(). */
    public static final SqlFunction PI = new SqlFunction("PI", SqlKind.OTHER_FUNCTION, ReturnTypes.DOUBLE, null,
            OperandTypes.NILADIC, SqlFunctionCategory.NUMERIC);

    /** IN_UNIT(value, 'unit') (ADQL 2.1 section 4.9): the value converted to a VOUnit. */
    public static final SqlFunction IN_UNIT = new SqlFunction("IN_UNIT", SqlKind.OTHER_FUNCTION,
            ReturnTypes.DOUBLE_NULLABLE, InferTypes.FIRST_KNOWN,
            OperandTypes.repeat(SqlOperandCountRanges.of(2), OperandTypes.ANY), SqlFunctionCategory.NUMERIC);

    /** The functions this class defines (the rest of ADQL maps to Calcite's standard operators). */
    public static final List<SqlFunction> DEFINED = List.of(POINT, CIRCLE, BOX, POLYGON, REGION, CENTROID,
            CONTAINS, INTERSECTS, DISTANCE, AREA, COORD1, COORD2, COORDSYS, IVO_HEALPIX_INDEX, IVO_HEALPIX_CENTER,
            MOD, PI, IN_UNIT);

    /**
     * ADQL function name (upper case) to operator, for the functions whose names are reserved ADQL words plus the
     * IVOA UDFs. Where Calcite's standard operator has ADQL's meaning it is reused (LOG is the natural logarithm,
     * hence LN; CEILING is CEIL); bitwise operators are not here as they have no names in ADQL.
     */
    static final Map<String, SqlOperator> BY_NAME = byName();

    /**
     * The operator table to chain before {@link SqlStdOperatorTable}: {@link #DEFINED} plus ILIKE and NOT ILIKE,
     * which Calcite keeps in its PostgreSQL library. The parser binds calls to these operators, but Calcite's
     * validator looks binary and special operators up again by name, and fails with "No match found for function
     * signature ILIKE" when the table lacks them.
     */
    public static SqlOperatorTable operatorTable() {
        List<SqlOperator> all = new ArrayList<>(DEFINED);
        all.add(SqlLibraryOperators.ILIKE);
        all.add(SqlLibraryOperators.NOT_ILIKE);
        return SqlOperatorTables.of(all);
    }

    /** The operator for an ADQL function name (any case), or null if ADQL does not define one by that name. */
    public static SqlOperator lookup(String name) {
        return BY_NAME.get(name.toUpperCase(Locale.ROOT));
    }

    private static Map<String, SqlOperator> byName() {
        Map<String, SqlOperator> m = new TreeMap<>();
        for (SqlFunction f : DEFINED) {
            m.put(f.getName().toUpperCase(Locale.ROOT), f);
        }
        m.put("ABS", SqlStdOperatorTable.ABS);
        m.put("CEILING", SqlStdOperatorTable.CEIL);
        m.put("DEGREES", SqlStdOperatorTable.DEGREES);
        m.put("EXP", SqlStdOperatorTable.EXP);
        m.put("FLOOR", SqlStdOperatorTable.FLOOR);
        m.put("LOG", SqlStdOperatorTable.LN);
        m.put("LOG10", SqlStdOperatorTable.LOG10);
        m.put("POWER", SqlStdOperatorTable.POWER);
        m.put("RADIANS", SqlStdOperatorTable.RADIANS);
        m.put("SQRT", SqlStdOperatorTable.SQRT);
        m.put("RAND", SqlStdOperatorTable.RAND);
        m.put("ROUND", SqlStdOperatorTable.ROUND);
        m.put("TRUNCATE", SqlStdOperatorTable.TRUNCATE);
        m.put("ACOS", SqlStdOperatorTable.ACOS);
        m.put("ASIN", SqlStdOperatorTable.ASIN);
        m.put("ATAN", SqlStdOperatorTable.ATAN);
        m.put("ATAN2", SqlStdOperatorTable.ATAN2);
        m.put("COS", SqlStdOperatorTable.COS);
        m.put("COT", SqlStdOperatorTable.COT);
        m.put("SIN", SqlStdOperatorTable.SIN);
        m.put("TAN", SqlStdOperatorTable.TAN);
        m.put("LOWER", SqlStdOperatorTable.LOWER);
        m.put("UPPER", SqlStdOperatorTable.UPPER);
        m.put("COALESCE", SqlStdOperatorTable.COALESCE);
        return Map.copyOf(m);
    }

    private static SqlFunction system(String name, SqlReturnTypeInference returns, int min, int max) {
        return new SqlFunction(name, SqlKind.OTHER_FUNCTION, returns, InferTypes.FIRST_KNOWN,
                OperandTypes.repeat(max < 0 ? SqlOperandCountRanges.from(min)
                        : SqlOperandCountRanges.between(min, max), OperandTypes.ANY),
                SqlFunctionCategory.SYSTEM);
    }
}

package org.vosuite.tap.plan;

import java.util.Locale;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;

/**
 * PostgreSQL SQL for the ADQL functions Calcite writes in its own spelling: bitwise operators (Calcite's BITAND…,
 * PostgreSQL's {@code & | # ~}), and the numeric functions PostgreSQL only defines on {@code numeric}
 * (ROUND and TRUNCATE with a number of digits, MOD of non-integers). Each geometry strategy extends this.
 */
public class AdqlPostgresqlDialect extends PostgresqlSqlDialect {
    protected AdqlPostgresqlDialect() {
        super(PostgresqlSqlDialect.DEFAULT_CONTEXT);
    }

    @Override
    public void unparseCall(SqlWriter w, SqlCall call, int leftPrec, int rightPrec) {
        String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
        switch (name) {
            case "BITAND" -> infix(w, call, "&");
            case "BITOR" -> infix(w, call, "|");
            case "BITXOR" -> infix(w, call, "#");
            case "BITNOT" -> {
                w.print("(~ ");
                call.operand(0).unparse(w, 0, 0);
                w.print(")");
            }
            case "ROUND", "TRUNCATE" -> {
                String fn = name.equals("ROUND") ? "round" : "trunc";
                if (call.operandCount() == 1) {
                    w.print(fn + "(");
                    call.operand(0).unparse(w, 0, 0);
                    w.print(")");
                } else {
                    numeric(w, fn, call.operand(0), call.operand(1), true);
                }
            }
            case "MOD" -> numeric(w, "mod", call.operand(0), call.operand(1), false);
            case "RAND" -> w.print("random()");
            case "CAST" -> cast(w, call, leftPrec, rightPrec);
            default -> super.unparseCall(w, call, leftPrec, rightPrec);
        }
    }

    /**
     * The SQL is written from the validated query tree, whose CAST targets carry SQL-standard type names; the
     * two PostgreSQL spells differently are mapped here.
     */
    private void cast(SqlWriter w, SqlCall call, int leftPrec, int rightPrec) {
        if (call.operandCount() == 2 && call.operand(1) instanceof SqlDataTypeSpec spec
                && spec.getTypeNameSpec() instanceof SqlBasicTypeNameSpec basic) {
            String target = switch (basic.getTypeName().getSimple().toUpperCase(Locale.ROOT)) {
                case "DOUBLE" -> "DOUBLE PRECISION";
                case "TINYINT" -> "SMALLINT";
                default -> null;
            };
            if (target != null) {
                w.print("CAST(");
                call.operand(0).unparse(w, 0, 0);
                w.print(" AS " + target + ")");
                return;
            }
        }
        super.unparseCall(w, call, leftPrec, rightPrec);
    }

    private static void infix(SqlWriter w, SqlCall call, String op) {
        w.print("(");
        call.operand(0).unparse(w, 0, 0);
        w.print(" " + op + " ");
        call.operand(1).unparse(w, 0, 0);
        w.print(")");
    }

    /** {@code fn(a::numeric, b)::double precision}: exact for integers, and defined for doubles. */
    private static void numeric(SqlWriter w, String fn, SqlNode a, SqlNode b, boolean digits) {
        w.print("CAST(" + fn + "(CAST(");
        a.unparse(w, 0, 0);
        w.print(" AS NUMERIC), ");
        if (digits) {
            w.print("CAST(");
            b.unparse(w, 0, 0);
            w.print(" AS INTEGER)");
        } else {
            w.print("CAST(");
            b.unparse(w, 0, 0);
            w.print(" AS NUMERIC)");
        }
        w.print(") AS DOUBLE PRECISION)");
    }
}

package org.vosuite.tap.plan;

import java.util.Locale;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.sql.validate.SqlQualified;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.apache.calcite.sql.validate.SqlValidatorTable;
import org.vosuite.common.units.VoUnit;
import org.vosuite.tap.metadata.TapColumn;

/**
 * ADQL 2.1's {@code IN_UNIT(column, 'unit')}: the column's value converted from its published unit (TAP_SCHEMA)
 * to the given VOUnit, written as a multiplication by the constant factor. The first argument must be a published
 * column with a unit, since only then is the unit of the value known.
 */
final class InUnit {
    private InUnit() {
    }

    /** Rewrites every IN_UNIT call in a validated query; each SELECT's calls are resolved in that SELECT's scope. */
    static void apply(SqlNode validated, SqlValidator validator) throws QueryException {
        QueryException[] failure = new QueryException[1];
        validated.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (call instanceof SqlSelect select && failure[0] == null) {
                    try {
                        rewrite(select, validator);
                    } catch (QueryException e) {
                        failure[0] = e;
                    }
                }
                return super.visit(call);
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    private static void rewrite(SqlSelect select, SqlValidator validator) throws QueryException {
        SqlValidatorScope scope = validator.getSelectScope(select);
        Rewriter r = new Rewriter(scope);
        select.setSelectList((SqlNodeList) select.getSelectList().accept(r));
        if (select.getWhere() != null) {
            select.setWhere(select.getWhere().accept(r));
        }
        if (select.getHaving() != null) {
            select.setHaving(select.getHaving().accept(r));
        }
        if (select.getOrderList() != null) {
            select.setOrderBy((SqlNodeList) select.getOrderList().accept(r));
        }
        if (r.failure != null) {
            throw r.failure;
        }
    }

    private static final class Rewriter extends SqlShuttle {
        private final SqlValidatorScope scope;
        QueryException failure;

        Rewriter(SqlValidatorScope scope) {
            this.scope = scope;
        }

        @Override
        public SqlNode visit(SqlCall call) {
            if (call instanceof SqlSelect) {
                return call; // a subquery: rewritten in its own scope
            }
            if (!"IN_UNIT".equals(call.getOperator().getName().toUpperCase(Locale.ROOT))) {
                return super.visit(call);
            }
            try {
                return convert(call);
            } catch (QueryException e) {
                if (failure == null) {
                    failure = e;
                }
                return call;
            }
        }

        private SqlNode convert(SqlCall call) throws QueryException {
            SqlParserPos pos = call.getParserPosition();
            if (!(call.operand(1) instanceof SqlCharStringLiteral unit)) {
                throw new QueryException("IN_UNIT takes the target unit as a string, e.g. IN_UNIT(ra, 'arcsec')",
                        pos.getLineNum(), pos.getColumnNum());
            }
            String target = unit.getValueAs(String.class);
            TapColumn column = column(call.operand(0));
            if (column == null || column.unit() == null || column.unit().isBlank()) {
                throw new QueryException("IN_UNIT needs a published column with a unit as its first argument"
                        + (column == null ? "" : "; " + column.name() + " has no unit"), pos.getLineNum(),
                        pos.getColumnNum());
            }
            double factor;
            try {
                factor = VoUnit.parse(column.unit()).factorTo(VoUnit.parse(target));
            } catch (VoUnit.UnitException e) {
                throw new QueryException("IN_UNIT(" + column.name() + ", '" + target + "'): " + e.getMessage(),
                        pos.getLineNum(), pos.getColumnNum());
            }
            if (factor == 1) {
                return call.operand(0);
            }
            return SqlStdOperatorTable.MULTIPLY.createCall(pos, call.operand(0),
                    SqlLiteral.createApproxNumeric(Double.toString(factor), pos));
        }

        private TapColumn column(SqlNode node) {
            if (!(node instanceof SqlIdentifier id)) {
                return null;
            }
            SqlQualified q = scope.fullyQualify(id);
            SqlValidatorTable table = q.namespace == null ? null : q.namespace.getTable();
            PublishedTables.MetadataTable t = table == null ? null
                    : table.unwrap(PublishedTables.MetadataTable.class);
            if (t == null || q.suffix().size() != 1) {
                return null;
            }
            String name = q.suffix().get(0);
            return t.tapTable().columns().stream()
                    .filter(c -> PublishedTables.physicalName(c.name()).equals(name)).findFirst().orElse(null);
        }
    }
}

package org.vosuite.tap.adql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSelectKeyword;
import org.apache.calcite.sql.SqlTypeNameSpec;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.SqlUserDefinedTypeNameSpec;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.vosuite.tap.adql.Token.Kind;

import static org.vosuite.tap.adql.TokenCursor.STRUCTURAL;
import static org.vosuite.tap.adql.TokenCursor.componentPos;
import static org.vosuite.tap.adql.TokenCursor.error;
import static org.vosuite.tap.adql.TokenCursor.isStatementWord;
import static org.vosuite.tap.adql.TokenCursor.pos;
import static org.vosuite.tap.adql.TokenCursor.reservedName;
import static org.vosuite.tap.adql.TokenCursor.span;
import static org.vosuite.tap.adql.TokenCursor.startsValue;

/**
 * Conditions and value expressions: precedence from OR (loosest) through AND, NOT, predicates, the bitwise
 * operators | ^ &, concatenation ||, + -, * / to unary - + ~ and the primaries (literals, names, function calls,
 * CASE, CAST, parenthesized expressions and subqueries).
 *
 * <p>Conditions and values share one grammar here, because a '(' may open either, and are told apart afterwards:
 * the nodes built as conditions are remembered, so that {@code WHERE ra} or {@code (a > 1) + 2} are refused with
 * a message saying what was expected.
 */
final class ExpressionParser {
    private static final Set<String> AGGREGATES = Set.of("COUNT", "AVG", "MIN", "MAX", "SUM");

    private final TokenCursor in;
    private final AdqlParser queries;
    /** Nodes that are conditions (comparisons, AND, …): they may not be used as values, and vice versa. */
    private final Set<SqlNode> conditions = Collections.newSetFromMap(new IdentityHashMap<>());

    ExpressionParser(TokenCursor in, AdqlParser queries) {
        this.in = in;
        this.queries = queries;
    }

    boolean isCondition(SqlNode node) {
        return conditions.contains(node);
    }

    SqlNode condition(String expected) throws AdqlSyntaxException {
        Token t = in.peek();
        if (!startsValue(t) && !t.isKeyword("NOT") && !t.isKeyword("EXISTS")) {
            throw in.unexpected(t, expected);
        }
        SqlNode c = or();
        requireCondition(c);
        return c;
    }

    private SqlNode or() throws AdqlSyntaxException {
        List<SqlNode> terms = new ArrayList<>(List.of(and()));
        while (in.peek().isKeyword("OR")) {
            requireCondition(terms.get(terms.size() - 1));
            in.advance();
            terms.add(and());
            requireCondition(terms.get(terms.size() - 1));
        }
        in.note("OR");
        return balanced(SqlStdOperatorTable.OR, terms, 0, terms.size());
    }

    private SqlNode and() throws AdqlSyntaxException {
        List<SqlNode> factors = new ArrayList<>(List.of(not()));
        while (in.peek().isKeyword("AND")) {
            requireCondition(factors.get(factors.size() - 1));
            in.advance();
            factors.add(not());
            requireCondition(factors.get(factors.size() - 1));
        }
        in.note("AND");
        return balanced(SqlStdOperatorTable.AND, factors, 0, factors.size());
    }

    /**
     * AND and OR chains as balanced trees: generated queries with thousands of {@code id = n OR ...} terms would
     * otherwise be as deep as they are long, and Calcite's validator recurses through them until the stack
     * overflows. Both operators are associative, so the grouping does not change the meaning.
     */
    private SqlNode balanced(SqlOperator op, List<SqlNode> operands, int from, int to) {
        if (to - from == 1) {
            return operands.get(from);
        }
        int middle = (from + to + 1) / 2;
        SqlNode left = balanced(op, operands, from, middle);
        SqlNode right = balanced(op, operands, middle, to);
        return markCondition(op.createCall(span(left, right), left, right));
    }

    private SqlNode not() throws AdqlSyntaxException {
        if (in.peek().isKeyword("NOT")) {
            Token not = in.advance();
            if (!startsValue(in.peek()) && !in.peek().isKeyword("NOT") && !in.peek().isKeyword("EXISTS")) {
                throw in.unexpected(in.peek(), "a condition after NOT");
            }
            SqlNode operand;
            in.enter();
            try {
                operand = not();
            } finally {
                in.leave();
            }
            requireCondition(operand);
            return markCondition(SqlStdOperatorTable.NOT.createCall(span(pos(not), operand.getParserPosition()),
                    operand));
        }
        return predicate();
    }

    private SqlNode predicate() throws AdqlSyntaxException {
        Token start = in.peek();
        if (start.isKeyword("EXISTS")) {
            in.advance();
            Token open = in.expect(Kind.LEFT_PAREN, "'(' and a query after EXISTS");
            SqlNode query = queries.subquery(open);
            return markCondition(SqlStdOperatorTable.EXISTS.createCall(pos(start, in.previous()), query));
        }
        SqlNode left = bitOr();
        Token t = in.peek();
        SqlOperator comparison = comparison(t);
        if (comparison != null) {
            noConditionOperand(left, t);
            in.advance();
            if (in.peek().isKeyword("ANY") || in.peek().isKeyword("ALL") || in.peek().isKeyword("SOME")) {
                throw error(in.peek(), "ADQL has no " + in.peek().keyword() + " comparisons; use IN or EXISTS");
            }
            SqlNode right = value("a value after '" + t.text() + "'");
            return markCondition(comparison.createCall(span(left, right), left, right));
        }
        boolean negated = false;
        if (t.isKeyword("NOT") && (in.peek(1).isKeyword("BETWEEN") || in.peek(1).isKeyword("LIKE")
                || in.peek(1).isKeyword("ILIKE") || in.peek(1).isKeyword("IN"))) {
            negated = true;
            in.advance();
            t = in.peek();
        }
        if (t.isKeyword("BETWEEN")) {
            noConditionOperand(left, t);
            in.advance();
            SqlNode low = value("a value after BETWEEN");
            in.expectKeyword("AND", "AND between the two bounds of BETWEEN");
            SqlNode high = value("a value after AND");
            return markCondition((negated ? SqlStdOperatorTable.NOT_BETWEEN : SqlStdOperatorTable.BETWEEN)
                    .createCall(span(left, high), left, low, high));
        }
        if (t.isKeyword("LIKE") || t.isKeyword("ILIKE")) {
            noConditionOperand(left, t);
            in.advance();
            SqlNode pattern = value("a pattern after " + t.keyword());
            if (in.peek().isKeyword("ESCAPE")) {
                throw error(in.peek(), "ADQL has no ESCAPE clause for LIKE");
            }
            SqlOperator op = t.isKeyword("LIKE")
                    ? (negated ? SqlStdOperatorTable.NOT_LIKE : SqlStdOperatorTable.LIKE)
                    : (negated ? SqlLibraryOperators.NOT_ILIKE : SqlLibraryOperators.ILIKE);
            return markCondition(op.createCall(span(left, pattern), left, pattern));
        }
        if (t.isKeyword("IN")) {
            noConditionOperand(left, t);
            in.advance();
            Token open = in.expect(Kind.LEFT_PAREN, "'(' and a list of values or a query after IN");
            SqlNode values;
            if (in.peek().isKeyword("SELECT") || in.peek().isKeyword("WITH")) {
                values = queries.subquery(open);
            } else {
                List<SqlNode> list = new ArrayList<>();
                do {
                    list.add(value(list.isEmpty() ? "a value or a query after IN (" : "a value after ','"));
                } while (in.accept(Kind.COMMA, "','"));
                in.expectClosing(open);
                values = new SqlNodeList(list, pos(open, in.previous()));
            }
            return markCondition((negated ? SqlStdOperatorTable.NOT_IN : SqlStdOperatorTable.IN)
                    .createCall(span(left.getParserPosition(), pos(in.previous())), left, values));
        }
        if (t.isKeyword("IS")) {
            noConditionOperand(left, t);
            in.advance();
            boolean not = in.acceptKeyword("NOT", "NOT");
            if (!in.peek().isKeyword("NULL")) {
                throw in.unexpected(in.peek(), "NULL");
            }
            in.advance();
            return markCondition((not ? SqlStdOperatorTable.IS_NOT_NULL : SqlStdOperatorTable.IS_NULL)
                    .createCall(span(left.getParserPosition(), pos(in.previous())), left));
        }
        return left;
    }

    static SqlOperator comparison(Token t) {
        switch (t.kind()) {
            case EQUALS:
                return SqlStdOperatorTable.EQUALS;
            case NOT_EQUALS:
                return SqlStdOperatorTable.NOT_EQUALS;
            case LESS:
                return SqlStdOperatorTable.LESS_THAN;
            case LESS_EQUALS:
                return SqlStdOperatorTable.LESS_THAN_OR_EQUAL;
            case GREATER:
                return SqlStdOperatorTable.GREATER_THAN;
            case GREATER_EQUALS:
                return SqlStdOperatorTable.GREATER_THAN_OR_EQUAL;
            default:
                return null;
        }
    }

    private void requireCondition(SqlNode node) throws AdqlSyntaxException {
        if (conditions.contains(node)) {
            return;
        }
        if (node instanceof SqlLiteral literal && literal.getTypeName() == SqlTypeName.BOOLEAN) {
            return;
        }
        if (node instanceof SqlCall call) {
            SqlOperator op = call.getOperator();
            if (op instanceof SqlUnresolvedFunction) {
                return;
            }
            if (op == AdqlOperators.CONTAINS || op == AdqlOperators.INTERSECTS) {
                throw error(node.getParserPosition(), op.getName() + " returns 1 or 0, not true or false: "
                        + "compare its result, e.g. 1 = " + op.getName() + "(...)");
            }
        }
        throw in.unexpected(in.peek(),
                "a comparison (=, <>, <, >, <=, >=, BETWEEN, LIKE, IN or IS NULL) after the value", false);
    }

    private void noConditionOperand(SqlNode operand, Token operator) throws AdqlSyntaxException {
        if (conditions.contains(operand)) {
            throw error(operator, "'" + operator.text() + "' needs a value on its left, not a condition");
        }
    }

    private SqlNode markCondition(SqlNode node) {
        conditions.add(node);
        return node;
    }

    /** A value expression: not a condition. */
    SqlNode value(String expected) throws AdqlSyntaxException {
        Token t = in.peek();
        if (!startsValue(t)) {
            throw in.unexpected(t, expected);
        }
        SqlNode v = bitOr();
        if (conditions.contains(v)) {
            throw error(v.getParserPosition(), "expected a value here, not a condition");
        }
        return v;
    }

    // Bitwise operators bind more loosely than arithmetic, as in C and Java: a & b + 1 is a & (b + 1).
    SqlNode bitOr() throws AdqlSyntaxException {
        in.enter();
        try {
            return bitOrLevel();
        } finally {
            in.leave();
        }
    }

    private SqlNode bitOrLevel() throws AdqlSyntaxException {
        SqlNode left = bitXor();
        while (in.peek().is(Kind.VERTICAL_BAR)) {
            left = binary(SqlStdOperatorTable.BITOR, left, in.advance(), bitXor());
        }
        return left;
    }

    private SqlNode bitXor() throws AdqlSyntaxException {
        SqlNode left = bitAnd();
        while (in.peek().is(Kind.CIRCUMFLEX)) {
            left = binary(SqlStdOperatorTable.BITXOR, left, in.advance(), bitAnd());
        }
        return left;
    }

    private SqlNode bitAnd() throws AdqlSyntaxException {
        SqlNode left = concatenation();
        while (in.peek().is(Kind.AMPERSAND)) {
            left = binary(SqlStdOperatorTable.BITAND, left, in.advance(), concatenation());
        }
        return left;
    }

    private SqlNode concatenation() throws AdqlSyntaxException {
        SqlNode left = additive();
        while (in.peek().is(Kind.CONCAT)) {
            left = binary(SqlStdOperatorTable.CONCAT, left, in.advance(), additive());
        }
        return left;
    }

    private SqlNode additive() throws AdqlSyntaxException {
        SqlNode left = term();
        while (in.peek().is(Kind.PLUS) || in.peek().is(Kind.MINUS)) {
            Token op = in.advance();
            left = binary(op.is(Kind.PLUS) ? SqlStdOperatorTable.PLUS : SqlStdOperatorTable.MINUS, left, op,
                    term());
        }
        return left;
    }

    private SqlNode term() throws AdqlSyntaxException {
        SqlNode left = unary();
        while (in.peek().is(Kind.ASTERISK) || in.peek().is(Kind.SOLIDUS)) {
            Token op = in.advance();
            left = binary(op.is(Kind.ASTERISK) ? SqlStdOperatorTable.MULTIPLY : SqlStdOperatorTable.DIVIDE, left,
                    op, unary());
        }
        return left;
    }

    private SqlNode binary(SqlOperator op, SqlNode left, Token operator, SqlNode right)
            throws AdqlSyntaxException {
        if (conditions.contains(left) || conditions.contains(right)) {
            throw error(operator, "'" + operator.text() + "' needs values on both sides, not conditions");
        }
        return op.createCall(span(left, right), left, right);
    }

    private SqlNode unary() throws AdqlSyntaxException {
        Token t = in.peek();
        if (t.is(Kind.MINUS) || t.is(Kind.PLUS) || t.is(Kind.TILDE)) {
            in.advance();
            if (!startsValue(in.peek())) {
                throw in.unexpected(in.peek(), "a value after '" + t.text() + "'");
            }
            SqlNode operand;
            in.enter();
            try {
                operand = unary();
            } finally {
                in.leave();
            }
            if (conditions.contains(operand)) {
                throw error(t, "'" + t.text() + "' needs a value, not a condition");
            }
            SqlParserPos pos = span(pos(t), operand.getParserPosition());
            if (t.is(Kind.PLUS)) {
                return operand;
            }
            if (t.is(Kind.TILDE)) {
                return SqlStdOperatorTable.BITNOT.createCall(pos, operand);
            }
            // A negative number stays a literal, so later steps see POLYGON(..., -71.6, ...) as constants.
            if (operand instanceof SqlNumericLiteral number && number.getValueAs(BigDecimal.class).signum() >= 0) {
                return SqlLiteral.createNegative(number, pos);
            }
            return SqlStdOperatorTable.UNARY_MINUS.createCall(pos, operand);
        }
        return primary();
    }

    private SqlNode primary() throws AdqlSyntaxException {
        Token t = in.peek();
        switch (t.kind()) {
            case STRING: {
                in.advance();
                StringBuilder s = new StringBuilder(t.value());
                // SQL-92 joins adjacent string literals ('abc' 'def' is 'abcdef'), so long strings can be split.
                while (in.peek().is(Kind.STRING)) {
                    s.append(in.advance().value());
                }
                return SqlLiteral.createCharString(s.toString(), pos(t, in.previous()));
            }
            case INTEGER:
            case DECIMAL:
                in.advance();
                return SqlLiteral.createExactNumeric(t.text(), pos(t));
            case APPROXIMATE:
                in.advance();
                return SqlLiteral.createApproxNumeric(t.text(), pos(t));
            case HEXADECIMAL:
                in.advance();
                return hexadecimal(t);
            case LEFT_PAREN: {
                in.advance();
                if (in.peek().isKeyword("SELECT") || in.peek().isKeyword("WITH")) {
                    return queries.subquery(t);
                }
                if (!startsValue(in.peek()) && !in.peek().isKeyword("NOT") && !in.peek().isKeyword("EXISTS")) {
                    throw in.unexpected(in.peek(), "a value or a query after '('");
                }
                SqlNode inner = or();
                if (!conditions.contains(inner)) {
                    in.clearNotes();
                }
                in.expectClosing(t);
                return inner;
            }
            case QUOTED_NAME:
                if (in.peek(1).is(Kind.LEFT_PAREN)) {
                    throw error(t, "function names cannot be quoted; write " + t.value() + "(...)");
                }
                return columnReference();
            case WORD:
                return word(t);
            default:
                throw in.unexpected(t, in.position() == 0 ? "a value" : "a value after '" + in.previous().text() + "'");
        }
    }

    private SqlNode word(Token t) throws AdqlSyntaxException {
        String upper = t.keyword();
        switch (upper) {
            case "NULL":
                in.advance();
                return SqlLiteral.createNull(pos(t));
            case "TRUE":
            case "FALSE":
                in.advance();
                return SqlLiteral.createBoolean(upper.equals("TRUE"), pos(t));
            case "CASE":
                return caseExpression();
            case "CAST":
                return cast();
            default:
                break;
        }
        boolean call = in.peek(1).is(Kind.LEFT_PAREN);
        if (AGGREGATES.contains(upper)) {
            if (!call) {
                throw reservedName(t, "the " + upper + " aggregate function");
            }
            return aggregate();
        }
        SqlOperator adql = AdqlOperators.lookup(t.value());
        if (call) {
            if (adql != null) {
                return adqlFunction(adql);
            }
            if (AdqlKeywords.isReserved(upper)) {
                if (STRUCTURAL.contains(upper)) {
                    throw in.unexpected(t, "a value");
                }
                throw error(t, "ADQL has no " + upper + " function (" + upper + " is a reserved word)");
            }
            return userDefinedFunction();
        }
        if (AdqlKeywords.isReserved(upper)) {
            if (STRUCTURAL.contains(upper) || isStatementWord(t)) {
                throw in.unexpected(t, in.position() == 0 ? "a value" : "a value after '" + in.previous().text() + "'");
            }
            throw reservedName(t, adql != null ? "the " + upper + " function" : null);
        }
        return columnReference();
    }

    private SqlNode columnReference() throws AdqlSyntaxException {
        Token first = in.peek();
        List<String> names = new ArrayList<>();
        List<SqlParserPos> positions = new ArrayList<>();
        Token part = in.name("a column name");
        names.add(part.value());
        positions.add(componentPos(part));
        while (in.peek().is(Kind.PERIOD)) {
            in.advance();
            if (in.peek().is(Kind.ASTERISK)) {
                throw error(in.peek(), "table.* is only allowed as an item of the select list");
            }
            part = in.name("a name after '.'");
            names.add(part.value());
            positions.add(componentPos(part));
        }
        if (names.size() > 4) {
            throw error(first, "a column reference has at most four parts (catalog.schema.table.column), not "
                    + names.size());
        }
        if (in.peek().is(Kind.LEFT_PAREN) && names.size() > 1) {
            throw error(first, "function names cannot have a prefix: write " + part.text() + "(...)");
        }
        return new SqlIdentifier(names, null, pos(first, in.previous()), positions);
    }

    private SqlNode caseExpression() throws AdqlSyntaxException {
        Token start = in.advance();
        SqlNode operand = null;
        if (!in.peek().isKeyword("WHEN")) {
            operand = value("WHEN or a value after CASE");
        }
        List<SqlNode> whens = new ArrayList<>();
        List<SqlNode> thens = new ArrayList<>();
        while (in.acceptKeyword("WHEN", "WHEN")) {
            whens.add(operand == null ? condition("a condition after WHEN") : value("a value after WHEN"));
            in.expectKeyword("THEN", "THEN");
            thens.add(value("a value after THEN"));
        }
        if (whens.isEmpty()) {
            throw in.unexpected(in.peek(), null);
        }
        SqlNode otherwise = null;
        if (in.acceptKeyword("ELSE", "ELSE")) {
            otherwise = value("a value after ELSE");
        }
        in.expectKeyword("END", "END to close the CASE at line " + start.line() + ", column " + start.column());
        SqlParserPos pos = pos(start, in.previous());
        SqlNodeList whenList = new SqlNodeList(whens, pos);
        SqlNodeList thenList = new SqlNodeList(thens, pos);
        return operand == null ? new SqlCase(pos, null, whenList, thenList, otherwise)
                : SqlCase.createSwitched(pos, operand, whenList, thenList, otherwise);
    }

    private SqlNode cast() throws AdqlSyntaxException {
        Token start = in.advance();
        Token open = in.expect(Kind.LEFT_PAREN, "'(' after CAST");
        SqlNode operand = value("a value to convert after CAST(");
        in.expectKeyword("AS", "AS and a type in CAST(value AS type)");
        SqlDataTypeSpec type = castTarget();
        in.expectClosing(open);
        return SqlStdOperatorTable.CAST.createCall(pos(start, in.previous()), operand, type);
    }

    private SqlDataTypeSpec castTarget() throws AdqlSyntaxException {
        Token t = in.peek();
        String upper = t.is(Kind.WORD) ? t.keyword() : "";
        SqlTypeNameSpec spec;
        switch (upper) {
            case "SMALLINT":
            case "INTEGER":
            case "BIGINT":
            case "REAL":
            case "TIMESTAMP":
                in.advance();
                spec = new SqlBasicTypeNameSpec(SqlTypeName.valueOf(upper), pos(t));
                break;
            case "DOUBLE":
                in.advance();
                in.expectKeyword("PRECISION", "PRECISION after DOUBLE (the type is DOUBLE PRECISION)");
                spec = new SqlBasicTypeNameSpec(SqlTypeName.DOUBLE, pos(t, in.previous()));
                break;
            case "CHAR":
            case "VARCHAR":
                in.advance();
                SqlTypeName name = SqlTypeName.valueOf(upper);
                if (in.peek().is(Kind.LEFT_PAREN)) {
                    Token open = in.advance();
                    Token length = in.peek();
                    if (!length.is(Kind.INTEGER) || new BigInteger(length.text()).signum() == 0
                            || new BigInteger(length.text()).bitLength() > 31) {
                        throw error(length, "expected a length (a whole number, 1 or more) after " + upper
                                + "( but found " + length.describe());
                    }
                    in.advance();
                    in.expectClosing(open);
                    spec = new SqlBasicTypeNameSpec(name, Integer.parseInt(length.text()), pos(t, in.previous()));
                } else {
                    spec = new SqlBasicTypeNameSpec(name, pos(t));
                }
                break;
            case "POINT":
            case "CIRCLE":
            case "POLYGON":
                // DALI-serialised strings to geometries; the translation step decides what the database does.
                in.advance();
                spec = new SqlUserDefinedTypeNameSpec(new SqlIdentifier(upper, pos(t)), pos(t));
                break;
            default:
                throw error(t, "expected a type after AS (SMALLINT, INTEGER, BIGINT, REAL, DOUBLE PRECISION, "
                        + "CHAR, VARCHAR, TIMESTAMP, POINT, CIRCLE or POLYGON) but found " + t.describe());
        }
        return new SqlDataTypeSpec(spec, spec.getParserPos());
    }

    private SqlNode aggregate() throws AdqlSyntaxException {
        Token name = in.advance();
        String upper = name.keyword();
        Token open = in.advance();
        SqlOperator op;
        switch (upper) {
            case "COUNT":
                op = SqlStdOperatorTable.COUNT;
                break;
            case "AVG":
                op = SqlStdOperatorTable.AVG;
                break;
            case "MIN":
                op = SqlStdOperatorTable.MIN;
                break;
            case "MAX":
                op = SqlStdOperatorTable.MAX;
                break;
            default:
                op = SqlStdOperatorTable.SUM;
                break;
        }
        if (upper.equals("COUNT") && in.peek().is(Kind.ASTERISK)) {
            Token star = in.advance();
            in.expectClosing(open);
            return op.createCall(pos(name, in.previous()), SqlIdentifier.star(pos(star)));
        }
        SqlLiteral quantifier = null;
        if (in.peek().isKeyword("DISTINCT")) {
            quantifier = SqlSelectKeyword.DISTINCT.symbol(pos(in.advance()));
        } else if (in.peek().isKeyword("ALL")) {
            quantifier = SqlSelectKeyword.ALL.symbol(pos(in.advance()));
        }
        if (in.peek().is(Kind.RIGHT_PAREN)) {
            throw error(in.peek(), upper + " needs a value" + (upper.equals("COUNT") ? " or *" : "")
                    + " between its parentheses");
        }
        SqlNode arg = value("a value after " + upper + "(");
        if (in.peek().is(Kind.COMMA)) {
            throw error(in.peek(), upper + " takes a single value");
        }
        in.expectClosing(open);
        return op.createCall(quantifier, pos(name, in.previous()), arg);
    }

    private List<SqlNode> arguments(Token name) throws AdqlSyntaxException {
        Token open = in.advance();
        List<SqlNode> args = new ArrayList<>();
        if (in.accept(Kind.RIGHT_PAREN, null)) {
            return args;
        }
        if (in.peek().isKeyword("DISTINCT")) {
            throw error(in.peek(), "DISTINCT is only allowed in the aggregate functions COUNT, AVG, MIN, MAX and SUM");
        }
        do {
            args.add(value(args.isEmpty() ? "a value after " + name.text() + "(" : "a value after ','"));
        } while (in.accept(Kind.COMMA, "','"));
        in.expectClosing(open);
        return args;
    }

    private SqlNode adqlFunction(SqlOperator op) throws AdqlSyntaxException {
        Token name = in.advance();
        String upper = name.keyword();
        List<SqlNode> args = arguments(name);
        FunctionShapes.check(name, upper, args);
        return op.createCall(pos(name, in.previous()), args);
    }

    private SqlNode userDefinedFunction() throws AdqlSyntaxException {
        Token name = in.advance();
        List<SqlNode> args = arguments(name);
        SqlUnresolvedFunction function = new SqlUnresolvedFunction(new SqlIdentifier(name.value(), pos(name)),
                null, null, null, null, SqlFunctionCategory.USER_DEFINED_FUNCTION);
        return function.createCall(pos(name, in.previous()), args);
    }

    private SqlNode hexadecimal(Token t) throws AdqlSyntaxException {
        String digits = t.text().substring(2).replaceFirst("^0+", "");
        if (digits.length() > 16) {
            throw error(t, "the hexadecimal number " + t.text() + " has more than 64 bits");
        }
        // ADQL hexadecimals are integers up to BIGINT: 16 digits are a 64-bit two's complement value (0xFFFF
        // FFFF FFFF FFFF is -1), so a mask on a BIGINT flag column keeps the column's type.
        long value = digits.isEmpty() ? 0 : new BigInteger(digits, 16).longValue();
        return SqlLiteral.createExactNumeric(Long.toString(value), pos(t));
    }
}

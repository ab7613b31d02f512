package org.vosuite.tap.adql;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.apache.calcite.sql.JoinConditionType;
import org.apache.calcite.sql.JoinType;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSelectKeyword;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.vosuite.tap.adql.Token.Kind;

import static org.vosuite.tap.adql.TokenCursor.STRUCTURAL;
import static org.vosuite.tap.adql.TokenCursor.componentPos;
import static org.vosuite.tap.adql.TokenCursor.error;
import static org.vosuite.tap.adql.TokenCursor.identifier;
import static org.vosuite.tap.adql.TokenCursor.isStatementWord;
import static org.vosuite.tap.adql.TokenCursor.pos;
import static org.vosuite.tap.adql.TokenCursor.span;
import static org.vosuite.tap.adql.TokenCursor.startsValue;

/**
 * ADQL 2.1 (IVOA Recommendation 2023-12-15) to Calcite {@link SqlNode} trees, by recursive descent.
 *
 * <p>Hand-written rather than generated so that every error names what was expected, where, in the words of
 * the query ({@code line 1, column 27: expected a column name after ',' but found 'FROM'}), and so that common
 * SQL habits that ADQL lacks (LIMIT, {@code %}, block comments, several statements) get a message saying what
 * to write instead.
 *
 * <p>What the tree looks like:
 * <ul>
 * <li>{@code TOP n} is the {@link SqlSelect}'s fetch; ORDER BY and OFFSET of a plain SELECT are the select's own;
 *     ORDER BY / OFFSET after a set operation or a parenthesized query wrap it in a {@link SqlOrderBy}.</li>
 * <li>Names keep their spelling. Each identifier component's {@link SqlParserPos} is
 *     {@linkplain SqlParserPos#isQuoted() quoted} when it was a delimited ("double-quoted") identifier, so
 *     {@link SqlIdentifier#isComponentQuoted(int)} tells the case-sensitive components from the others.</li>
 * <li>ADQL functions are the operators of {@link AdqlOperators}; other function names become
 *     {@link SqlUnresolvedFunction} calls for the validation step to accept or refuse.</li>
 * <li>Geometry predicates stay what ADQL says they are, integer functions compared with a number
 *     ({@code 1 = CONTAINS(...)}).</li>
 * </ul>
 *
 * <p>Tolerated beyond the letter of the grammar: one trailing {@code ;}, {@code *} next to other select items,
 * CASE expressions, TRUE/FALSE, IS [NOT] NULL on any value, and a user-defined function call used directly as a
 * condition. Not thread-safe; {@link #parse} makes one instance per query.
 */
public final class AdqlParser {
    private final TokenCursor in;
    private final ExpressionParser expressions;
    /** Queries written in parentheses: an ORDER BY after them applies to their result, not inside them. */
    private final Set<SqlNode> parenthesized = Collections.newSetFromMap(new IdentityHashMap<>());

    private AdqlParser(List<Token> tokens) {
        this.in = new TokenCursor(tokens);
        this.expressions = new ExpressionParser(in, this);
    }

    /**
     * Parses one ADQL 2.1 query.
     *
     * @return a {@link SqlSelect}, a set operation ({@link SqlBasicCall} of UNION/INTERSECT/EXCEPT), a
     *     {@link SqlOrderBy} or a {@link SqlWith}
     * @throws AdqlSyntaxException with the line and column of the first problem
     */
    public static SqlNode parse(String adql) throws AdqlSyntaxException {
        Objects.requireNonNull(adql, "adql");
        AdqlParser parser = new AdqlParser(AdqlLexer.tokenize(adql));
        try {
            return parser.statement();
        } catch (StackOverflowError e) {
            // The depth limit should come first; this is for threads started with a very small stack.
            throw error(parser.in.peek(), "the query is nested too deeply to be parsed");
        }
    }

    private SqlNode statement() throws AdqlSyntaxException {
        if (in.peek().is(Kind.END)) {
            throw error(in.peek(), "the query is empty; an ADQL query starts with SELECT");
        }
        SqlNode query = in.peek().isKeyword("WITH") ? with() : queryExpression();
        if (in.peek().is(Kind.SEMICOLON) && in.peek(1).is(Kind.END)) {
            in.advance();
        }
        if (!in.peek().is(Kind.END)) {
            throw in.unexpected(in.peek(), "the end of the query");
        }
        return query;
    }

    private SqlNode with() throws AdqlSyntaxException {
        Token with = in.advance();
        List<SqlNode> items = new ArrayList<>();
        do {
            Token name = in.name("a name for the common table expression");
            if (in.peek().is(Kind.LEFT_PAREN)) {
                throw error(in.peek(), "ADQL has no column list here; write " + name.text() + " AS (SELECT ...)");
            }
            in.expectKeyword("AS", "AS after the name " + name.text());
            Token open = in.expect(Kind.LEFT_PAREN, "'(' and a query after AS");
            SqlNode query = queryExpression();
            in.expectClosing(open);
            items.add(new SqlWithItem(pos(name, in.previous()), identifier(name), null, query,
                    SqlLiteral.createBoolean(false, pos(name))));
        } while (in.accept(Kind.COMMA, "','"));
        if (!in.peek().isKeyword("SELECT") && !in.peek().is(Kind.LEFT_PAREN)) {
            throw in.unexpected(in.peek(), "SELECT after the common table expressions");
        }
        SqlNodeList list = new SqlNodeList(items, pos(with, in.previous()));
        SqlNode body = queryExpression();
        return new SqlWith(pos(with, in.previous()), list, body);
    }

    /** ADQL's select_expression: set operations, then ORDER BY and OFFSET for the whole. */
    private SqlNode queryExpression() throws AdqlSyntaxException {
        in.enter();
        try {
            return queryExpressionLevel();
        } finally {
            in.leave();
        }
    }

    private SqlNode queryExpressionLevel() throws AdqlSyntaxException {
        SqlNode query = setExpression();
        Token start = in.peek();
        SqlNodeList orderBy = null;
        SqlNode offset = null;
        if (in.acceptKeyword("ORDER", "ORDER BY")) {
            in.expectKeyword("BY", "BY after ORDER");
            orderBy = orderByList();
        }
        if (in.acceptKeyword("OFFSET", "OFFSET")) {
            offset = wholeNumber("OFFSET");
        }
        Token next = in.peek();
        if ((orderBy != null || offset != null)
                && (next.isKeyword("UNION") || next.isKeyword("EXCEPT") || next.isKeyword("INTERSECT"))) {
            throw error(next, "ORDER BY and OFFSET apply to the result of " + next.keyword() + " and come after "
                    + "its last query; to sort one of the queries, put it in parentheses with its ORDER BY");
        }
        if (orderBy == null && offset == null) {
            return query;
        }
        if (query instanceof SqlSelect select && !parenthesized.contains(select)
                && select.getOrderList() == null && select.getOffset() == null) {
            select.setOrderBy(orderBy);
            select.setOffset(offset);
            return select;
        }
        if (query instanceof SqlSelect inner && inner.getOrderList() == null) {
            // Calcite's validator merges ORDER BY into a SELECT without one and overwrites its fetch and offset:
            // (SELECT TOP 5 ...) ORDER BY x would lose its TOP. An empty order list makes it keep the subquery.
            inner.setOrderBy(SqlNodeList.EMPTY);
        }
        return new SqlOrderBy(span(query.getParserPosition(), pos(start, in.previous())), query,
                orderBy == null ? SqlNodeList.EMPTY : orderBy, offset, null);
    }

    private SqlNode setExpression() throws AdqlSyntaxException {
        SqlNode left = setTerm();
        while (in.peek().isKeyword("UNION") || in.peek().isKeyword("EXCEPT")) {
            boolean union = in.advance().isKeyword("UNION");
            boolean all = in.acceptKeyword("ALL", null);
            SqlOperator op = union ? (all ? SqlStdOperatorTable.UNION_ALL : SqlStdOperatorTable.UNION)
                    : (all ? SqlStdOperatorTable.EXCEPT_ALL : SqlStdOperatorTable.EXCEPT);
            SqlNode right = setTerm();
            left = op.createCall(span(left, right), left, right);
        }
        return left;
    }

    private SqlNode setTerm() throws AdqlSyntaxException {
        SqlNode left = setPrimary();
        while (in.peek().isKeyword("INTERSECT")) {
            in.advance();
            boolean all = in.acceptKeyword("ALL", null);
            SqlNode right = setPrimary();
            left = (all ? SqlStdOperatorTable.INTERSECT_ALL : SqlStdOperatorTable.INTERSECT)
                    .createCall(span(left, right), left, right);
        }
        return left;
    }

    private SqlNode setPrimary() throws AdqlSyntaxException {
        Token t = in.peek();
        if (t.isKeyword("SELECT")) {
            return select();
        }
        if (t.is(Kind.LEFT_PAREN)) {
            return parenthesizedQuery(t);
        }
        if (t.isKeyword("WITH")) {
            throw error(t, "WITH is only allowed at the very start of the query");
        }
        throw in.unexpected(t, "SELECT");
    }

    /** A query in parentheses, {@code open} being the '(' (WITH may only start the whole query). */
    private SqlNode parenthesizedQuery(Token open) throws AdqlSyntaxException {
        in.advance();
        if (in.peek().isKeyword("WITH")) {
            throw error(in.peek(), "WITH is only allowed at the very start of the query");
        }
        SqlNode query = queryExpression();
        in.expectClosing(open);
        parenthesized.add(query);
        return query;
    }

    private SqlSelect select() throws AdqlSyntaxException {
        Token select = in.advance();
        SqlNodeList keywords = new SqlNodeList(pos(select, select));
        if (in.peek().isKeyword("DISTINCT")) {
            keywords.add(SqlSelectKeyword.DISTINCT.symbol(pos(in.advance())));
        } else if (in.peek().isKeyword("ALL")) {
            keywords.add(SqlSelectKeyword.ALL.symbol(pos(in.advance())));
        }
        SqlNode fetch = null;
        if (in.peek().isKeyword("TOP")) {
            in.advance();
            fetch = wholeNumber("TOP");
            if (in.peek().isKeyword("DISTINCT") || in.peek().isKeyword("ALL")) {
                throw error(in.peek(), in.peek().text() + " must come before TOP: SELECT " + in.peek().keyword()
                        + " TOP n ...");
            }
        }
        SqlNodeList selectList = selectList();
        if (!in.acceptKeyword("FROM", "FROM")) {
            throw in.unexpected(in.peek(), null);
        }
        SqlNode from = fromList();
        SqlNode where = null;
        if (in.acceptKeyword("WHERE", "WHERE")) {
            where = expressions.condition("a condition after WHERE");
        }
        SqlNodeList groupBy = null;
        if (in.acceptKeyword("GROUP", "GROUP BY")) {
            Token group = in.previous();
            in.expectKeyword("BY", "BY after GROUP");
            List<SqlNode> terms = new ArrayList<>();
            do {
                terms.add(expressions.value(terms.isEmpty() ? "a column name after GROUP BY" : "a column name after ','"));
            } while (in.accept(Kind.COMMA, "','"));
            groupBy = new SqlNodeList(terms, pos(group, in.previous()));
        }
        SqlNode having = null;
        if (in.acceptKeyword("HAVING", "HAVING")) {
            having = expressions.condition("a condition after HAVING");
        }
        return new SqlSelect(pos(select, in.previous()), keywords, selectList, from, where, groupBy, having, null,
                null, null, null, fetch, null);
    }

    private SqlNodeList selectList() throws AdqlSyntaxException {
        Token first = in.peek();
        String after = in.previous().is(Kind.INTEGER) ? "TOP " + in.previous().text()
                : in.previous().text().toUpperCase(Locale.ROOT);
        List<SqlNode> items = new ArrayList<>();
        do {
            items.add(selectItem(items.isEmpty() ? "a column name, an expression or * after " + after
                    : "a column name after ','"));
        } while (in.accept(Kind.COMMA, "','"));
        return new SqlNodeList(items, pos(first, in.previous()));
    }

    private SqlNode selectItem(String expected) throws AdqlSyntaxException {
        Token t = in.peek();
        if (t.is(Kind.ASTERISK)) {
            in.advance();
            return SqlIdentifier.star(pos(t));
        }
        if (isQualifiedStar()) {
            List<String> names = new ArrayList<>();
            List<SqlParserPos> positions = new ArrayList<>();
            while (!in.peek().is(Kind.ASTERISK)) {
                Token part = in.name("a table name");
                names.add(part.value());
                positions.add(componentPos(part));
                in.advance();
            }
            Token star = in.advance();
            names.add("");
            positions.add(pos(star));
            return SqlIdentifier.star(names, pos(t, star), positions);
        }
        if (!startsValue(t)) {
            throw in.unexpected(t, expected);
        }
        SqlNode value = expressions.bitOr();
        Token next = in.peek();
        boolean predicate = ExpressionParser.comparison(next) != null || next.isKeyword("BETWEEN") || next.isKeyword("LIKE")
                || next.isKeyword("ILIKE") || next.isKeyword("IN") || next.isKeyword("IS")
                || next.isKeyword("NOT") && (in.peek(1).isKeyword("BETWEEN") || in.peek(1).isKeyword("LIKE")
                        || in.peek(1).isKeyword("ILIKE") || in.peek(1).isKeyword("IN"));
        if (expressions.isCondition(value) || predicate) {
            throw error(predicate ? pos(next) : value.getParserPosition(),
                    "a condition cannot be selected as a column; to select whether it holds, write "
                    + "CASE WHEN ... THEN 1 ELSE 0 END");
        }
        SqlIdentifier alias = alias();
        return alias == null ? value : SqlStdOperatorTable.AS.createCall(span(value, alias), value, alias);
    }

    /** {@code [AS] name}; without AS only a quoted name or a non-reserved word is an alias. */
    private SqlIdentifier alias() throws AdqlSyntaxException {
        if (in.acceptKeyword("AS", null)) {
            return identifier(in.name("a name after AS"));
        }
        Token t = in.peek();
        Token before = in.previous();
        if (t.is(Kind.WORD) && before.isNumber() && t.line() == before.endLine()
                && t.column() == before.endColumn() + 1) {
            // 2MASS_id would be the number 2 named MASS_id: far likelier a name that needs quotes.
            throw error(before, "a name cannot start with a digit; write it in double quotes: \"" + before.text()
                    + t.text() + "\" (or separate the number from its alias with AS)");
        }
        if (t.is(Kind.QUOTED_NAME)
                || (t.is(Kind.WORD) && !AdqlKeywords.isReserved(t.value()) && !t.isKeyword("LIMIT"))) {
            in.markImplicitAlias();
            return identifier(in.advance());
        }
        return null;
    }

    private boolean isQualifiedStar() {
        int k = in.position();
        while (in.at(k).is(Kind.WORD) || in.at(k).is(Kind.QUOTED_NAME)) {
            if (!in.at(k + 1).is(Kind.PERIOD)) {
                return false;
            }
            if (in.at(k + 2).is(Kind.ASTERISK)) {
                return true;
            }
            k += 2;
        }
        return false;
    }

    private SqlNodeList orderByList() throws AdqlSyntaxException {
        Token start = in.peek();
        List<SqlNode> terms = new ArrayList<>();
        do {
            SqlNode term = expressions.value(terms.isEmpty() ? "a column name or number after ORDER BY"
                    : "a column name or number after ','");
            if (in.acceptKeyword("DESC", null)) {
                term = SqlStdOperatorTable.DESC.createCall(span(term.getParserPosition(), pos(in.previous())), term);
            } else {
                in.acceptKeyword("ASC", null);
            }
            terms.add(term);
        } while (in.accept(Kind.COMMA, "','"));
        return new SqlNodeList(terms, pos(start, in.previous()));
    }

    private SqlNode wholeNumber(String clause) throws AdqlSyntaxException {
        Token t = in.peek();
        if (!t.is(Kind.INTEGER)) {
            throw error(t, "expected a whole number (0 or more) after " + clause + " but found " + t.describe());
        }
        in.advance();
        if (new BigInteger(t.text()).bitLength() > 63) {
            throw error(t, "the number after " + clause + " is too large");
        }
        return SqlLiteral.createExactNumeric(t.text(), pos(t));
    }

    private SqlNode fromList() throws AdqlSyntaxException {
        SqlNode from = tableReference("a table name after FROM");
        while (in.accept(Kind.COMMA, "','")) {
            SqlNode right = tableReference("a table name after ','");
            from = new SqlJoin(span(from, right), from, SqlLiteral.createBoolean(false, SqlParserPos.ZERO),
                    JoinType.COMMA.symbol(SqlParserPos.ZERO), right,
                    JoinConditionType.NONE.symbol(SqlParserPos.ZERO), null);
        }
        return from;
    }

    private SqlNode tableReference(String expected) throws AdqlSyntaxException {
        SqlNode left = tablePrimary(expected);
        while (true) {
            Token t = in.peek();
            if (t.isKeyword("CROSS")) {
                throw error(t, "ADQL has no CROSS JOIN; list the tables separated by commas: FROM a, b");
            }
            if (t.isKeyword("NATURAL") || t.isKeyword("INNER") || t.isKeyword("LEFT") || t.isKeyword("RIGHT")
                    || t.isKeyword("FULL") || t.isKeyword("JOIN")) {
                left = join(left);
            } else {
                in.note("JOIN");
                return left;
            }
        }
    }

    private SqlNode join(SqlNode left) throws AdqlSyntaxException {
        boolean natural = in.acceptKeyword("NATURAL", null);
        Token natTok = natural ? in.previous() : null;
        JoinType type = JoinType.INNER;
        Token typeTok = in.peek();
        if (typeTok.isKeyword("INNER")) {
            in.advance();
        } else if (typeTok.isKeyword("LEFT") || typeTok.isKeyword("RIGHT") || typeTok.isKeyword("FULL")) {
            in.advance();
            type = typeTok.isKeyword("LEFT") ? JoinType.LEFT
                    : typeTok.isKeyword("RIGHT") ? JoinType.RIGHT : JoinType.FULL;
            in.acceptKeyword("OUTER", "OUTER");
        }
        in.expectKeyword("JOIN", "JOIN after " + in.previous().text().toUpperCase(Locale.ROOT));
        SqlNode right = tablePrimary("a table name after JOIN");
        SqlLiteral conditionType;
        SqlNode condition = null;
        Token spec = in.peek();
        if (spec.isKeyword("ON") || spec.isKeyword("USING")) {
            if (natural) {
                throw error(spec, "a NATURAL join takes no " + spec.keyword() + " condition: it joins on the "
                        + "columns the tables have in common (remove NATURAL to give one)");
            }
            in.advance();
            if (spec.isKeyword("ON")) {
                condition = expressions.condition("a condition after ON");
                conditionType = JoinConditionType.ON.symbol(pos(spec));
            } else {
                Token open = in.expect(Kind.LEFT_PAREN, "'(' and column names after USING");
                List<SqlNode> columns = new ArrayList<>();
                do {
                    columns.add(identifier(in.name(columns.isEmpty() ? "a column name after USING ("
                            : "a column name after ','")));
                } while (in.accept(Kind.COMMA, "','"));
                in.expectClosing(open);
                condition = new SqlNodeList(columns, pos(open, in.previous()));
                conditionType = JoinConditionType.USING.symbol(pos(spec));
            }
        } else if (natural) {
            conditionType = JoinConditionType.NONE.symbol(pos(natTok));
        } else {
            throw in.unexpected(spec, "ON or USING to say how the tables are joined");
        }
        return new SqlJoin(span(left.getParserPosition(), pos(in.previous())), left,
                SqlLiteral.createBoolean(natural, natural ? pos(natTok) : SqlParserPos.ZERO),
                type.symbol(pos(typeTok)), right, conditionType, condition);
    }

    private SqlNode tablePrimary(String expected) throws AdqlSyntaxException {
        Token t = in.peek();
        if (t.is(Kind.LEFT_PAREN)) {
            if (queryAhead(in.position() + 1)) {
                SqlNode query = parenthesizedQuery(t);
                Token closing = in.previous();
                SqlIdentifier alias = alias();
                if (alias == null) {
                    throw error(in.peek(), "a subquery in FROM needs a name: add AS name after the ')' at line "
                            + closing.line() + ", column " + closing.column());
                }
                return SqlStdOperatorTable.AS.createCall(span(pos(t), alias.getParserPosition()), query, alias);
            }
            in.advance();
            in.enter();
            try {
                SqlNode joined = tableReference("a table name after '('");
                in.expectClosing(t);
                return joined;
            } finally {
                in.leave();
            }
        }
        if (!t.is(Kind.WORD) && !t.is(Kind.QUOTED_NAME)) {
            throw in.unexpected(t, expected);
        }
        if (t.is(Kind.WORD) && (STRUCTURAL.contains(t.keyword()) || isStatementWord(t))) {
            throw in.unexpected(t, expected);
        }
        List<String> names = new ArrayList<>();
        List<SqlParserPos> positions = new ArrayList<>();
        Token part = in.name("a table name");
        names.add(part.value());
        positions.add(componentPos(part));
        while (in.accept(Kind.PERIOD, null)) {
            part = in.name("a name after '.'");
            names.add(part.value());
            positions.add(componentPos(part));
        }
        if (names.size() > 3) {
            throw error(t, "a table name has at most three parts (catalog.schema.table), not " + names.size());
        }
        SqlIdentifier table = new SqlIdentifier(names, null, pos(t, in.previous()), positions);
        SqlIdentifier alias = alias();
        return alias == null ? table : SqlStdOperatorTable.AS.createCall(span(table, alias), table, alias);
    }

    /** Whether a query (SELECT or WITH) starts at token {@code k}, possibly behind more opening parentheses. */
    private boolean queryAhead(int k) {
        while (in.at(k).is(Kind.LEFT_PAREN)) {
            k++;
        }
        return in.at(k).isKeyword("SELECT") || in.at(k).isKeyword("WITH");
    }

    /** The query of {@code (SELECT ...)} whose '(' was just consumed, with its ')'. */
    SqlNode subquery(Token open) throws AdqlSyntaxException {
        if (in.peek().isKeyword("WITH")) {
            throw error(in.peek(), "WITH is only allowed at the very start of the query");
        }
        SqlNode query = queryExpression();
        in.expectClosing(open);
        parenthesized.add(query);
        return query;
    }
}

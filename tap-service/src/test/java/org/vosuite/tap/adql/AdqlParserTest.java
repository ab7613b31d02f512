package org.vosuite.tap.adql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.calcite.sql.JoinConditionType;
import org.apache.calcite.sql.JoinType;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSelectKeyword;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.SqlUserDefinedTypeNameSpec;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

/** The shape of the Calcite trees the parser builds, and its positions. */
class AdqlParserTest {

    private static SqlNode parse(String adql) throws AdqlSyntaxException {
        return AdqlParser.parse(adql);
    }

    private static SqlSelect select(String adql) throws AdqlSyntaxException {
        return assertInstanceOf(SqlSelect.class, parse(adql));
    }

    private static String postgres(SqlNode node) {
        // Calcite breaks lines before some clauses whatever the configuration; one line reads better in asserts.
        return node.toSqlString(c -> c.withDialect(PostgresqlSqlDialect.DEFAULT)).getSql()
                .replaceAll("\\s+", " ");
    }

    private static SqlCall call(SqlNode node) {
        return assertInstanceOf(SqlCall.class, node);
    }

    private static SqlNode where(String adql) throws AdqlSyntaxException {
        return select(adql).getWhere();
    }

    private static SqlNode item(String adql) throws AdqlSyntaxException {
        return select(adql).getSelectList().get(0);
    }

    @Test
    void coneSearchKeepsTopAndTheComparedGeometryFunction() throws Exception {
        SqlSelect s = select("SELECT TOP 10 * FROM ivoa.ObsCore WHERE 1=CONTAINS(POINT('ICRS', s_ra, s_dec), "
                + "CIRCLE('ICRS', 10, 20, 0.5))");
        assertEquals(10, ((SqlLiteral) s.getFetch()).intValue(true));
        assertNull(s.getOffset());
        SqlCall eq = call(s.getWhere());
        assertEquals(SqlKind.EQUALS, eq.getKind());
        SqlCall contains = call(eq.operand(1));
        assertSame(AdqlOperators.CONTAINS, contains.getOperator());
        assertSame(AdqlOperators.POINT, call(contains.operand(0)).getOperator());
        assertSame(AdqlOperators.CIRCLE, call(contains.operand(1)).getOperator());
        assertEquals("SELECT * FROM \"ivoa\".\"ObsCore\" WHERE 1 = CONTAINS(POINT('ICRS', \"s_ra\", \"s_dec\"), "
                + "CIRCLE('ICRS', 10, 20, 0.5)) FETCH NEXT 10 ROWS ONLY", postgres(s));
    }

    @Test
    void orderByAndOffsetOfAPlainSelectAreTheSelects() throws Exception {
        SqlSelect s = select("SELECT TOP 5 id, mag FROM stars ORDER BY mag DESC, id OFFSET 20");
        assertEquals("5", s.getFetch().toString());
        assertEquals("20", s.getOffset().toString());
        SqlNodeList order = s.getOrderList();
        assertEquals(2, order.size());
        assertEquals(SqlKind.DESCENDING, order.get(0).getKind());
        assertInstanceOf(SqlIdentifier.class, order.get(1));
        assertEquals("SELECT \"id\", \"mag\" FROM \"stars\" ORDER BY \"mag\" DESC, \"id\" OFFSET 20 ROWS "
                + "FETCH NEXT 5 ROWS ONLY", postgres(s));
    }

    @Test
    void orderByNumberStaysAnOrdinal() throws Exception {
        SqlSelect s = select("SELECT a, b FROM t ORDER BY 2 DESC");
        SqlCall desc = call(s.getOrderList().get(0));
        assertEquals(SqlKind.DESCENDING, desc.getKind());
        assertInstanceOf(SqlNumericLiteral.class, desc.operand(0));
    }

    @Test
    void limitIsRefusedWithTheTopSpelling() {
        AdqlSyntaxException e = assertThrows(AdqlSyntaxException.class,
                () -> parse("SELECT ra, dec\nFROM stars\nLIMIT 25"));
        assertEquals(3, e.line());
        assertEquals(1, e.column());
        assertEquals("ADQL has no LIMIT; to return at most 25 rows write SELECT TOP 25 ...", e.detail());
    }

    @Test
    void setOperationsNestWithIntersectFirst() throws Exception {
        SqlCall union = call(parse("SELECT a FROM t1 UNION SELECT a FROM t2 INTERSECT SELECT a FROM t3"));
        assertSame(SqlStdOperatorTable.UNION, union.getOperator());
        assertInstanceOf(SqlSelect.class, union.operand(0));
        assertSame(SqlStdOperatorTable.INTERSECT, call(union.operand(1)).getOperator());

        SqlCall except = call(parse("SELECT a FROM t1 UNION ALL SELECT a FROM t2 EXCEPT ALL SELECT a FROM t3"));
        assertSame(SqlStdOperatorTable.EXCEPT_ALL, except.getOperator());
        assertSame(SqlStdOperatorTable.UNION_ALL, call(except.operand(0)).getOperator());

        SqlCall intersect = call(parse("(SELECT a FROM t1 UNION SELECT a FROM t2) INTERSECT ALL SELECT a FROM t3"));
        assertSame(SqlStdOperatorTable.INTERSECT_ALL, intersect.getOperator());
        assertSame(SqlStdOperatorTable.UNION, call(intersect.operand(0)).getOperator());
    }

    @Test
    void orderByAfterASetOperationWrapsIt() throws Exception {
        SqlOrderBy o = assertInstanceOf(SqlOrderBy.class,
                parse("SELECT id FROM t1 UNION SELECT TOP 3 id FROM t2 ORDER BY id OFFSET 5"));
        assertSame(SqlStdOperatorTable.UNION, call(o.query).getOperator());
        SqlSelect second = assertInstanceOf(SqlSelect.class, call(o.query).operand(1));
        assertEquals("3", second.getFetch().toString());
        assertEquals(1, o.orderList.size());
        assertEquals("5", o.offset.toString());
        assertNull(o.fetch);
    }

    @Test
    void orderByAfterAParenthesizedTopQueryDoesNotMoveInsideIt() throws Exception {
        SqlOrderBy o = assertInstanceOf(SqlOrderBy.class, parse("(SELECT TOP 5 id FROM t) ORDER BY id"));
        SqlSelect inner = assertInstanceOf(SqlSelect.class, o.query);
        assertEquals("5", inner.getFetch().toString());
        // Non-null, so Calcite's validator keeps the inner query rather than merging the ORDER BY into it.
        assertEquals(0, inner.getOrderList().size());
    }

    @Test
    void identifiersKeepTheirSpellingAndSayWhichPartsWereQuoted() throws Exception {
        SqlSelect s = select("SELECT \"objectId\", coord_ra FROM dp1.Object");
        SqlIdentifier objectId = assertInstanceOf(SqlIdentifier.class, s.getSelectList().get(0));
        assertEquals(List.of("objectId"), objectId.names);
        assertTrue(objectId.isComponentQuoted(0));
        SqlIdentifier coordRa = assertInstanceOf(SqlIdentifier.class, s.getSelectList().get(1));
        assertEquals(List.of("coord_ra"), coordRa.names);
        assertFalse(coordRa.isComponentQuoted(0));
        SqlIdentifier table = assertInstanceOf(SqlIdentifier.class, s.getFrom());
        assertEquals(List.of("dp1", "Object"), table.names);
        assertFalse(table.isComponentQuoted(0));
        assertFalse(table.isComponentQuoted(1));

        SqlIdentifier mixed = assertInstanceOf(SqlIdentifier.class,
                item("SELECT \"Schema\".tab.\"Col\" FROM \"Schema\".tab"));
        assertEquals(List.of("Schema", "tab", "Col"), mixed.names);
        assertTrue(mixed.isComponentQuoted(0));
        assertFalse(mixed.isComponentQuoted(1));
        assertTrue(mixed.isComponentQuoted(2));
        SqlParserPos col = mixed.getComponentParserPosition(2);
        assertEquals("1:21-1:25", col.getLineNum() + ":" + col.getColumnNum() + "-" + col.getEndLineNum() + ":"
                + col.getEndColumnNum());

        SqlIdentifier escaped = assertInstanceOf(SqlIdentifier.class, item("SELECT \"say \"\"hi\"\"\" FROM t"));
        assertEquals("say \"hi\"", escaped.getSimple());
    }

    @Test
    void decAndOtherNonReservedWordsAreOrdinaryNames() throws Exception {
        SqlSelect s = select("SELECT ra, dec, raw, mass FROM t WHERE dec > 10");
        assertEquals(List.of("ra", "dec", "raw", "mass"), s.getSelectList().stream()
                .map(n -> ((SqlIdentifier) n).getSimple()).toList());
        assertEquals(List.of("dec"), ((SqlIdentifier) call(s.getWhere()).operand(0)).names);
    }

    @Test
    void aliasesAreAsCallsWithOrWithoutTheKeyword() throws Exception {
        SqlCall as = call(item("SELECT long AS \"Ra\" FROM stars"));
        assertEquals(SqlKind.AS, as.getKind());
        SqlIdentifier alias = (SqlIdentifier) as.operand(1);
        assertEquals("Ra", alias.getSimple());
        assertTrue(alias.isComponentQuoted(0));

        SqlCall bare = call(item("select all(a+b)X from most"));
        assertEquals(SqlKind.AS, bare.getKind());
        assertEquals("X", ((SqlIdentifier) bare.operand(1)).getSimple());
        assertEquals(SqlKind.PLUS, bare.operand(0).getKind());

        SqlCall table = call(select("SELECT * FROM ivoa.obscore o").getFrom());
        assertEquals(SqlKind.AS, table.getKind());
        assertEquals("o", ((SqlIdentifier) table.operand(1)).getSimple());
    }

    @Test
    void starsPlainAndQualified() throws Exception {
        SqlSelect s = select("SELECT *, t.*, \"S\".t.* FROM t");
        SqlIdentifier star = (SqlIdentifier) s.getSelectList().get(0);
        assertTrue(star.isStar());
        SqlIdentifier tStar = (SqlIdentifier) s.getSelectList().get(1);
        assertTrue(tStar.isStar());
        assertEquals(List.of("t", ""), tStar.names);
        SqlIdentifier schemaStar = (SqlIdentifier) s.getSelectList().get(2);
        assertEquals(List.of("S", "t", ""), schemaStar.names);
        assertTrue(schemaStar.isComponentQuoted(0));
    }

    @Test
    void distinctAndAllAreSelectKeywords() throws Exception {
        SqlSelect distinct = select("SELECT DISTINCT TOP 3 type FROM stars");
        assertTrue(distinct.isDistinct());
        assertEquals("3", distinct.getFetch().toString());
        SqlSelect all = select("SELECT ALL type FROM stars");
        assertFalse(all.isDistinct());
        assertEquals(SqlSelectKeyword.ALL, ((SqlLiteral) all.getModifierNode(SqlSelectKeyword.ALL)).getValue());
    }

    @Test
    void joins() throws Exception {
        SqlJoin natural = assertInstanceOf(SqlJoin.class,
                select("SELECT * FROM a NATURAL LEFT OUTER JOIN b").getFrom());
        assertTrue(natural.isNatural());
        assertEquals(JoinType.LEFT, natural.getJoinType());
        assertEquals(JoinConditionType.NONE, natural.getConditionType());

        SqlJoin using = assertInstanceOf(SqlJoin.class,
                select("SELECT * FROM t1 FULL JOIN t2 USING (x, \"Y\")").getFrom());
        assertEquals(JoinType.FULL, using.getJoinType());
        assertEquals(JoinConditionType.USING, using.getConditionType());
        SqlNodeList columns = assertInstanceOf(SqlNodeList.class, using.getCondition());
        assertEquals(2, columns.size());
        assertTrue(((SqlIdentifier) columns.get(1)).isComponentQuoted(0));

        SqlJoin on = assertInstanceOf(SqlJoin.class,
                select("SELECT * FROM t1 JOIN t2 ON t1.id = t2.id RIGHT JOIN t3 ON t3.id = t2.id").getFrom());
        assertEquals(JoinType.RIGHT, on.getJoinType());
        SqlJoin inner = assertInstanceOf(SqlJoin.class, on.getLeft());
        assertEquals(JoinType.INNER, inner.getJoinType());
        assertEquals(JoinConditionType.ON, inner.getConditionType());
        assertEquals(SqlKind.EQUALS, inner.getCondition().getKind());

        SqlJoin comma = assertInstanceOf(SqlJoin.class, select("SELECT * FROM a, b, c").getFrom());
        assertEquals(JoinType.COMMA, comma.getJoinType());
        assertEquals(JoinType.COMMA, ((SqlJoin) comma.getLeft()).getJoinType());
        assertEquals("SELECT * FROM \"a\", \"b\", \"c\"", postgres(select("SELECT * FROM a, b, c")));
    }

    @Test
    void subqueryInFromNeedsAndKeepsItsName() throws Exception {
        SqlCall as = call(select("SELECT * FROM (SELECT id FROM t) q").getFrom());
        assertEquals(SqlKind.AS, as.getKind());
        assertInstanceOf(SqlSelect.class, as.operand(0));
        assertEquals("q", ((SqlIdentifier) as.operand(1)).getSimple());
    }

    @Test
    void withClause() throws Exception {
        SqlWith with = assertInstanceOf(SqlWith.class,
                parse("WITH a AS (SELECT id FROM t1), \"B\" AS (SELECT id FROM t2) SELECT * FROM a, \"B\""));
        assertEquals(2, with.withList.size());
        SqlWithItem b = (SqlWithItem) with.withList.get(1);
        assertEquals("B", b.name.getSimple());
        assertTrue(b.name.isComponentQuoted(0));
        assertInstanceOf(SqlSelect.class, b.query);
        assertInstanceOf(SqlSelect.class, with.body);
    }

    @Test
    void predicates() throws Exception {
        assertSame(SqlStdOperatorTable.BETWEEN, call(where("SELECT a FROM t WHERE a BETWEEN 1 AND 2")).getOperator());
        assertSame(SqlStdOperatorTable.NOT_BETWEEN,
                call(where("SELECT a FROM t WHERE a NOT BETWEEN 1 AND 2")).getOperator());
        assertSame(SqlStdOperatorTable.LIKE, call(where("SELECT a FROM t WHERE a LIKE 'x%'")).getOperator());
        assertSame(SqlStdOperatorTable.NOT_LIKE, call(where("SELECT a FROM t WHERE a NOT LIKE 'x%'")).getOperator());
        assertSame(SqlLibraryOperators.ILIKE, call(where("SELECT a FROM t WHERE a ILIKE 'x%'")).getOperator());
        assertSame(SqlLibraryOperators.NOT_ILIKE,
                call(where("SELECT a FROM t WHERE a NOT ILIKE 'x%'")).getOperator());
        assertSame(SqlStdOperatorTable.IS_NULL, call(where("SELECT a FROM t WHERE a IS NULL")).getOperator());
        assertSame(SqlStdOperatorTable.IS_NOT_NULL,
                call(where("SELECT a FROM t WHERE a IS NOT NULL")).getOperator());
        assertSame(SqlStdOperatorTable.NOT_EQUALS, call(where("SELECT a FROM t WHERE a != 1")).getOperator());
        assertSame(SqlStdOperatorTable.NOT_EQUALS, call(where("SELECT a FROM t WHERE a <> 1")).getOperator());

        SqlCall in = call(where("SELECT a FROM t WHERE a IN (1, 2, 3)"));
        assertSame(SqlStdOperatorTable.IN, in.getOperator());
        assertEquals(3, ((SqlNodeList) in.operand(1)).size());
        SqlCall notIn = call(where("SELECT a FROM t WHERE a NOT IN (SELECT b FROM u)"));
        assertSame(SqlStdOperatorTable.NOT_IN, notIn.getOperator());
        assertInstanceOf(SqlSelect.class, notIn.operand(1));

        SqlCall exists = call(where("SELECT a FROM t WHERE EXISTS (SELECT * FROM u WHERE u.a = t.a)"));
        assertSame(SqlStdOperatorTable.EXISTS, exists.getOperator());
        assertInstanceOf(SqlSelect.class, exists.operand(0));

        SqlCall scalar = call(where("SELECT a FROM t WHERE a < (SELECT AVG(a) FROM t)"));
        assertInstanceOf(SqlSelect.class, scalar.operand(1));
    }

    @Test
    void booleanPrecedenceIsNotThenAndThenOr() throws Exception {
        SqlNode w = where("SELECT * FROM t WHERE NOT a = 1 AND b = 2 OR c = 3 AND NOT (d = 4 OR e = 5)");
        assertEquals("NOT \"a\" = 1 AND \"b\" = 2 OR \"c\" = 3 AND NOT (\"d\" = 4 OR \"e\" = 5)", postgres(w));
        SqlCall or = call(w);
        assertEquals(SqlKind.OR, or.getKind());
        assertEquals(SqlKind.AND, or.operand(0).getKind());
        assertEquals(SqlKind.NOT, call(or.operand(0)).operand(0).getKind());
    }

    @Test
    void arithmeticPrecedenceAndNegativeLiterals() throws Exception {
        SqlNode e = item("SELECT -a * b + c / -2 - -e FROM t");
        assertEquals("- \"a\" * \"b\" + \"c\" / -2 - - \"e\"", postgres(e));
        SqlCall minus = call(e);
        assertEquals(SqlKind.MINUS, minus.getKind());
        SqlCall divide = call(call(minus.operand(0)).operand(1));
        SqlNumericLiteral two = assertInstanceOf(SqlNumericLiteral.class, divide.operand(1));
        assertEquals(-2, two.intValue(true));
        assertEquals(SqlKind.MINUS_PREFIX, minus.operand(1).getKind());
    }

    @Test
    void bitwiseOperatorsAreCalcitesBitFunctionsWithCPrecedence() throws Exception {
        SqlNode e = item("SELECT a | b ^ c & d + 1 FROM t");
        SqlCall or = call(e);
        assertSame(SqlStdOperatorTable.BITOR, or.getOperator());
        SqlCall xor = call(or.operand(1));
        assertSame(SqlStdOperatorTable.BITXOR, xor.getOperator());
        SqlCall and = call(xor.operand(1));
        assertSame(SqlStdOperatorTable.BITAND, and.getOperator());
        assertEquals(SqlKind.PLUS, and.operand(1).getKind());
        SqlCall not = call(item("SELECT ~flags FROM t"));
        assertSame(SqlStdOperatorTable.BITNOT, not.getOperator());
    }

    @Test
    void literals() throws Exception {
        SqlNodeList items = select("SELECT 'it''s', 'abc' 'def', 42, 3.14, 10e-5, 0x1F, 0xFFFFFFFFFFFFFFFF, NULL, "
                + "TRUE FROM t").getSelectList();
        assertEquals("it's", ((SqlLiteral) items.get(0)).getValueAs(String.class));
        assertEquals("abcdef", ((SqlLiteral) items.get(1)).getValueAs(String.class));
        assertEquals(SqlTypeName.DECIMAL, ((SqlLiteral) items.get(2)).getTypeName());
        assertTrue(((SqlNumericLiteral) items.get(2)).isExact());
        assertTrue(((SqlNumericLiteral) items.get(3)).isExact());
        assertFalse(((SqlNumericLiteral) items.get(4)).isExact());
        assertEquals(31, ((SqlNumericLiteral) items.get(5)).intValue(true));
        assertEquals(-1, ((SqlNumericLiteral) items.get(6)).longValue(true));
        assertEquals(SqlTypeName.NULL, ((SqlLiteral) items.get(7)).getTypeName());
        assertEquals(Boolean.TRUE, ((SqlLiteral) items.get(8)).booleanValue());
        SqlLiteral unicode = (SqlLiteral) item("SELECT 'Ångström ≥ 1' FROM t");
        assertEquals("Ångström ≥ 1", unicode.getValueAs(String.class));
    }

    @Test
    void caseExpressions() throws Exception {
        SqlCase searched = assertInstanceOf(SqlCase.class,
                call(item("SELECT CASE WHEN m < 10 THEN 'b' WHEN m < 15 THEN 'm' ELSE 'f' END AS c FROM s"))
                        .operand(0));
        assertNull(searched.getValueOperand());
        assertEquals(2, searched.getWhenOperands().size());
        assertEquals(SqlKind.LESS_THAN, searched.getWhenOperands().get(0).getKind());
        assertEquals("'f'", searched.getElseOperand().toString());

        SqlCase simple = assertInstanceOf(SqlCase.class, item("SELECT CASE t WHEN 'O' THEN 1 END FROM s"));
        // Calcite's own parser turns the simple form into the searched one (t = 'O').
        assertEquals(SqlKind.EQUALS, simple.getWhenOperands().get(0).getKind());
    }

    @Test
    void castTargets() throws Exception {
        SqlNodeList items = select("SELECT CAST(a AS DOUBLE PRECISION), CAST(a AS VARCHAR(30)), CAST(a AS CHAR), "
                + "CAST(a AS BIGINT), CAST('1 2' AS POINT), CAST(a AS TIMESTAMP) FROM t").getSelectList();
        SqlDataTypeSpec d = (SqlDataTypeSpec) call(items.get(0)).operand(1);
        assertEquals("DOUBLE", d.getTypeName().getSimple());
        SqlDataTypeSpec v = (SqlDataTypeSpec) call(items.get(1)).operand(1);
        assertEquals("VARCHAR(30)", v.toString());
        assertEquals("CHAR", call(items.get(2)).operand(1).toString());
        assertEquals("BIGINT", call(items.get(3)).operand(1).toString());
        SqlDataTypeSpec point = (SqlDataTypeSpec) call(items.get(4)).operand(1);
        assertInstanceOf(SqlUserDefinedTypeNameSpec.class, point.getTypeNameSpec());
        assertEquals("POINT", point.getTypeName().getSimple());
        assertEquals("TIMESTAMP", call(items.get(5)).operand(1).toString());
        assertSame(SqlStdOperatorTable.CAST, call(items.get(0)).getOperator());
    }

    @Test
    void functionsMapToAdqlOrStandardOperators() throws Exception {
        SqlNodeList items = select("SELECT LOG(x), CEILING(x), MOD(x, 2), PI(), ROUND(x, 2), TRUNCATE(x), "
                + "ivo_healpix_index(6, ra, dec), my_udf(x), LOWER(s), COALESCE(a, b), IN_UNIT(x, 'deg'), "
                + "DISTANCE(1, 2, 3, 4), COUNT(*), COUNT(DISTINCT x), AVG(x) FROM t").getSelectList();
        assertSame(SqlStdOperatorTable.LN, call(items.get(0)).getOperator());
        assertSame(SqlStdOperatorTable.CEIL, call(items.get(1)).getOperator());
        assertSame(AdqlOperators.MOD, call(items.get(2)).getOperator());
        assertSame(AdqlOperators.PI, call(items.get(3)).getOperator());
        assertSame(SqlStdOperatorTable.ROUND, call(items.get(4)).getOperator());
        assertSame(SqlStdOperatorTable.TRUNCATE, call(items.get(5)).getOperator());
        assertSame(AdqlOperators.IVO_HEALPIX_INDEX, call(items.get(6)).getOperator());
        SqlUnresolvedFunction udf = assertInstanceOf(SqlUnresolvedFunction.class, call(items.get(7)).getOperator());
        assertEquals("my_udf", udf.getName());
        assertSame(SqlStdOperatorTable.LOWER, call(items.get(8)).getOperator());
        assertSame(SqlStdOperatorTable.COALESCE, call(items.get(9)).getOperator());
        assertSame(AdqlOperators.IN_UNIT, call(items.get(10)).getOperator());
        assertEquals(4, call(items.get(11)).operandCount());
        SqlCall countStar = call(items.get(12));
        assertSame(SqlStdOperatorTable.COUNT, countStar.getOperator());
        assertTrue(((SqlIdentifier) countStar.operand(0)).isStar());
        SqlBasicCall countDistinct = assertInstanceOf(SqlBasicCall.class, items.get(13));
        assertEquals(SqlSelectKeyword.DISTINCT, countDistinct.getFunctionQuantifier().getValue());
        assertSame(SqlStdOperatorTable.AVG, call(items.get(14)).getOperator());
        assertEquals("PI()", postgres(items.get(3)));
    }

    @Test
    void adqlFunctionsAreNeverUserDefinedForCalcite() {
        for (SqlFunction f : AdqlOperators.DEFINED) {
            assertFalse(f.getFunctionType().isUserDefined(), f.getName());
        }
        assertEquals(18, AdqlOperators.DEFINED.size());
        assertSame(AdqlOperators.POLYGON, AdqlOperators.lookup("polygon"));
        assertSame(AdqlOperators.IVO_HEALPIX_CENTER, AdqlOperators.lookup("IVO_HEALPIX_CENTER"));
        assertNull(AdqlOperators.lookup("substring"));
    }

    @Test
    void polygonOfCoordinatesKeepsNegativeNumbersAsLiterals() throws Exception {
        SqlCall polygon = call(item("SELECT POLYGON('ICRS', 10, -10.5, 20, 20.5, 30, 30.5) FROM t"));
        assertSame(AdqlOperators.POLYGON, polygon.getOperator());
        assertEquals(7, polygon.operandCount());
        assertEquals("-10.5", ((SqlNumericLiteral) polygon.operand(2)).toValue());
    }

    @Test
    void positionsSpanTheirTokensOverLines() throws Exception {
        SqlSelect s = select("SELECT a,\n       b + 1\nFROM t\nWHERE x\n  BETWEEN 1 AND 2");
        assertEquals(new SqlParserPos(1, 1, 5, 17), s.getParserPosition());
        assertEquals(new SqlParserPos(2, 8, 2, 12), s.getSelectList().get(1).getParserPosition());
        assertEquals(new SqlParserPos(4, 7, 5, 17), s.getWhere().getParserPosition());
    }

    @Test
    void tabsAndWindowsLineEndsCountAsOneColumnAndOneLine() {
        AdqlSyntaxException e = assertThrows(AdqlSyntaxException.class,
                () -> parse("SELECT a,\r\n\tb,\r\nFROM t"));
        assertEquals(3, e.line());
        assertEquals(1, e.column());
        AdqlSyntaxException tab = assertThrows(AdqlSyntaxException.class, () -> parse("SELECT\ta,\tFROM t"));
        assertEquals(1, tab.line());
        assertEquals(11, tab.column());
        assertEquals("line 1, column 11: expected a column name after ',' but found 'FROM'"
                + System.lineSeparator() + "SELECT\ta,\tFROM t"
                + System.lineSeparator() + "      \t  \t^", tab.withExcerpt("SELECT\ta,\tFROM t"));
    }

    @Test
    void nestingDepthIsLimitedWithAMessageNotAStackOverflow() throws Exception {
        String ok = "SELECT " + "(".repeat(40) + "a" + ")".repeat(40) + " FROM t";
        assertInstanceOf(SqlSelect.class, parse(ok));
        for (String deep : List.of(
                "SELECT " + "(".repeat(10_000) + "a" + ")".repeat(10_000) + " FROM t",
                "SELECT " + "- ".repeat(10_000) + "a FROM t",
                "SELECT a FROM t WHERE " + "NOT ".repeat(10_000) + "a = 1",
                "SELECT " + "abs(".repeat(10_000) + "a" + ")".repeat(10_000) + " FROM t",
                "SELECT * FROM t WHERE a IN " + "(SELECT a FROM t WHERE a IN ".repeat(2_000) + "(1)"
                        + ")".repeat(2_000),
                "SELECT * FROM " + "(".repeat(5_000) + "a JOIN b USING (x)" + ")".repeat(5_000))) {
            AdqlSyntaxException e = assertThrows(AdqlSyntaxException.class, () -> parse(deep));
            assertTrue(e.detail().contains("more than " + TokenCursor.MAX_DEPTH + " levels deep"), e.getMessage());
        }
    }

    @Test
    void andOrChainsAreBalancedWithoutChangingTheirMeaning() throws Exception {
        SqlCall or = call(where("SELECT * FROM t WHERE a = 1 OR b = 2 OR c = 3 AND d = 4 AND e = 5 OR f = 6"));
        assertEquals(SqlKind.OR, or.getKind());
        assertEquals("\"a\" = 1 OR \"b\" = 2", postgres(or.operand(0)));
        assertEquals("\"c\" = 3 AND \"d\" = 4 AND \"e\" = 5 OR \"f\" = 6", postgres(or.operand(1)));
        assertEquals(SqlKind.AND, call(or.operand(1)).operand(0).getKind());
    }

    @Test
    void trailingSemicolonIsTolerated() throws Exception {
        assertInstanceOf(SqlSelect.class, parse("SELECT * FROM t;  -- done\n"));
    }

    @Test
    void geometryComparedEitherWayParsesAsAnIntegerComparison() throws Exception {
        for (String q : List.of("SELECT * FROM t WHERE CONTAINS(POINT(ra, dec), CIRCLE(1, 2, 3)) = 1",
                "SELECT * FROM t WHERE 1 = CONTAINS(POINT(ra, dec), CIRCLE(1, 2, 3))",
                "SELECT * FROM t WHERE INTERSECTS(s_region, CIRCLE(1, 2, 3)) = 0")) {
            SqlCall eq = call(where(q));
            assertEquals(SqlKind.EQUALS, eq.getKind());
            assertTrue(eq.getOperandList().stream().anyMatch(SqlLiteral.class::isInstance), q);
        }
    }
}

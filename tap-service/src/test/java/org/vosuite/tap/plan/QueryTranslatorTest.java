package org.vosuite.tap.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.junit.jupiter.api.Test;
import org.vosuite.tap.metadata.TapColumn;
import org.vosuite.tap.metadata.TapMetadata;
import org.vosuite.tap.metadata.TapSchema;
import org.vosuite.tap.metadata.TapTable;

class QueryTranslatorTest {
    static TapColumn col(String name, String datatype, String unit) {
        return new TapColumn(name, datatype, null, null, unit, "ucd." + name, null, "the " + name, true, false,
                false, null);
    }

    static final TapMetadata METADATA = new TapMetadata(List.of(new TapSchema("demo", "demo", null, 0, List.of(
            new TapTable("demo", "demo.Object", "Object", "table", "objects", null, 0, List.of(
                    col("objectId", "long", null), col("coord_ra", "double", "deg"),
                    col("coord_dec", "double", "deg"), col("g_psfFlux", "float", "nJy"))),
            new TapTable("demo", "demo.Source", "Source", "table", "sources", null, 0, List.of(
                    col("sourceId", "long", null), col("objectId", "long", null)))))), List.of(), "x");

    static SqlNode sql(String text) throws Exception {
        return SqlParser.create(text, SqlParser.config().withQuoting(Quoting.DOUBLE_QUOTE)
                .withUnquotedCasing(Casing.UNCHANGED).withQuotedCasing(Casing.UNCHANGED).withCaseSensitive(false))
                .parseQuery();
    }

    private static final QueryTranslator TRANSLATOR = new QueryTranslator(METADATA, SqlOperatorTables.of(),
            PostgresqlSqlDialect.DEFAULT);

    @Test
    void storedNamesWhateverTheCaseWritten() throws Exception {
        Translation t = TRANSLATOR.translate(sql("SELECT OBJECTID, Coord_RA, g_psfflux * 2 AS twice "
                + "FROM demo.object WHERE coord_dec > 10"), 100);
        assertTrue(t.sql().contains("\"objectId\""), t.sql());
        assertTrue(t.sql().contains("FROM \"demo\".\"Object\""), t.sql());
        assertTrue(t.sql().contains("FETCH NEXT 101 ROWS ONLY"), t.sql());
        assertEquals(List.of("objectId", "coord_ra", "twice"), t.columns().stream().map(ResultColumn::name).toList());
        assertEquals("deg", t.columns().get(1).origin().unit());
        assertNull(t.columns().get(2).origin(), "an expression has no published origin");
    }

    @Test
    void joinKeepsOriginsAndTopIsKept() throws Exception {
        Translation t = TRANSLATOR.translate(sql("SELECT s.sourceId, o.coord_ra FROM demo.Source AS s JOIN "
                + "demo.Object AS o ON s.objectId = o.objectId ORDER BY o.coord_ra FETCH FIRST 5 ROWS ONLY"), 100);
        assertTrue(t.sql().contains("FETCH NEXT 5 ROWS ONLY"), t.sql());
        assertEquals("sourceId", t.columns().get(0).origin().name());
        assertEquals("coord_ra", t.columns().get(1).origin().name());
    }

    @Test
    void unknownNamesAreUserErrorsWithPosition() {
        QueryException e = assertThrows(QueryException.class,
                () -> TRANSLATOR.translate(sql("SELECT nosuch FROM demo.Object"), 0));
        assertTrue(e.getMessage().contains("nosuch"), e.getMessage());
        assertEquals(1, e.line());
        assertEquals(8, e.column());
    }
}

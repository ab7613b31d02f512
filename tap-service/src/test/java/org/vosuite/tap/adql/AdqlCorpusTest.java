package org.vosuite.tap.adql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The valid and invalid query corpora (src/test/resources/adql). */
class AdqlCorpusTest {
    private static final List<Corpus.Entry> VALID = Corpus.read("valid.adql");
    private static final List<Corpus.Entry> INVALID = Corpus.read("invalid.adql");

    @Test
    void corporaAreLargeEnough() {
        assertTrue(VALID.size() >= 120, "valid queries: " + VALID.size());
        assertTrue(INVALID.size() >= 40, "invalid queries: " + INVALID.size());
        assertTrue(VALID.stream().allMatch(e -> e.message() == null), "valid entries carry no expectation");
        assertTrue(INVALID.stream().allMatch(e -> e.message() != null), "every invalid entry says what to expect");
    }

    @TestFactory
    Stream<DynamicTest> validQueriesParse() {
        return VALID.stream().map(e -> DynamicTest.dynamicTest(e.description(), () -> {
            SqlNode node = AdqlParser.parse(e.query());
            assertNotNull(node);
            // Unparsing walks the whole tree, so a malformed node (say, a call with a missing operand) fails here.
            assertNotNull(node.toSqlString(c -> c.withDialect(PostgresqlSqlDialect.DEFAULT)).getSql());
        }));
    }

    @TestFactory
    Stream<DynamicTest> invalidQueriesSayWhereAndWhatWasExpected() {
        return INVALID.stream().map(e -> DynamicTest.dynamicTest(e.description(), () -> {
            AdqlSyntaxException x = assertThrows(AdqlSyntaxException.class, () -> AdqlParser.parse(e.query()));
            assertEquals(e.message(), x.detail());
            assertEquals(e.line() + ":" + e.column(), x.line() + ":" + x.column());
            assertEquals("line " + e.line() + ", column " + e.column() + ": " + e.message(), x.getMessage());
        }));
    }
}

package org.vosuite.tap.adql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Attempts to run something other than one query. The parser is the first gate: whatever it accepts is a single
 * SELECT whose names and functions the validation step then checks against TAP_SCHEMA.
 */
class InjectionTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            SELECT 1; DROP TABLE x                                   | 1 | 9  | only a single SELECT query is accepted, but this ';' is followed by DROP ...; remove the ';' and what follows it
            SELECT * FROM t; COPY t TO '/tmp/x'                      | 1 | 16 | only a single SELECT query is accepted, but this ';' is followed by COPY ...; remove the ';' and what follows it
            SELECT * FROM t WHERE a = '1'; DROP TABLE t; --'         | 1 | 30 | only a single SELECT query is accepted, but this ';' is followed by DROP ...; remove the ';' and what follows it
            SELECT * FROM t WHERE a = 1;DELETE FROM t                | 1 | 28 | only a single SELECT query is accepted, but this ';' is followed by DELETE ...; remove the ';' and what follows it
            SELECT * FROM t;;                                        | 1 | 16 | only a single SELECT query is accepted, but this ';' is followed by more text; remove the ';' and what follows it
            INSERT INTO t VALUES (1)                                 | 1 | 1  | only SELECT queries are accepted; found INSERT
            UPDATE t SET a = 1                                       | 1 | 1  | only SELECT queries are accepted; found UPDATE
            DELETE FROM t                                            | 1 | 1  | only SELECT queries are accepted; found DELETE
            DROP TABLE t                                             | 1 | 1  | only SELECT queries are accepted; found DROP
            CREATE TABLE x (a INTEGER)                               | 1 | 1  | only SELECT queries are accepted; found CREATE
            ALTER TABLE t ADD b INTEGER                              | 1 | 1  | only SELECT queries are accepted; found ALTER
            GRANT ALL ON t TO PUBLIC                                 | 1 | 1  | only SELECT queries are accepted; found GRANT
            TRUNCATE TABLE t                                         | 1 | 1  | only SELECT queries are accepted; found TRUNCATE
            COPY t FROM PROGRAM 'rm -rf /'                           | 1 | 1  | only SELECT queries are accepted; found COPY
            VACUUM FULL                                              | 1 | 1  | only SELECT queries are accepted; found VACUUM
            CALL do_something()                                      | 1 | 1  | only SELECT queries are accepted; found CALL
            SET statement_timeout = 0                                | 1 | 1  | only SELECT queries are accepted; found SET
            WITH x AS (DELETE FROM t RETURNING *) SELECT * FROM x    | 1 | 12 | only SELECT queries are accepted; found DELETE
            SELECT * FROM (DELETE FROM t RETURNING *) AS x           | 1 | 16 | only SELECT queries are accepted; found DELETE
            SELECT * FROM t WHERE a IN (DELETE FROM t RETURNING a)   | 1 | 29 | only SELECT queries are accepted; found DELETE
            SELECT * FROM t UNION (INSERT INTO t VALUES (1))         | 1 | 24 | only SELECT queries are accepted; found INSERT
            SELECT * FROM t DROP TABLE t                             | 1 | 17 | only SELECT queries are accepted; found DROP
            SELECT 1 /* c */                                         | 1 | 10 | ADQL has no /* */ comments; comment with -- up to the end of the line
            SELECT * FROM t WHERE a = 1 /* x */ OR 1 = 1             | 1 | 29 | ADQL has no /* */ comments; comment with -- up to the end of the line
            SELECT * FROM t WHERE a = $1                             | 1 | 27 | unexpected character '$' (U+0024)
            SELECT * FROM t WHERE a = 'x' \\; DROP TABLE t           | 1 | 31 | unexpected character '\\' (U+005C)
            """)
    void isRefused(String query, int line, int column, String message) {
        AdqlSyntaxException e = assertThrows(AdqlSyntaxException.class, () -> AdqlParser.parse(query.strip()));
        assertEquals(message, e.detail());
        assertEquals(line + ":" + column, e.line() + ":" + e.column());
    }
}

package org.vosuite.tap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code adql parse} through the in-process command line. */
class AdqlCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(InputStream in, String... args) {
        return AdqlCommand.commandLine(in, new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    private int run(String... args) {
        return run(InputStream.nullInputStream(), args);
    }

    private static InputStream stdin(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String lines(String... lines) {
        return String.join(System.lineSeparator(), lines) + System.lineSeparator();
    }

    @Test
    void validQueryFromTheArgument() {
        assertEquals(0, run("parse", "SELECT TOP 10 * FROM ivoa.ObsCore WHERE 1=CONTAINS(POINT('ICRS', s_ra, s_dec), "
                + "CIRCLE('ICRS', 10, 20, 0.5))"));
        assertEquals(lines("valid ADQL 2.1"), out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void invalidQueryShowsTheLineAndACaret() {
        assertEquals(1, run("parse", "SELECT ra, dec, FROM stars"));
        assertEquals(lines("line 1, column 17: expected a column name after ',' but found 'FROM'",
                "SELECT ra, dec, FROM stars",
                "                ^"), out.toString());
    }

    @Test
    void queryFromStandardInput() {
        assertEquals(0, run(stdin("SELECT name\nFROM stars\nWHERE mag < 6\n"), "parse"));
        assertEquals(lines("valid ADQL 2.1"), out.toString());
    }

    @Test
    void invalidQueryFromStandardInputPointsAtTheRightLine() {
        assertEquals(1, run(stdin("SELECT name\nFROM stars\n  LIMT 10\n"), "parse"));
        assertEquals(lines("line 3, column 3: unknown keyword 'LIMT'; did you mean LIMIT? (ADQL has no LIMIT: "
                        + "write SELECT TOP n ...)",
                "  LIMT 10",
                "  ^"), out.toString());
    }

    @Test
    void errorAtTheEndOfTheQueryPutsTheCaretAfterIt() {
        assertEquals(1, run("parse", "SELECT a FROM t WHERE"));
        assertEquals(lines("line 1, column 22: expected a condition after WHERE but found the end of the query",
                "SELECT a FROM t WHERE",
                "                     ^"), out.toString());
    }

    @Test
    void secondStatementIsRefused() {
        assertEquals(1, run("parse", "SELECT * FROM t; DROP TABLE t"));
        assertTrue(out.toString().startsWith("line 1, column 16: only a single SELECT query is accepted"),
                out.toString());
    }

    @Test
    void withoutSubcommandPrintsUsage() {
        assertEquals(0, run());
        assertTrue(out.toString().contains("parse"), out.toString());
        assertEquals(0, run("parse", "--help"));
        assertTrue(out.toString().contains("standard input"), out.toString());
    }

    @Test
    void tooManyArgumentsIsAUsageError() {
        assertEquals(2, run("parse", "SELECT a FROM t", "SELECT b FROM u"));
        assertTrue(err.toString().contains("Unmatched argument"), err.toString());
    }
}

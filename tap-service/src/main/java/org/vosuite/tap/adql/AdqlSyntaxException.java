package org.vosuite.tap.adql;

/**
 * A query that is not valid ADQL 2.1, with the place of the first problem.
 *
 * <p>Checked on purpose: every caller (the TAP endpoints, the command line) must turn it into a user-facing error
 * (a DALI error document, a message and exit status 1) rather than let it escape as an internal failure.
 *
 * <p>{@link #getMessage()} is {@code line L, column C: what was expected}; {@link #detail()} is the part after the
 * position. Lines and columns count from 1; a tab counts as one column.
 */
public final class AdqlSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;
    private final String detail;

    public AdqlSyntaxException(int line, int column, String detail) {
        super("line " + line + ", column " + column + ": " + detail);
        this.line = line;
        this.column = column;
        this.detail = detail;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The message without its position, e.g. {@code expected FROM but found the end of the query}. */
    public String detail() {
        return detail;
    }

    /**
     * The message followed by the offending line of {@code adql} and a caret under the column; tabs before the
     * column are kept so that the caret lines up in a terminal.
     */
    public String withExcerpt(String adql) {
        String[] lines = adql.split("\r\n|\r|\n", -1);
        if (line < 1 || line > lines.length) {
            return getMessage();
        }
        String text = lines[line - 1];
        StringBuilder caret = new StringBuilder();
        for (int i = 0; i < column - 1 && i < text.length(); i++) {
            caret.append(text.charAt(i) == '\t' ? '\t' : ' ');
        }
        for (int i = text.length(); i < column - 1; i++) {
            caret.append(' ');
        }
        caret.append('^');
        return getMessage() + System.lineSeparator() + text + System.lineSeparator() + caret;
    }
}

package org.vosuite.tap.plan;

/**
 * A query the service refuses: unknown table or column, type error, forbidden function. The message is for the
 * user (DALI error document, HTTP 400) and names the line and column of the ADQL where known.
 */
public final class QueryException extends Exception {
    private final int line;
    private final int column;

    public QueryException(String message, int line, int column) {
        super(message);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}

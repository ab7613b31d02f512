package org.vosuite.tap.adql;

import java.util.Locale;

/**
 * One lexical unit of an ADQL query.
 *
 * @param kind      what the lexer recognised
 * @param text      the characters exactly as written in the query
 * @param value     words as written; quoted names and strings without their quotes and with doubled quotes undone
 * @param line      1-based line of the first character
 * @param column    1-based column of the first character
 * @param endLine   line of the last character
 * @param endColumn column of the last character
 */
record Token(Kind kind, String text, String value, int line, int column, int endLine, int endColumn) {

    enum Kind {
        WORD, QUOTED_NAME, STRING, INTEGER, DECIMAL, APPROXIMATE, HEXADECIMAL,
        LEFT_PAREN, RIGHT_PAREN, COMMA, PERIOD, ASTERISK, PLUS, MINUS, SOLIDUS,
        EQUALS, NOT_EQUALS, LESS, LESS_EQUALS, GREATER, GREATER_EQUALS,
        CONCAT, AMPERSAND, VERTICAL_BAR, CIRCUMFLEX, TILDE, SEMICOLON, END
    }

    /** Upper-case form used to match keywords; null unless this is a word. */
    String keyword() {
        return kind == Kind.WORD ? value.toUpperCase(Locale.ROOT) : null;
    }

    boolean is(Kind k) {
        return kind == k;
    }

    boolean isKeyword(String upper) {
        return kind == Kind.WORD && value.equalsIgnoreCase(upper);
    }

    boolean isNumber() {
        return kind == Kind.INTEGER || kind == Kind.DECIMAL || kind == Kind.APPROXIMATE
                || kind == Kind.HEXADECIMAL;
    }

    /** How an error message names this token: {@code 'FROM'}, {@code the end of the query}, … */
    String describe() {
        switch (kind) {
            case END:
                return "the end of the query";
            case STRING:
                return "the string " + shorten(text);
            case QUOTED_NAME:
                return "the name " + shorten(text);
            case INTEGER:
            case DECIMAL:
            case APPROXIMATE:
            case HEXADECIMAL:
                return "the number " + shorten(text);
            default:
                return "'" + shorten(text) + "'";
        }
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}

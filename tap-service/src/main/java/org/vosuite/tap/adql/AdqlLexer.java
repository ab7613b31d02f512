package org.vosuite.tap.adql;

import java.util.ArrayList;
import java.util.List;
import org.vosuite.tap.adql.Token.Kind;

/**
 * Splits ADQL text into tokens, tracking lines and columns for error messages.
 *
 * <p>Characters ADQL does not use outside strings and quoted names are rejected here with a message naming the
 * ADQL way to say the same thing, because users arrive from SQL dialects that have {@code %}, {@code /* *\/},
 * brackets or back-quotes.
 */
final class AdqlLexer {
    private final String src;
    private int i;
    private int line = 1;
    private int column = 1;
    private final List<Token> tokens = new ArrayList<>();

    private AdqlLexer(String src) {
        this.src = src;
    }

    /** All tokens of {@code adql}, ending with one {@link Kind#END} token placed just after the last token. */
    static List<Token> tokenize(String adql) throws AdqlSyntaxException {
        AdqlLexer lexer = new AdqlLexer(adql);
        lexer.run();
        return lexer.tokens;
    }

    private void run() throws AdqlSyntaxException {
        int endLine = 1;
        int endColumn = 1;
        while (true) {
            skipBlanksAndComments();
            if (i >= src.length()) {
                break;
            }
            Token t = next();
            tokens.add(t);
            endLine = t.endLine();
            endColumn = t.endColumn() + 1;
        }
        tokens.add(new Token(Kind.END, "", "", endLine, endColumn, endLine, endColumn));
    }

    private void skipBlanksAndComments() throws AdqlSyntaxException {
        while (i < src.length()) {
            char c = src.charAt(i);
            if (c == '-' && peekChar(1) == '-') {
                while (i < src.length() && src.charAt(i) != '\n' && src.charAt(i) != '\r') {
                    advance();
                }
            } else if (c == '/' && peekChar(1) == '*') {
                throw error(line, column, "ADQL has no /* */ comments; comment with -- up to the end of the line");
            } else if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                // Non-breaking spaces arrive with queries pasted from web pages; they separate tokens like spaces.
                advance();
            } else {
                return;
            }
        }
    }

    private Token next() throws AdqlSyntaxException {
        int startLine = line;
        int startColumn = column;
        int start = i;
        char c = src.charAt(i);
        if (isLetter(c)) {
            while (i < src.length() && (isLetter(src.charAt(i)) || isDigit(src.charAt(i)) || src.charAt(i) == '_')) {
                advance();
            }
            String word = src.substring(start, i);
            return token(Kind.WORD, start, word, startLine, startColumn);
        }
        if (isDigit(c) || (c == '.' && isDigit(peekChar(1)))) {
            return number(start, startLine, startColumn);
        }
        switch (c) {
            case '\'':
                return quoted(start, startLine, startColumn, '\'', Kind.STRING);
            case '"':
                return quoted(start, startLine, startColumn, '"', Kind.QUOTED_NAME);
            case '(':
                return symbol(Kind.LEFT_PAREN, 1, startLine, startColumn);
            case ')':
                return symbol(Kind.RIGHT_PAREN, 1, startLine, startColumn);
            case ',':
                return symbol(Kind.COMMA, 1, startLine, startColumn);
            case '.':
                return symbol(Kind.PERIOD, 1, startLine, startColumn);
            case '*':
                return symbol(Kind.ASTERISK, 1, startLine, startColumn);
            case '+':
                return symbol(Kind.PLUS, 1, startLine, startColumn);
            case '-':
                return symbol(Kind.MINUS, 1, startLine, startColumn);
            case '/':
                return symbol(Kind.SOLIDUS, 1, startLine, startColumn);
            case '&':
                return symbol(Kind.AMPERSAND, 1, startLine, startColumn);
            case '^':
                return symbol(Kind.CIRCUMFLEX, 1, startLine, startColumn);
            case '~':
                return symbol(Kind.TILDE, 1, startLine, startColumn);
            case ';':
                return symbol(Kind.SEMICOLON, 1, startLine, startColumn);
            case '|':
                return peekChar(1) == '|' ? symbol(Kind.CONCAT, 2, startLine, startColumn)
                        : symbol(Kind.VERTICAL_BAR, 1, startLine, startColumn);
            case '=':
                if (peekChar(1) == '=') {
                    throw error(startLine, startColumn, "'==' is not ADQL; compare with a single '='");
                }
                return symbol(Kind.EQUALS, 1, startLine, startColumn);
            case '<':
                if (peekChar(1) == '=') {
                    return symbol(Kind.LESS_EQUALS, 2, startLine, startColumn);
                }
                if (peekChar(1) == '>') {
                    return symbol(Kind.NOT_EQUALS, 2, startLine, startColumn);
                }
                return symbol(Kind.LESS, 1, startLine, startColumn);
            case '>':
                return peekChar(1) == '=' ? symbol(Kind.GREATER_EQUALS, 2, startLine, startColumn)
                        : symbol(Kind.GREATER, 1, startLine, startColumn);
            case '!':
                if (peekChar(1) == '=') {
                    return symbol(Kind.NOT_EQUALS, 2, startLine, startColumn);
                }
                throw error(startLine, startColumn, "unexpected character '!'; 'not equal' is written != or <>");
            default:
                throw error(startLine, startColumn, unexpectedCharacter(start));
        }
    }

    private String unexpectedCharacter(int at) {
        char c = src.charAt(at);
        switch (c) {
            case '_':
                int end = at;
                while (end < src.length() && (isLetter(src.charAt(end)) || isDigit(src.charAt(end))
                        || src.charAt(end) == '_')) {
                    end++;
                }
                String name = src.substring(at, end);
                return "a name cannot start with '_'; write it in double quotes: \"" + name + "\"";
            case '%':
                return "ADQL has no '%' operator; the remainder of x / y is MOD(x, y)";
            case '[':
            case ']':
                return "square brackets are not ADQL; quote names with double quotes, e.g. \"my column\"";
            case '`':
                return "back-quotes are not ADQL; quote names with double quotes, e.g. \"my column\"";
            case '?':
                return "query parameters ('?') are not ADQL; write the value itself";
            case '\u2018':
            case '\u2019':
            case '\u201C':
            case '\u201D':
                return "typographic quote " + c + " is not ADQL: strings use straight single quotes ('...') "
                        + "and quoted names straight double quotes (\"...\")";
            default:
                int cp = src.codePointAt(at);
                String shown = new String(Character.toChars(cp));
                String hint = Character.isLetter(cp)
                        ? "; names with such letters must be written in double quotes" : "";
                return "unexpected character '" + shown + "' (U+" + String.format("%04X", cp) + ")" + hint;
        }
    }

    private Token number(int start, int startLine, int startColumn) throws AdqlSyntaxException {
        if (src.charAt(i) == '0' && (peekChar(1) == 'x' || peekChar(1) == 'X')) {
            advance();
            advance();
            int digits = i;
            while (i < src.length() && isHexDigit(src.charAt(i))) {
                advance();
            }
            if (i == digits) {
                throw error(startLine, startColumn, "expected hexadecimal digits (0-9, A-F) after 0x");
            }
            return token(Kind.HEXADECIMAL, start, src.substring(start, i), startLine, startColumn);
        }
        Kind kind = Kind.INTEGER;
        while (i < src.length() && isDigit(src.charAt(i))) {
            advance();
        }
        if (i < src.length() && src.charAt(i) == '.') {
            kind = Kind.DECIMAL;
            advance();
            while (i < src.length() && isDigit(src.charAt(i))) {
                advance();
            }
        }
        // The exponent is only taken when digits follow, so "2desc" or "3east" stay a number and a word.
        if (i < src.length() && (src.charAt(i) == 'e' || src.charAt(i) == 'E')) {
            int sign = (peekChar(1) == '+' || peekChar(1) == '-') ? 1 : 0;
            if (isDigit(peekChar(1 + sign))) {
                kind = Kind.APPROXIMATE;
                advance();
                if (sign == 1) {
                    advance();
                }
                while (i < src.length() && isDigit(src.charAt(i))) {
                    advance();
                }
            }
        }
        return token(kind, start, src.substring(start, i), startLine, startColumn);
    }

    private Token quoted(int start, int startLine, int startColumn, char quote, Kind kind)
            throws AdqlSyntaxException {
        advance();
        StringBuilder value = new StringBuilder();
        while (true) {
            if (i >= src.length()) {
                throw error(startLine, startColumn, kind == Kind.STRING
                        ? "this string is not closed; end it with '"
                        : "this quoted name is not closed; end it with \"");
            }
            char c = src.charAt(i);
            if (c == quote) {
                if (peekChar(1) == quote) {
                    value.append(quote);
                    advance();
                    advance();
                    continue;
                }
                advance();
                break;
            }
            value.append(c);
            advance();
        }
        if (kind == Kind.QUOTED_NAME && value.length() == 0) {
            throw error(startLine, startColumn, "a quoted name cannot be empty");
        }
        return new Token(kind, src.substring(start, i), value.toString(), startLine, startColumn, line,
                column - 1);
    }

    private Token symbol(Kind kind, int length, int startLine, int startColumn) {
        int start = i;
        for (int k = 0; k < length; k++) {
            advance();
        }
        String text = src.substring(start, i);
        return new Token(kind, text, text, startLine, startColumn, line, column - 1);
    }

    private Token token(Kind kind, int start, String value, int startLine, int startColumn) {
        return new Token(kind, src.substring(start, i), value, startLine, startColumn, line, column - 1);
    }

    private void advance() {
        char c = src.charAt(i++);
        if (c == '\n' || (c == '\r' && (i >= src.length() || src.charAt(i) != '\n'))) {
            line++;
            column = 1;
        } else if (c != '\r') {
            column++;
        }
    }

    private char peekChar(int ahead) {
        int k = i + ahead;
        return k < src.length() ? src.charAt(k) : '\0';
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static AdqlSyntaxException error(int line, int column, String message) {
        return new AdqlSyntaxException(line, column, message);
    }
}

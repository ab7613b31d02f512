package org.vosuite.tap.adql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.vosuite.tap.adql.Token.Kind;

/**
 * The parsers' view of the tokens: one cursor shared by {@link AdqlParser} and {@link ExpressionParser}, with the
 * error messages, so that every message is built the same way whichever parser meets the problem.
 *
 * <p>Optional tokens looked for and not found at the current place are remembered, so that an error there can
 * list them: {@code expected AND, OR, GROUP BY ... or the end of the query}.
 */
final class TokenCursor {
    /** Words that shape the grammar; meeting one where a value or name was expected is a misplaced clause. */
    static final Set<String> STRUCTURAL = Set.of(
            "SELECT", "FROM", "WHERE", "GROUP", "BY", "HAVING", "ORDER", "ASC", "DESC", "AS", "ON", "USING",
            "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "OUTER", "NATURAL", "CROSS", "AND", "OR", "NOT", "BETWEEN",
            "LIKE", "ILIKE", "IN", "IS", "EXISTS", "UNION", "INTERSECT", "EXCEPT", "ALL", "DISTINCT", "WITH",
            "OFFSET", "TOP", "WHEN", "THEN", "ELSE", "END", "FETCH", "ESCAPE", "ANY", "SOME");

    /**
     * How deeply parentheses, subqueries, function calls and prefix operators may nest. Recursive descent uses the
     * thread's stack (about 2.5 kB per level), so without a limit a query of ten thousand '(' would end in a
     * StackOverflowError instead of a message. Fifty levels is far beyond real queries and fits a 256 kB stack.
     */
    static final int MAX_DEPTH = 50;

    private final List<Token> tokens;
    private int p;
    private int depth;
    private final Set<String> notes = new LinkedHashSet<>();
    private int notedAt = -1;
    /** Index of the last word taken as an alias without AS: a misspelt keyword there is the likelier mistake. */
    private int implicitAlias = -1;

    TokenCursor(List<Token> tokens) {
        this.tokens = tokens;
    }

    int position() {
        return p;
    }

    Token at(int index) {
        return tokens.get(Math.min(index, tokens.size() - 1));
    }

    void markImplicitAlias() {
        implicitAlias = p;
    }

    /** Enters one nesting level at the current token; pair with {@link #leave()} in a finally block. */
    void enter() throws AdqlSyntaxException {
        if (++depth > MAX_DEPTH) {
            throw error(peek(), "the query nests parentheses, subqueries, function calls or signs more than "
                    + MAX_DEPTH + " levels deep");
        }
    }

    void leave() {
        depth--;
    }

    void clearNotes() {
        notes.clear();
    }

    Token peek() {
        return tokens.get(p);
    }

    Token peek(int ahead) {
        return tokens.get(Math.min(p + ahead, tokens.size() - 1));
    }

    Token previous() {
        return tokens.get(p - 1);
    }

    Token advance() {
        Token t = tokens.get(p);
        if (!t.is(Kind.END)) {
            p++;
        }
        return t;
    }

    int indexOf(Token t) {
        for (int k = 0; k < tokens.size(); k++) {
            if (tokens.get(k) == t) {
                return k;
            }
        }
        throw new IllegalArgumentException("not a token of this query");
    }

    void note(String what) {
        if (notedAt != p) {
            notes.clear();
            notedAt = p;
        }
        notes.add(what);
    }

    boolean accept(Kind kind, String noted) {
        if (peek().is(kind)) {
            advance();
            return true;
        }
        if (noted != null) {
            note(noted);
        }
        return false;
    }

    boolean acceptKeyword(String keyword, String noted) {
        if (peek().isKeyword(keyword)) {
            advance();
            return true;
        }
        if (noted != null) {
            note(noted);
        }
        return false;
    }

    Token expect(Kind kind, String expected) throws AdqlSyntaxException {
        if (!peek().is(kind)) {
            throw unexpected(peek(), expected);
        }
        return advance();
    }

    void expectKeyword(String keyword, String expected) throws AdqlSyntaxException {
        if (!peek().isKeyword(keyword)) {
            throw unexpected(peek(), expected);
        }
        advance();
    }

    void expectClosing(Token open) throws AdqlSyntaxException {
        if (!peek().is(Kind.RIGHT_PAREN)) {
            throw unexpected(peek(), "')' to close the '(' at line " + open.line() + ", column " + open.column());
        }
        advance();
    }

    /**
     * The error for an unexpected token: {@code expected <what was looked for> but found <t>}, unless the token
     * says more about the mistake (a second statement, LIMIT, a misspelt keyword).
     */
    AdqlSyntaxException unexpected(Token t, String expected) {
        return unexpected(t, expected, true);
    }

    AdqlSyntaxException unexpected(Token t, String expected, boolean withNotes) {
        int at = indexOf(t);
        if (t.is(Kind.SEMICOLON) && !tokens.get(at + 1).is(Kind.END)) {
            Token next = tokens.get(at + 1);
            return error(t, "only a single SELECT query is accepted, but this ';' is followed by "
                    + (next.is(Kind.WORD) ? next.text().toUpperCase(Locale.ROOT) + " ..." : "more text")
                    + "; remove the ';' and what follows it");
        }
        if (t.is(Kind.WORD)) {
            String upper = t.keyword();
            if (upper.equals("LIMIT") || upper.equals("FETCH")) {
                Token n = tokens.get(at + 1);
                String rows = upper.equals("LIMIT") && n.is(Kind.INTEGER) ? n.text() : "n";
                return error(t, "ADQL has no " + upper + "; to return at most " + rows
                        + " rows write SELECT TOP " + rows + " ...");
            }
            boolean statementStart = at == 0 || tokens.get(at - 1).is(Kind.LEFT_PAREN);
            if (AdqlKeywords.STATEMENTS.contains(upper) && (statementStart || isStatementWord(t))) {
                return error(t, "only SELECT queries are accepted; found " + upper);
            }
        }
        Token next = at(at + 1);
        if (t.is(Kind.INTEGER) && next.is(Kind.WORD) && next.line() == t.line()
                && next.column() == t.endColumn() + 1) {
            // "2mass" lexes as the number 2 and the word mass; as a name it needs quotes.
            return error(t, "a name cannot start with a digit; write it in double quotes: \"" + t.text()
                    + next.text() + "\"");
        }
        if (implicitAlias >= 0 && implicitAlias == at - 1) {
            Token alias = tokens.get(implicitAlias);
            String suggestion = alias.is(Kind.WORD) ? AdqlKeywords.suggest(alias.value()) : null;
            if (suggestion != null) {
                return misspelt(alias, suggestion);
            }
        }
        if (t.is(Kind.WORD) && !AdqlKeywords.isReserved(t.value())) {
            String suggestion = AdqlKeywords.suggest(t.value());
            if (suggestion != null) {
                return misspelt(t, suggestion);
            }
        }
        List<String> wanted = new ArrayList<>();
        if (withNotes && notedAt == at) {
            wanted.addAll(notes);
        }
        if (expected != null) {
            wanted.remove(expected);
            wanted.add(expected);
        }
        if (wanted.isEmpty()) {
            return error(t, "unexpected " + t.describe());
        }
        return error(t, "expected " + alternatives(wanted) + " but found " + t.describe());
    }

    /** A reserved word that starts a non-query statement (INSERT, DROP, …): never a misplaced name. */
    static boolean isStatementWord(Token t) {
        return AdqlKeywords.STATEMENTS.contains(t.keyword()) && AdqlKeywords.SQL.contains(t.keyword());
    }

    private AdqlSyntaxException misspelt(Token word, String suggestion) {
        String message = "unknown keyword '" + word.text() + "'; did you mean " + suggestion + "?";
        if (suggestion.equals("LIMIT")) {
            message += " (ADQL has no LIMIT: write SELECT TOP n ...)";
        }
        return error(word, message);
    }

    private static String alternatives(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
    }

    /** A regular or delimited identifier, or an error saying why the token is not one. */
    Token name(String expected) throws AdqlSyntaxException {
        Token t = peek();
        if (t.is(Kind.QUOTED_NAME)) {
            return advance();
        }
        if (t.is(Kind.WORD)) {
            if (!AdqlKeywords.isReserved(t.value())) {
                return advance();
            }
            if (!STRUCTURAL.contains(t.keyword())) {
                throw reservedName(t, null);
            }
        }
        throw unexpected(t, expected);
    }

    static AdqlSyntaxException reservedName(Token t, String meaning) {
        return error(t, "'" + t.text() + "' is a reserved word in ADQL" + (meaning == null ? "" : " (" + meaning
                + ")") + "; to use it as a name, write it in double quotes: \"" + t.text() + "\"");
    }

    static SqlIdentifier identifier(Token name) {
        return new SqlIdentifier(List.of(name.value()), null, componentPos(name), List.of(componentPos(name)));
    }

    /** A name's position, marked quoted for a delimited identifier: the later name lookup matches it exactly. */
    static SqlParserPos componentPos(Token t) {
        return pos(t).withQuoting(t.is(Kind.QUOTED_NAME));
    }

    /** Whether {@code t} can start a value expression; structural keywords cannot, misused reserved words can. */
    static boolean startsValue(Token t) {
        switch (t.kind()) {
            case WORD:
                return !STRUCTURAL.contains(t.keyword());
            case QUOTED_NAME:
            case STRING:
            case INTEGER:
            case DECIMAL:
            case APPROXIMATE:
            case HEXADECIMAL:
            case LEFT_PAREN:
            case MINUS:
            case PLUS:
            case TILDE:
                return true;
            default:
                return false;
        }
    }

    static AdqlSyntaxException error(Token t, String message) {
        return new AdqlSyntaxException(t.line(), t.column(), message);
    }

    static AdqlSyntaxException error(SqlParserPos pos, String message) {
        return new AdqlSyntaxException(pos.getLineNum(), pos.getColumnNum(), message);
    }

    static SqlParserPos pos(Token t) {
        return new SqlParserPos(t.line(), t.column(), t.endLine(), t.endColumn());
    }

    static SqlParserPos pos(Token from, Token to) {
        return new SqlParserPos(from.line(), from.column(), to.endLine(), to.endColumn());
    }

    static SqlParserPos span(SqlNode from, SqlNode to) {
        return span(from.getParserPosition(), to.getParserPosition());
    }

    static SqlParserPos span(SqlParserPos from, SqlParserPos to) {
        return new SqlParserPos(from.getLineNum(), from.getColumnNum(), to.getEndLineNum(), to.getEndColumnNum());
    }
}

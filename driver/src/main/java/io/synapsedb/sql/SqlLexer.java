package io.synapsedb.sql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A small PostgreSQL lexer: enough to count JDBC parameters the way pgJDBC does, to split a string
 * into statements, to read leading keywords, and to find the exact text spans of an INSERT's rows.
 * It never throws: an unterminated literal or comment simply runs to the end of the text.
 *
 * <p>Whitespace and comments are skipped. {@code ??} (pgJDBC's escape for the {@code ?} operator)
 * is an operator, not a parameter.
 *
 * <p>Public for the driver's other packages (the views answered by the driver rewrite statement
 * text with it); not an API for applications.
 */
public final class SqlLexer {

    /** Token kinds. */
    public enum Kind { WORD, QUOTED_IDENT, STRING, NUMBER, PARAM, ESCAPED_QMARK, LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, DOT,
        SEMI, OP }

    /**
     * One token.
     *
     * @param kind what it is
     * @param start offset of the first character
     * @param end offset after the last character
     * @param depth parenthesis and bracket depth at the token (a parenthesis or bracket has the
     *     depth outside it)
     */
    public record Token(Kind kind, int start, int end, int depth) {

        public String text(String sql) {
            return sql.substring(start, end);
        }

        boolean isWord(String sql, String lowerWord) {
            return kind == Kind.WORD && end - start == lowerWord.length()
                    && sql.regionMatches(true, start, lowerWord, 0, lowerWord.length());
        }
    }

    private SqlLexer() {
    }

    /** Tokens of {@code sql}, in order. */
    public static List<Token> tokenize(String sql) {
        List<Token> out = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        int depth = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (isSpace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                i = lineEnd(sql, i);
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                i = blockCommentEnd(sql, i);
            } else if (c == '\'') {
                int end = quotedEnd(sql, i + 1, '\'', false);
                out.add(new Token(Kind.STRING, i, end, depth));
                i = end;
            } else if (c == '"') {
                int end = quotedEnd(sql, i + 1, '"', false);
                out.add(new Token(Kind.QUOTED_IDENT, i, end, depth));
                i = end;
            } else if ((c == 'e' || c == 'E') && i + 1 < n && sql.charAt(i + 1) == '\'') {
                int end = quotedEnd(sql, i + 2, '\'', true);
                out.add(new Token(Kind.STRING, i, end, depth));
                i = end;
            } else if ((c == 'b' || c == 'B' || c == 'x' || c == 'X' || c == 'n' || c == 'N')
                    && i + 1 < n && sql.charAt(i + 1) == '\'') {
                int end = quotedEnd(sql, i + 2, '\'', false);
                out.add(new Token(Kind.STRING, i, end, depth));
                i = end;
            } else if ((c == 'u' || c == 'U') && i + 2 < n && sql.charAt(i + 1) == '&'
                    && (sql.charAt(i + 2) == '\'' || sql.charAt(i + 2) == '"')) {
                char q = sql.charAt(i + 2);
                int end = quotedEnd(sql, i + 3, q, false);
                out.add(new Token(q == '\'' ? Kind.STRING : Kind.QUOTED_IDENT, i, end, depth));
                i = end;
            } else if (c == '$' && dollarTagEnd(sql, i) > 0) {
                int tagEnd = dollarTagEnd(sql, i);
                String tag = sql.substring(i, tagEnd);
                int close = sql.indexOf(tag, tagEnd);
                int end = close < 0 ? n : close + tag.length();
                out.add(new Token(Kind.STRING, i, end, depth));
                i = end;
            } else if (isIdentStart(c)) {
                int j = i + 1;
                while (j < n && isIdentPart(sql.charAt(j))) {
                    j++;
                }
                out.add(new Token(Kind.WORD, i, j, depth));
                i = j;
            } else if (isDigit(c) || (c == '.' && i + 1 < n && isDigit(sql.charAt(i + 1)))) {
                int j = i + 1;
                while (j < n && (isAsciiLetter(sql.charAt(j)) || isDigit(sql.charAt(j)) || sql.charAt(j) == '.'
                        || sql.charAt(j) == '_'
                        || ((sql.charAt(j) == '+' || sql.charAt(j) == '-')
                            && (sql.charAt(j - 1) == 'e' || sql.charAt(j - 1) == 'E')))) {
                    if (sql.charAt(j) == '.' && j + 1 < n && sql.charAt(j + 1) == '.') {
                        break; // a range such as 1..2 is not ours to read
                    }
                    j++;
                }
                out.add(new Token(Kind.NUMBER, i, j, depth));
                i = j;
            } else if (c == '?') {
                if (i + 1 < n && sql.charAt(i + 1) == '?') {
                    out.add(new Token(Kind.ESCAPED_QMARK, i, i + 2, depth));
                    i += 2;
                } else {
                    out.add(new Token(Kind.PARAM, i, i + 1, depth));
                    i++;
                }
            } else if (c == '(') {
                out.add(new Token(Kind.LPAREN, i, i + 1, depth));
                depth++;
                i++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
                out.add(new Token(Kind.RPAREN, i, i + 1, depth));
                i++;
            } else if (c == '[') {
                out.add(new Token(Kind.LBRACKET, i, i + 1, depth));
                depth++;
                i++;
            } else if (c == ']') {
                depth = Math.max(0, depth - 1);
                out.add(new Token(Kind.RBRACKET, i, i + 1, depth));
                i++;
            } else if (c == ',') {
                out.add(new Token(Kind.COMMA, i, i + 1, depth));
                i++;
            } else if (c == '.') {
                out.add(new Token(Kind.DOT, i, i + 1, depth));
                i++;
            } else if (c == ';') {
                out.add(new Token(Kind.SEMI, i, i + 1, depth));
                i++;
            } else {
                // Operators: one token per character is enough, nobody reads them.
                out.add(new Token(Kind.OP, i, i + 1, depth));
                i++;
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** Number of JDBC parameters, as pgJDBC counts them. */
    static int countParams(List<Token> tokens) {
        int count = 0;
        for (Token t : tokens) {
            if (t.kind() == Kind.PARAM) {
                count++;
            }
        }
        return count;
    }

    /**
     * The text for JSqlParser, offset for offset the same as {@code sql}. JSqlParser reads {@code ?}
     * as a parameter, so {@code ??}, {@code ??|} and {@code ??&} (pgJDBC's escapes of the jsonb key
     * operators) become {@code @>} padded with spaces; and it cannot lex backslash escapes, so an
     * {@code E'...\'...'} string becomes a bit string {@code X'000...'} of the same length, which the
     * key reader never takes for a key value. The plan only needs the shape of such operands.
     */
    static String forParser(String sql, List<Token> tokens) {
        StringBuilder sb = null;
        for (Token t : tokens) {
            if (t.kind() == Kind.ESCAPED_QMARK) {
                if (sb == null) {
                    sb = new StringBuilder(sql);
                }
                sb.setCharAt(t.start(), '@');
                sb.setCharAt(t.start() + 1, '>');
                int next = t.end();
                if (next < sql.length() && (sql.charAt(next) == '|' || sql.charAt(next) == '&')) {
                    sb.setCharAt(next, ' ');
                }
            } else if (t.kind() == Kind.STRING && (sql.charAt(t.start()) == 'e' || sql.charAt(t.start()) == 'E')
                    && sql.indexOf('\\', t.start()) >= 0 && sql.indexOf('\\', t.start()) < t.end()
                    && t.end() - t.start() >= 3 && sql.charAt(t.end() - 1) == '\'') {
                if (sb == null) {
                    sb = new StringBuilder(sql);
                }
                sb.setCharAt(t.start(), 'X');
                for (int i = t.start() + 2; i < t.end() - 1; i++) {
                    sb.setCharAt(i, '0');
                }
            }
        }
        return sb == null ? sql : sb.toString();
    }

    /**
     * Splits the tokens into statements at top-level semicolons, as PostgreSQL does; empty
     * statements are dropped. Each element holds the token range [from, to) of one statement.
     * Semicolons inside the SQL-standard body of {@code CREATE FUNCTION|PROCEDURE ... BEGIN ATOMIC
     * ... END} belong to the body (psql counts {@code BEGIN ATOMIC}, {@code CASE} and {@code END}
     * the same way).
     */
    static List<int[]> statements(String sql, List<Token> tokens) {
        List<int[]> out = new ArrayList<>();
        int from = 0;
        int atomic = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.kind() == Kind.WORD && i > from && createsRoutine(sql, tokens, from)) {
                if (t.isWord(sql, "begin") && i + 1 < tokens.size() && tokens.get(i + 1).isWord(sql, "atomic")) {
                    atomic++;
                } else if (atomic > 0 && t.isWord(sql, "case")) {
                    atomic++;
                } else if (atomic > 0 && t.isWord(sql, "end")) {
                    atomic--;
                }
            }
            if (t.kind() == Kind.SEMI && t.depth() == 0 && atomic == 0) {
                if (i > from) {
                    out.add(new int[] {from, i});
                }
                from = i + 1;
            }
        }
        if (from < tokens.size()) {
            out.add(new int[] {from, tokens.size()});
        }
        return out;
    }

    /** The statement starting at token {@code from} is {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE}. */
    private static boolean createsRoutine(String sql, List<Token> tokens, int from) {
        int i = from;
        if (!tokens.get(i).isWord(sql, "create")) {
            return false;
        }
        i++;
        if (i + 1 < tokens.size() && tokens.get(i).isWord(sql, "or") && tokens.get(i + 1).isWord(sql, "replace")) {
            i += 2;
        }
        return i < tokens.size() && (tokens.get(i).isWord(sql, "function") || tokens.get(i).isWord(sql, "procedure"));
    }

    /** Lower-cased text of a WORD token, or {@code null} for other tokens. */
    static String word(String sql, Token t) {
        return t.kind() == Kind.WORD ? t.text(sql).toLowerCase(Locale.ROOT) : null;
    }

    /** A {@code --} comment ends at the first newline, which for PostgreSQL is {@code \n} or {@code \r}. */
    private static int lineEnd(String sql, int i) {
        int n = sql.length();
        for (int j = i; j < n; j++) {
            char c = sql.charAt(j);
            if (c == '\n' || c == '\r') {
                return j + 1;
            }
        }
        return n;
    }

    private static int blockCommentEnd(String sql, int i) {
        // PostgreSQL block comments nest.
        int n = sql.length();
        int level = 0;
        int j = i;
        while (j < n) {
            if (j + 1 < n && sql.charAt(j) == '/' && sql.charAt(j + 1) == '*') {
                level++;
                j += 2;
            } else if (j + 1 < n && sql.charAt(j) == '*' && sql.charAt(j + 1) == '/') {
                level--;
                j += 2;
                if (level == 0) {
                    return j;
                }
            } else {
                j++;
            }
        }
        return n;
    }

    /** End (exclusive) of a literal quoted by {@code q} whose body starts at {@code i}. */
    private static int quotedEnd(String sql, int i, char q, boolean backslashEscapes) {
        int n = sql.length();
        int j = i;
        while (j < n) {
            char c = sql.charAt(j);
            if (backslashEscapes && c == '\\') {
                j += 2;
            } else if (c == q) {
                if (j + 1 < n && sql.charAt(j + 1) == q) {
                    j += 2; // doubled quote
                } else {
                    return j + 1;
                }
            } else {
                j++;
            }
        }
        return n;
    }

    /**
     * If a dollar-quote tag ({@code $$} or {@code $tag$}) starts at {@code i}, its end; else -1. A
     * {@code $} right after an identifier never gets here: identifiers absorb it ({@code a$b$}).
     * The tag's characters are PostgreSQL's: ASCII letters, {@code _} and any non-ASCII character,
     * then digits too.
     */
    private static int dollarTagEnd(String sql, int i) {
        int n = sql.length();
        int j = i + 1;
        if (j < n && sql.charAt(j) == '$') {
            return j + 1;
        }
        if (j >= n || !isIdentStart(sql.charAt(j))) {
            return -1; // $1 is a positional parameter, not a quote
        }
        while (j < n && isDollarTagPart(sql.charAt(j))) {
            j++;
        }
        return j < n && sql.charAt(j) == '$' ? j + 1 : -1;
    }

    // Character classes exactly as PostgreSQL's scanner (scan.l) has them, not Java's: Java calls
    // U+2003 white space and U+0660 a digit, PostgreSQL reads both as identifier characters.

    /** PostgreSQL's white space: space, tab, newline, carriage return, form feed, vertical tab. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isIdentStart(char c) {
        return isAsciiLetter(c) || c == '_' || c > 127;
    }

    private static boolean isDollarTagPart(char c) {
        return isIdentStart(c) || isDigit(c);
    }

    private static boolean isIdentPart(char c) {
        return isDollarTagPart(c) || c == '$';
    }
}

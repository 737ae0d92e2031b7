package io.synapsedb.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * An application's query of {@link DriverView}s, rewritten for one group: every reference to a
 * view replaced by the view's {@link DriverView#relation() unnest subquery}, and the physical
 * parameters laid out in text order, the application's own {@code ?} values between the views'
 * arrays. Immutable; the rows are bound at {@link #prepare}.
 *
 * <p>The text is scanned the way PostgreSQL and pgJDBC read it: string literals (also
 * {@code E'...'} and dollar-quoted), quoted identifiers and comments are skipped, and {@code ??}
 * (pgJDBC's escape of the {@code ?} operator) is not a parameter. A view's name may be written
 * {@code synapse.cluster_nodes}, {@code "synapse"."cluster_nodes"} or with spaces around the dot;
 * when no alias follows, the subquery is named after the view, so {@code cluster_nodes.state} and
 * {@code synapse.cluster_nodes.state} keep working.
 */
final class ViewQuery {

    /** Binds logical parameter {@code logical} of the application to physical index {@code physical}. */
    @FunctionalInterface
    interface ParamBinder {
        void bind(PreparedStatement ps, int physical, int logical) throws SQLException;
    }

    /** What may follow a table in FROM when it has no alias: then the subquery gets the view's name. */
    private static final Pattern NO_ALIAS_FOLLOWS = Pattern.compile("\\s*(?:$|[;),]|(?:WHERE|ORDER|GROUP|LIMIT|OFFSET"
            + "|JOIN|INNER|LEFT|RIGHT|FULL|CROSS|NATURAL|UNION|EXCEPT|INTERSECT|FETCH|WINDOW|HAVING|FOR|ON|USING)\\b)",
            Pattern.CASE_INSENSITIVE);

    private final String sql;
    /**
     * The physical parameters in order: an {@link Integer} is a logical parameter (1-based), a
     * {@link DriverView} stands for that view's arrays (one parameter per column).
     */
    private final List<Object> layout;
    private final List<DriverView> views;
    private final int userParams;

    private ViewQuery(String sql, List<Object> layout, List<DriverView> views, int userParams) {
        this.sql = sql;
        this.layout = List.copyOf(layout);
        this.views = List.copyOf(views);
        this.userParams = userParams;
    }

    /**
     * Rewrites {@code sql}.
     *
     * @param views the driver's views by qualified name ({@code synapse.cluster_nodes}); null for others
     * @param placeholders whether {@code ?} are the application's parameters (a PreparedStatement);
     *     for a plain Statement they are operators and are escaped as {@code ??} in the physical text
     */
    static ViewQuery rewrite(String sql, Function<String, DriverView> views, boolean placeholders) {
        StringBuilder out = new StringBuilder(sql.length() + 160);
        List<Object> layout = new ArrayList<>();
        List<DriverView> referenced = new ArrayList<>();
        int n = sql.length();
        int copied = 0;
        int logical = 0;
        int i = 0;
        boolean afterDot = false;
        while (i < n) {
            char ch = sql.charAt(i);
            int skipped = skipSpace(sql, i);
            if (skipped > i) {
                i = skipped;
                continue;
            }
            int literalEnd = literalEnd(sql, i);
            if (literalEnd > i) {
                i = literalEnd;
                afterDot = false;
                continue;
            }
            if (ch == '?') {
                if (i + 1 < n && sql.charAt(i + 1) == '?') {
                    i += 2;
                } else {
                    logical++;
                    if (placeholders) {
                        layout.add(logical);
                    } else {
                        out.append(sql, copied, i).append("??");
                        copied = i + 1;
                    }
                    i++;
                }
                afterDot = false;
                continue;
            }
            if (isIdentStart(ch) || ch == '"') {
                Ident first = ident(sql, i);
                Ident second = afterDot ? null : viewName(sql, first);
                if (second != null) {
                    DriverView v = views.apply(DriverView.SCHEMA + "." + second.name());
                    if (v != null) {
                        int viewEnd = second.end();
                        out.append(sql, copied, i);
                        int next = skipSpace(sql, viewEnd);
                        if (next < n && sql.charAt(next) == '.') {
                            // synapse.view.column: the column of the subquery named after the view
                            out.append(v.relname());
                        } else {
                            out.append(v.relation());
                            if (NO_ALIAS_FOLLOWS.matcher(sql).region(viewEnd, n).lookingAt()) {
                                out.append(" AS ").append(v.relname());
                            }
                            layout.add(v);
                            if (!referenced.contains(v)) {
                                referenced.add(v);
                            }
                        }
                        copied = viewEnd;
                        i = viewEnd;
                        afterDot = false;
                        continue;
                    }
                }
                i = first.end();
                afterDot = false;
                continue;
            }
            afterDot = ch == '.';
            i++;
        }
        out.append(sql, copied, n);
        return new ViewQuery(out.toString(), layout, referenced, logical);
    }

    /** The physical SQL text. */
    String sql() {
        return sql;
    }

    /** The views the query reads, each once, in order of first appearance. */
    List<DriverView> views() {
        return views;
    }

    /** The number of the application's parameters found in the text (pgJDBC's count). */
    int userParams() {
        return userParams;
    }

    /** How many physical parameters the text has. */
    int physicalParams() {
        int count = 0;
        for (Object o : layout) {
            count += o instanceof DriverView v ? v.columns().size() : 1;
        }
        return count;
    }

    /**
     * For tests and messages: the physical parameters, {@code "?n"} for logical parameter n and the
     * view's name for each of its arrays.
     */
    List<String> layoutNames() {
        List<String> out = new ArrayList<>();
        for (Object o : layout) {
            if (o instanceof DriverView v) {
                for (DriverView.Column c : v.columns()) {
                    out.add(v.relname() + "." + c.name());
                }
            } else {
                out.add("?" + o);
            }
        }
        return out;
    }

    /**
     * Prepares the physical statement on {@code c} and binds every parameter: the rows of each view
     * and the application's values.
     *
     * @param rows the rows of every view in {@link #views()}
     * @param params binds the application's values; may be null when the query has none
     */
    PreparedStatement prepare(Connection c, Map<DriverView, List<String[]>> rows, ParamBinder params)
            throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        try {
            int physical = 1;
            for (Object o : layout) {
                if (o instanceof DriverView v) {
                    List<String[]> r = rows.get(v);
                    if (r == null) {
                        throw new IllegalStateException("no rows collected for " + v.name());
                    }
                    v.bind(c, ps, physical, r);
                    physical += v.columns().size();
                } else {
                    int logical = (Integer) o;
                    if (params == null) {
                        throw new SQLException("no value specified for parameter " + logical, "22023");
                    }
                    params.bind(ps, physical, logical);
                    physical++;
                }
            }
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
        return ps;
    }

    // ---------------------------------------------------------------------------------------------
    // Scanning

    private static boolean isIdentStart(char c) {
        return c == '_' || Character.isLetter(c);
    }

    private static boolean isIdentPart(char c) {
        return c == '_' || c == '$' || Character.isLetterOrDigit(c);
    }

    /** An identifier: its name (unquoted: lower-cased; quoted: as written) and where it ends. */
    private record Ident(String name, int end) {
    }

    /** Reads the identifier at {@code i}. */
    private static Ident ident(String sql, int i) {
        int n = sql.length();
        if (sql.charAt(i) == '"') {
            StringBuilder b = new StringBuilder();
            int j = i + 1;
            while (j < n) {
                char c = sql.charAt(j);
                if (c == '"') {
                    if (j + 1 < n && sql.charAt(j + 1) == '"') {
                        b.append('"');
                        j += 2;
                        continue;
                    }
                    return new Ident(b.toString(), j + 1);
                }
                b.append(c);
                j++;
            }
            return new Ident(b.toString(), n);
        }
        int j = i + 1;
        while (j < n && isIdentPart(sql.charAt(j))) {
            j++;
        }
        return new Ident(sql.substring(i, j).toLowerCase(Locale.ROOT), j);
    }

    /**
     * When {@code first} is {@code synapse} and a dot and a second identifier follow, that second
     * identifier; otherwise null.
     */
    private static Ident viewName(String sql, Ident first) {
        if (!DriverView.SCHEMA.equals(first.name())) {
            return null;
        }
        int n = sql.length();
        int j = skipSpace(sql, first.end());
        if (j >= n || sql.charAt(j) != '.') {
            return null;
        }
        j = skipSpace(sql, j + 1);
        if (j >= n || !(isIdentStart(sql.charAt(j)) || sql.charAt(j) == '"')) {
            return null;
        }
        return ident(sql, j);
    }

    /** Skips whitespace and comments from {@code i}; returns where the next token starts. */
    private static int skipSpace(String sql, int i) {
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? n : nl + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                // Block comments nest in PostgreSQL.
                int depth = 1;
                i += 2;
                while (i < n && depth > 0) {
                    if (sql.startsWith("/*", i)) {
                        depth++;
                        i += 2;
                    } else if (sql.startsWith("*/", i)) {
                        depth--;
                        i += 2;
                    } else {
                        i++;
                    }
                }
            } else {
                return i;
            }
        }
        return n;
    }

    /**
     * The end of a string literal starting at {@code i} ({@code '...'}, {@code E'...'}, the
     * {@code B/X/N} prefixes, {@code $tag$...$tag$}) or a positional {@code $n}; {@code i} when none
     * starts there. An unterminated literal runs to the end.
     */
    private static int literalEnd(String sql, int i) {
        int n = sql.length();
        char c = sql.charAt(i);
        if (c == '\'') {
            return quoteEnd(sql, i + 1, false);
        }
        if (i + 1 < n && sql.charAt(i + 1) == '\'' && "eEbBxXnN".indexOf(c) >= 0
                && (i == 0 || !isIdentPart(sql.charAt(i - 1)))) {
            return quoteEnd(sql, i + 2, c == 'e' || c == 'E');
        }
        if (c == '$') {
            int j = i + 1;
            if (j < n && Character.isDigit(sql.charAt(j))) {
                while (j < n && Character.isDigit(sql.charAt(j))) {
                    j++;
                }
                return j;
            }
            if (j < n && isIdentStart(sql.charAt(j))) {
                j++;
                while (j < n && (sql.charAt(j) == '_' || Character.isLetterOrDigit(sql.charAt(j)))) {
                    j++;
                }
            }
            if (j < n && sql.charAt(j) == '$') {
                String tag = sql.substring(i, j + 1);
                int close = sql.indexOf(tag, j + 1);
                return close < 0 ? n : close + tag.length();
            }
        }
        return i;
    }

    private static int quoteEnd(String sql, int i, boolean backslashEscapes) {
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == '\'') {
                if (i + 1 < n && sql.charAt(i + 1) == '\'') {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return n;
    }
}

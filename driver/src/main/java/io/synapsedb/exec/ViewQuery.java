package io.synapsedb.exec;

import io.synapsedb.core.Sql;
import io.synapsedb.core.SqlStates;
import io.synapsedb.sql.SqlLexer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * An application's query of {@link DriverView}s, rewritten for one group: every reference to a
 * view replaced by the view's {@link DriverView#relation() unnest subquery}, and the physical
 * parameters laid out in text order, the application's own {@code ?} values between the views'
 * arrays. Immutable; the rows are bound at {@link #prepare}.
 *
 * <p>The text is read with the driver's {@link SqlLexer}, the way PostgreSQL and pgJDBC read it: string literals (also
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
        List<SqlLexer.Token> tokens = SqlLexer.tokenize(sql);
        StringBuilder out = new StringBuilder(sql.length() + 160);
        List<Object> layout = new ArrayList<>();
        List<DriverView> referenced = new ArrayList<>();
        int copied = 0;
        int logical = 0;
        for (int k = 0; k < tokens.size(); k++) {
            SqlLexer.Token t = tokens.get(k);
            if (t.kind() == SqlLexer.Kind.PARAM) {
                logical++;
                if (placeholders) {
                    layout.add(logical);
                } else {
                    out.append(sql, copied, t.start()).append("??");
                    copied = t.end();
                }
                continue;
            }
            DriverView v = viewAt(sql, tokens, k, views);
            if (v == null) {
                continue;
            }
            int viewEnd = tokens.get(k + 2).end();
            out.append(sql, copied, t.start());
            if (k + 3 < tokens.size() && tokens.get(k + 3).kind() == SqlLexer.Kind.DOT) {
                // synapse.view.column: the column of the subquery named after the view
                out.append(v.relname());
            } else {
                out.append(v.relation());
                if (NO_ALIAS_FOLLOWS.matcher(sql).region(viewEnd, sql.length()).lookingAt()) {
                    out.append(" AS ").append(v.relname());
                }
                layout.add(v);
                if (!referenced.contains(v)) {
                    referenced.add(v);
                }
            }
            copied = viewEnd;
            k += 2;
        }
        out.append(sql, copied, sql.length());
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
                        throw new SQLException("no value specified for parameter " + logical, SqlStates.INVALID_PARAMETER_VALUE);
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

    /**
     * The view named by tokens {@code k .. k+2} ({@code synapse . name}, not itself after a dot),
     * or null.
     */
    private static DriverView viewAt(String sql, List<SqlLexer.Token> tokens, int k,
            Function<String, DriverView> views) {
        if (k + 2 >= tokens.size() || (k > 0 && tokens.get(k - 1).kind() == SqlLexer.Kind.DOT)
                || tokens.get(k + 1).kind() != SqlLexer.Kind.DOT || !DriverView.SCHEMA.equals(name(sql, tokens.get(k)))) {
            return null;
        }
        String relname = name(sql, tokens.get(k + 2));
        return relname == null ? null : views.apply(DriverView.SCHEMA + "." + relname);
    }

    /** An identifier as PostgreSQL reads it (unquoted: lower-cased; quoted: as written), or null. */
    private static String name(String sql, SqlLexer.Token t) {
        boolean plainQuoted = t.kind() == SqlLexer.Kind.QUOTED_IDENT && sql.charAt(t.start()) == '"';
        return t.kind() == SqlLexer.Kind.WORD || plainQuoted ? Sql.identifier(t.text(sql)) : null;
    }
}

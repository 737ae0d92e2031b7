package io.synapsedb.exec;

import io.synapsedb.exec.ClusterRuntime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A read-only relation in the {@code synapse} schema that the driver answers itself, such as
 * {@code synapse.cluster_nodes}: a name, typed columns, and where its rows come from.
 *
 * <p>The rows are collected in Java at execution time and handed to one group as one array per
 * column, unnested in place of the view's name (see {@link ViewQuery}), so that PostgreSQL
 * evaluates the application's whole query over them: projection, WHERE, ORDER BY, aggregates,
 * and the result set metadata carries the columns' real types. The arrays are bound as
 * {@code text[]} holding each value's PostgreSQL input form and cast to the column's type there;
 * one representation for every type keeps the binding in one place.
 */
final class DriverView {

    /** Collects the view's current rows; each row has one PostgreSQL text value (or null) per column. */
    @FunctionalInterface
    interface RowSource {
        List<String[]> rows(ClusterRuntime runtime) throws SQLException;
    }

    /**
     * One column.
     *
     * @param name lower-case identifier
     * @param type the PostgreSQL type its text values are cast to, e.g. {@code bigint}
     */
    record Column(String name, String type) {

        private static final Pattern IDENT = Pattern.compile("[a-z_][a-z0-9_]*");

        Column {
            if (!IDENT.matcher(name).matches() || !IDENT.matcher(type).matches()) {
                // The names are pasted into SQL text: only plain identifiers, never input.
                throw new IllegalArgumentException("bad view column " + name + " " + type);
            }
        }
    }

    static final String SCHEMA = "synapse";

    private final String relname;
    private final List<Column> columns;
    private final RowSource source;
    private final String relation;

    /**
     * @param relname the view's name inside the {@code synapse} schema, lower case
     */
    DriverView(String relname, List<Column> columns, RowSource source) {
        this.relname = relname.toLowerCase(Locale.ROOT);
        this.columns = List.copyOf(columns);
        this.source = Objects.requireNonNull(source, "source");
        if (this.columns.isEmpty()) {
            throw new IllegalArgumentException("view " + relname + " has no columns");
        }
        StringBuilder unnest = new StringBuilder("(SELECT * FROM unnest(");
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < this.columns.size(); i++) {
            Column c = this.columns.get(i);
            unnest.append(i == 0 ? "" : ", ").append("?::").append(c.type()).append("[]");
            names.append(i == 0 ? "" : ", ").append(c.name());
        }
        this.relation = unnest.append(") AS t(").append(names).append("))").toString();
    }

    /** The qualified name, {@code synapse.<relname>}, as the analyser normalises table names. */
    String name() {
        return SCHEMA + "." + relname;
    }

    /** The name inside the schema: the alias the view's subquery gets when the query gives none. */
    String relname() {
        return relname;
    }

    List<Column> columns() {
        return columns;
    }

    /** The current rows. */
    List<String[]> rows(ClusterRuntime runtime) throws SQLException {
        return source.rows(runtime);
    }

    /**
     * The parenthesised subquery that stands for the view in a query: it takes {@link #columns()}
     * parameters, one array per column, in column order.
     */
    String relation() {
        return relation;
    }

    /** Binds {@code rows} to the parameters of one {@link #relation()} starting at index {@code first}. */
    void bind(Connection c, PreparedStatement ps, int first, List<String[]> rows) throws SQLException {
        for (int col = 0; col < columns.size(); col++) {
            String[] values = new String[rows.size()];
            for (int r = 0; r < rows.size(); r++) {
                String[] row = rows.get(r);
                if (row.length != columns.size()) {
                    throw new IllegalStateException("row of " + name() + " has " + row.length + " values for "
                            + columns.size() + " columns");
                }
                values[r] = row[col];
            }
            ps.setArray(first + col, c.createArrayOf("text", values));
        }
    }

    @Override
    public String toString() {
        return name();
    }
}

package io.synapsedb.jdbc;

import io.synapsedb.sql.StatementKind;
import io.synapsedb.sql.StatementPlan;
import io.synapsedb.txn.InDoubtTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The driver's own view {@code synapse.distributed_transactions(gid, groups, state, age)}: the
 * two-phase transactions some group holds prepared. The rows are collected from every group in
 * Java and handed to the home group as arrays, so that PostgreSQL itself evaluates the
 * application's query over them (projection, WHERE, ORDER BY, aggregates) and returns an ordinary
 * result set.
 */
final class DistributedTransactionsView {

    static final String NAME = "synapse.distributed_transactions";

    private static final Pattern REFERENCE = Pattern.compile("\\bsynapse\\s*\\.\\s*distributed_transactions\\b",
            Pattern.CASE_INSENSITIVE);
    private static final String ROWS = "(SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::interval[])"
            + " AS t(gid, groups, state, age))";
    /** What may follow a table in FROM when it has no alias: then the subquery gets the view's name. */
    private static final Pattern NO_ALIAS_FOLLOWS = Pattern.compile("\\s*(?:$|[;),]|(?:WHERE|ORDER|GROUP|LIMIT|OFFSET"
            + "|JOIN|INNER|LEFT|RIGHT|FULL|CROSS|NATURAL|UNION|EXCEPT|INTERSECT|FETCH|WINDOW|HAVING|FOR|ON|USING)\\b)",
            Pattern.CASE_INSENSITIVE);

    private DistributedTransactionsView() {
    }

    static boolean isQueryOf(StatementPlan plan) {
        return plan.kind() == StatementKind.SELECT && plan.tables().contains(NAME);
    }

    /** The application's query with the view replaced by the rows of {@code rows}, parameters bound. */
    static PreparedStatement prepare(Connection c, String sql, List<InDoubtTransaction> rows) throws SQLException {
        StringBuilder text = new StringBuilder();
        Matcher m = REFERENCE.matcher(sql);
        int occurrences = 0;
        int last = 0;
        while (m.find()) {
            text.append(sql, last, m.start()).append(ROWS);
            if (NO_ALIAS_FOLLOWS.matcher(sql).region(m.end(), sql.length()).lookingAt()) {
                text.append(" AS distributed_transactions");
            }
            last = m.end();
            occurrences++;
        }
        text.append(sql, last, sql.length());
        String[] gids = new String[rows.size()];
        String[] groups = new String[rows.size()];
        String[] states = new String[rows.size()];
        String[] ages = new String[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            InDoubtTransaction t = rows.get(i);
            gids[i] = t.gid();
            groups[i] = String.join(",", t.groups());
            states[i] = t.state();
            ages[i] = String.format(Locale.ROOT, "%d milliseconds", t.ageMs());
        }
        PreparedStatement ps = c.prepareStatement(text.toString());
        try {
            for (int o = 0; o < occurrences; o++) {
                int p = 4 * o;
                ps.setArray(p + 1, c.createArrayOf("text", gids));
                ps.setArray(p + 2, c.createArrayOf("text", groups));
                ps.setArray(p + 3, c.createArrayOf("text", states));
                ps.setArray(p + 4, c.createArrayOf("text", ages));
            }
        } catch (SQLException e) {
            ps.close();
            throw e;
        }
        return ps;
    }
}

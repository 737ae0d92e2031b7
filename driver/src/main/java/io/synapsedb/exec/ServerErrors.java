package io.synapsedb.exec;

import io.synapsedb.catalog.Catalog;
import io.synapsedb.catalog.CatalogManager;
import io.synapsedb.catalog.TableInfo;
import io.synapsedb.core.Sql;
import io.synapsedb.core.SqlStates;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Rewrites an error a node reported so that it speaks of what the application sees: its message
 * and its {@link ServerErrorMessage} fields (table, constraint, detail, ...) name the logical table
 * ({@code accounts}, {@code accounts_pkey}) instead of the slot's partition ({@code accounts_s84},
 * {@code accounts_s84_pkey}), which is the driver's layout, not the application's.
 *
 * <p>Bind values stay out of messages: with pgJDBC's {@code logServerErrorDetail=false} (the
 * driver's default for its physical connections) PostgreSQL's detail, which echoes key values and
 * whole rows, is not in the message; and the quoted input of a data exception (class {@code 22},
 * {@code invalid input syntax for type integer: "..."}) is blanked in the message and the fields.
 * The application still reads the detail through {@code getServerErrorMessage()}.
 */
final class ServerErrors {

    /** A double-quoted segment of a message: PostgreSQL's way of quoting an input value. */
    private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"");

    private ServerErrors() {
    }

    /**
     * {@code e} as the application should see it; {@code e} itself when nothing needs rewriting.
     *
     * @param detail the connection's {@code logServerErrorDetail}
     */
    static SQLException logical(SQLException e, Catalog catalog, boolean detail) {
        if (e instanceof BatchUpdateException b) {
            return batch(b, catalog, detail);
        }
        if (!(e instanceof PSQLException p) || p.getServerErrorMessage() == null) {
            return e;
        }
        ServerErrorMessage m = p.getServerErrorMessage();
        if (SqlStates.UNDEFINED_TABLE.equals(m.getSQLState())) {
            // "relation orders_s17 does not exist" answers the driver's own direct text of a slot
            // that moved: the retry on the parent reads it, and "orders does not exist" would be false.
            return e;
        }
        Names names = new Names(catalog, m.getSchema());
        boolean blank = !detail && m.getSQLState() != null && m.getSQLState().startsWith(SqlStates.DATA_EXCEPTION_CLASS);
        StringBuilder raw = new StringBuilder();
        field(raw, 'S', m.getSeverity(), null, false);
        field(raw, 'C', m.getSQLState(), null, false);
        field(raw, 'M', m.getMessage(), names, blank);
        field(raw, 'D', m.getDetail(), names, blank);
        field(raw, 'H', m.getHint(), names, false);
        field(raw, 'P', m.getPosition() > 0 ? Integer.toString(m.getPosition()) : null, null, false);
        field(raw, 'p', m.getInternalPosition() > 0 ? Integer.toString(m.getInternalPosition()) : null, null, false);
        field(raw, 'q', m.getInternalQuery(), names, false);
        field(raw, 'W', m.getWhere(), names, blank);
        field(raw, 's', m.getSchema(), null, false);
        field(raw, 't', m.getTable(), names, false);
        field(raw, 'c', m.getColumn(), null, false);
        field(raw, 'd', m.getDatatype(), null, false);
        field(raw, 'n', m.getConstraint(), names, false);
        field(raw, 'F', m.getFile(), null, false);
        field(raw, 'L', m.getLine() > 0 ? Integer.toString(m.getLine()) : null, null, false);
        field(raw, 'R', m.getRoutine(), null, false);
        if (!names.changed && !blank) {
            return e;
        }
        PSQLException rewritten = new PSQLException(new ServerErrorMessage(raw.toString()), detail);
        rewritten.setStackTrace(e.getStackTrace());
        return rewritten;
    }

    /** A failed pgJDBC batch: its message and each chained error rewritten alike. */
    private static SQLException batch(BatchUpdateException b, Catalog catalog, boolean detail) {
        Names names = new Names(catalog, null);
        String message = names.rewrite(b.getMessage());
        List<SQLException> next = new ArrayList<>();
        boolean changed = names.changed;
        for (SQLException n = b.getNextException(); n != null; n = n.getNextException()) {
            SQLException r = logical(n, catalog, detail);
            changed |= r != n;
            next.add(r);
            if (!detail && n.getSQLState() != null && n.getSQLState().startsWith(SqlStates.DATA_EXCEPTION_CLASS) && message != null) {
                message = QUOTED.matcher(message).replaceAll("\"...\""); // the batch repeats the entry's message
                changed = true;
            }
        }
        if (!changed) {
            return b;
        }
        BatchUpdateException rewritten = new BatchUpdateException(message, b.getSQLState(), b.getErrorCode(),
                b.getLargeUpdateCounts(), null);
        rewritten.setStackTrace(b.getStackTrace());
        for (SQLException n : next) {
            rewritten.setNextException(n);
        }
        return rewritten;
    }

    private static void field(StringBuilder raw, char type, String value, Names names, boolean blank) {
        if (value == null) {
            return;
        }
        String v = names == null ? value : names.rewrite(value);
        if (blank) {
            v = QUOTED.matcher(v).replaceAll("\"...\"");
        }
        raw.append(type).append(v.replace('\0', ' ')).append('\0');
    }

    /** Replaces partition names of the catalog's distributed tables by their tables' names. */
    private static final class Names {

        private final List<TableInfo> distributed = new ArrayList<>();
        boolean changed;

        Names(Catalog catalog, String schema) {
            String s = schema == null || schema.equals("public") ? null : schema;
            for (TableInfo t : catalog.tables().values()) {
                int dot = t.name().indexOf('.');
                String tableSchema = dot < 0 ? null : t.name().substring(0, dot);
                if (t.isDistributed() && (s == null || s.equals(tableSchema) || tableSchema == null)) {
                    distributed.add(t);
                }
            }
        }

        String rewrite(String text) {
            if (text == null || distributed.isEmpty() || text.indexOf("_s") < 0) {
                return text;
            }
            String out = text;
            for (TableInfo t : distributed) {
                String relname = Sql.relname(t.name());
                Matcher m = Pattern.compile("(?<![\\p{L}\\p{N}_$])" + Pattern.quote(relname) + "_s([0-9]{1,9})(?![0-9])")
                        .matcher(out);
                StringBuilder sb = new StringBuilder();
                boolean found = false;
                while (m.find()) {
                    int slot = Integer.parseInt(m.group(1));
                    boolean partition = slot < t.slots()
                            && m.group().equals(CatalogManager.partitionName(relname, slot));
                    m.appendReplacement(sb, Matcher.quoteReplacement(partition ? relname : m.group()));
                    found |= partition;
                }
                m.appendTail(sb);
                if (found) {
                    out = sb.toString();
                    changed = true;
                }
            }
            return out;
        }
    }
}

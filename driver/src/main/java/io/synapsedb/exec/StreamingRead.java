package io.synapsedb.exec;

import io.synapsedb.core.Failures;
import io.synapsedb.exec.merge.StreamedRows;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The short read transactions a multi-group read opens in autocommit mode so that pgJDBC streams
 * its rows (pgJDBC fetches by cursor only inside a transaction): one per group, committed when the
 * merged result closes, or earlier when the logical connection needs one of those physical
 * connections for anything else.
 */
final class StreamingRead implements StreamedRows.Finisher {

    private final Session owner;
    private final int[] groups;
    private final Connection[] connections;
    private StreamedRows result;
    private boolean ended;

    StreamingRead(Session owner, int[] groups, Connection[] connections) {
        this.owner = owner;
        this.groups = groups;
        this.connections = connections;
    }

    void attach(StreamedRows result) {
        this.result = result;
    }

    boolean uses(int group) {
        for (int g : groups) {
            if (g == group) {
                return true;
            }
        }
        return false;
    }

    /** Another use of the connection comes first: the result can no longer be read. */
    void endEarly() throws SQLException {
        if (result != null) {
            result.invalidate("another statement used the connection while it was being read (in autocommit mode"
                    + " a streamed multi-group result lives in short read transactions; read it to the end first,"
                    + " or use a transaction)");
        }
        finish();
    }

    /** Commits the read transactions and restores autocommit; idempotent. */
    @Override
    public void finish() throws SQLException {
        if (ended) {
            return;
        }
        ended = true;
        owner.closedStreamingRead(this);
        SQLException error = null;
        for (Connection c : connections) {
            if (c == null) {
                continue;
            }
            try {
                if (!c.isClosed() && !c.getAutoCommit()) {
                    c.commit();
                    c.setAutoCommit(true);
                }
            } catch (SQLException e) {
                error = Failures.chain(error, e);
            }
        }
        if (error != null) {
            throw error;
        }
    }
}

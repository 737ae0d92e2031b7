package io.synapsedb.benchmarks.layout;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * The source side of moving one slot off a group, on one storage, timed: the copy of the slot's
 * rows (what a move streams to the new owner), then giving the slot up in one transaction (after
 * which the group holds none of its rows and refuses new ones), then the optional validation of a
 * fence added {@code NOT VALID}. It checks that the other slots' rows are all still there.
 *
 * @param storage the storage
 * @param slot the slot moved
 * @param rows rows the copy read
 * @param copyMs the copy's time
 * @param releaseMs the release transaction's time
 * @param validateMs the validation's time (0 when the storage needs none)
 * @param release the release statements, for the report
 */
record MoveFacts(Storage storage, int slot, long rows, double copyMs, double releaseMs, double validateMs,
        List<String> release) {

    /**
     * Moves {@code slot} off {@code owned} on {@code storage}'s table.
     */
    static MoveFacts move(Connection c, Storage storage, OwnedSlots owned, int slot, GroupRows rows)
            throws SQLException, IOException {
        String t = storage.table();
        long t0 = System.nanoTime();
        long copied = c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (" + storage.slotRows(t, slot, owned)
                + ") TO STDOUT", OutputStream.nullOutputStream());
        double copyMs = millisSince(t0);
        long inSlot = java.util.Arrays.stream(rows.keys())
                .filter(k -> io.synapsedb.placement.SlotHasher.slotOfLong(k, owned.slots()) == slot).count();
        if (copied != inSlot) {
            throw new IllegalStateException(storage + ": the copy of slot " + slot + " read " + copied + " rows, the slot"
                    + " holds " + inSlot);
        }
        OwnedSlots remaining = owned.without(slot);
        List<String> release = storage.release(t, slot, remaining);
        t0 = System.nanoTime();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            for (String sql : release) {
                st.execute(sql);
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
        double releaseMs = millisSince(t0);
        t0 = System.nanoTime();
        try (Statement st = c.createStatement()) {
            for (String sql : storage.validate(t, remaining)) {
                st.execute(sql);
            }
        }
        double validateMs = storage.validate(t, remaining).isEmpty() ? 0 : millisSince(t0);
        long left = count(c, "SELECT count(*) FROM " + t);
        if (left != rows.size() - copied) {
            throw new IllegalStateException(storage + ": " + left + " rows left after moving " + copied + " of "
                    + rows.size());
        }
        return new MoveFacts(storage, slot, copied, copyMs, releaseMs, validateMs, release);
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double millisSince(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }
}

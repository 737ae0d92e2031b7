package io.synapsedb.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the data directory of a streaming replica without pg_basebackup (zonky's archive has none):
 * a base backup through SQL plus a file copy.
 *
 * <p>On one session to the primary: create a physical replication slot that reserves WAL at once (so
 * the WAL from the backup's start onwards stays until the replica streams it),
 * {@code pg_backup_start}, copy the data directory, {@code pg_backup_stop}, whose label file becomes
 * the copy's backup_label. The copy gets standby.signal, and primary_conninfo plus primary_slot_name
 * in postgresql.auto.conf; its pg_wal starts empty, so at start-up it fetches every WAL record from
 * the backup's checkpoint onwards by streaming.
 */
final class ReplicaSetup {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaSetup.class);

    private ReplicaSetup() {
    }

    /**
     * Copies {@code primary} into {@code targetDataDir} (which must not exist) as a standby that
     * streams from it through slot {@code slotName}.
     */
    static void prepare(LocalNode primary, Path targetDataDir, String slotName, ServerAccess access)
            throws IOException {
        try (Connection session = primary.connect()) {
            int major = session.getMetaData().getDatabaseMajorVersion();
            update(session, "select pg_create_physical_replication_slot(?, true)", slotName);
            boolean done = false;
            try {
                String label = "synapsedb-local " + slotName;
                update(session, major >= 15 ? "select pg_backup_start(?, true)" : "select pg_start_backup(?, true, false)",
                        label);
                String labelFile;
                String tablespaceMap;
                try {
                    DataDirs.copyForBackup(primary.dataDir(), targetDataDir);
                } finally {
                    // Stop the backup even when the copy failed, so the primary is not left in backup mode.
                    try (PreparedStatement stop = session.prepareStatement(major >= 15
                            ? "select labelfile, spcmapfile from pg_backup_stop(false)"
                            : "select labelfile, spcmapfile from pg_stop_backup(false, false)");
                         ResultSet rs = stop.executeQuery()) {
                        rs.next();
                        labelFile = rs.getString(1);
                        tablespaceMap = rs.getString(2);
                    }
                }
                Files.writeString(targetDataDir.resolve("backup_label"), labelFile, StandardCharsets.UTF_8);
                if (tablespaceMap != null && !tablespaceMap.isEmpty()) {
                    Files.writeString(targetDataDir.resolve("tablespace_map"), tablespaceMap, StandardCharsets.UTF_8);
                }
                Files.writeString(targetDataDir.resolve("standby.signal"), "", StandardCharsets.UTF_8);
                String conninfo = "host=" + Postmaster.HOST + " port=" + primary.port() + " user=" + primary.user()
                        + " application_name=" + slotName + access.conninfoOptions();
                Files.writeString(targetDataDir.resolve("postgresql.auto.conf"),
                        "\n# Added by the SynapseDB local cluster launcher: stream from " + primary.name() + ".\n"
                                + "primary_conninfo = " + ServerSettings.quote(conninfo) + "\n"
                                + "primary_slot_name = " + ServerSettings.quote(slotName) + "\n",
                        StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                done = true;
            } finally {
                if (!done) {
                    dropSlot(session, slotName);
                }
            }
        } catch (SQLException e) {
            throw new IOException("Base backup of " + primary + " for replica slot " + slotName + " failed: "
                    + e.getMessage(), e);
        }
    }

    @SuppressWarnings("try") // the result is read only to run the function
    private static void update(Connection session, String sql, String argument) throws SQLException {
        try (PreparedStatement statement = session.prepareStatement(sql)) {
            statement.setString(1, argument);
            try (ResultSet ignored = statement.executeQuery()) {
                // every function here returns one row we do not need
            }
        }
    }

    /** Drops a slot of a replica that will not exist, so it does not retain WAL forever. */
    static void dropSlot(Connection session, String slotName) {
        try {
            update(session, "select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = ?",
                    slotName);
        } catch (SQLException e) {
            LOG.warn("Could not drop replication slot {}: {}", slotName, e.getMessage());
        }
    }
}

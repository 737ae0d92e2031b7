package io.synapsedb.txn;

import java.security.SecureRandom;

/**
 * The global id of a two-phase transaction, used as PostgreSQL's {@code PREPARE TRANSACTION}
 * identifier and as the key of its decision row:
 * {@code synapse:<coordinator group>:<128 random bits in hex>.<coordinator backend pid>}. The random
 * part makes ids unique across every application without coordination; the group name tells
 * recovery where the decision row lives; the pid of the coordinator's backend that runs the
 * transaction lets recovery see that this backend has ended, so the transaction can be settled at
 * once instead of after {@code recoveryMinAgeMs}. Ids of earlier versions have no pid
 * ({@link #coordinatorPid()} is 0).
 */
public record GlobalTransactionId(String gid, String coordinatorGroup, int coordinatorPid) {

    /** Every id the driver makes starts with this; recovery looks only at such ids. */
    public static final String PREFIX = "synapse:";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /**
     * A fresh id whose decision row lives on {@code coordinatorGroup}, committed by the backend
     * {@code coordinatorPid} there (0 when unknown).
     */
    public static GlobalTransactionId create(String coordinatorGroup, int coordinatorPid) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        StringBuilder sb = new StringBuilder(PREFIX.length() + coordinatorGroup.length() + 45);
        sb.append(PREFIX).append(coordinatorGroup).append(':');
        for (byte b : bytes) {
            sb.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
        if (coordinatorPid > 0) {
            sb.append('.').append(coordinatorPid);
        }
        return new GlobalTransactionId(sb.toString(), coordinatorGroup, Math.max(0, coordinatorPid));
    }

    /** The id of a prepared transaction the driver made, or {@code null} for any other gid. */
    public static GlobalTransactionId parse(String gid) {
        if (gid == null || !gid.startsWith(PREFIX)) {
            return null;
        }
        int last = gid.lastIndexOf(':');
        if (last <= PREFIX.length()) {
            return null;
        }
        int pid = 0;
        int dot = gid.indexOf('.', last);
        if (dot > 0) {
            try {
                pid = Integer.parseInt(gid.substring(dot + 1));
            } catch (NumberFormatException e) {
                pid = 0; // not one of ours after all: no pid, the age rule alone applies
            }
        }
        return new GlobalTransactionId(gid, gid.substring(PREFIX.length(), last), Math.max(0, pid));
    }

    /** The id as an SQL string literal, for the commands that take no bind parameter. */
    public String literal() {
        return "'" + gid.replace("'", "''") + "'";
    }

    @Override
    public String toString() {
        return gid;
    }
}

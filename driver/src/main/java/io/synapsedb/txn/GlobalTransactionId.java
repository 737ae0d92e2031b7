package io.synapsedb.txn;

import java.security.SecureRandom;

/**
 * The global id of a two-phase transaction, used as PostgreSQL's {@code PREPARE TRANSACTION}
 * identifier and as the key of its decision row: {@code synapse:<coordinator group>:<128 random
 * bits in hex>}. The random part makes ids unique across every application without coordination;
 * the group name tells recovery where the decision row lives.
 */
public record GlobalTransactionId(String gid, String coordinatorGroup) {

    /** Every id the driver makes starts with this; recovery looks only at such ids. */
    public static final String PREFIX = "synapse:";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** A fresh id whose decision row lives on {@code coordinatorGroup}. */
    public static GlobalTransactionId create(String coordinatorGroup) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        StringBuilder sb = new StringBuilder(PREFIX.length() + coordinatorGroup.length() + 33);
        sb.append(PREFIX).append(coordinatorGroup).append(':');
        for (byte b : bytes) {
            sb.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
        return new GlobalTransactionId(sb.toString(), coordinatorGroup);
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
        return new GlobalTransactionId(gid, gid.substring(PREFIX.length(), last));
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

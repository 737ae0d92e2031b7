package io.synapsedb.txn;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens a pooled connection (autocommit on) to the primary of a group, by group index. */
@FunctionalInterface
public interface GroupOpener {

    Connection open(int group) throws SQLException;
}

package io.synapsedb.catalog;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens a pooled connection to a group's primary; the catalog uses it for its own work. */
@FunctionalInterface
public interface GroupConnections {

    /** A connection to the primary of group {@code group} (index into the catalog's groups). */
    Connection open(int group) throws SQLException;
}

package io.synapsedb.core;

import java.util.Objects;

/**
 * One PostgreSQL server: host, port and database.
 *
 * @param host host name or address
 * @param port TCP port
 * @param database database name
 */
public record NodeAddress(String host, int port, String database) {

    public NodeAddress {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** The pgJDBC URL of this node, without properties. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        return host + ":" + port + "/" + database;
    }
}

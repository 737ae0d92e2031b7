package io.synapsedb.route;

import java.sql.Connection;
import java.sql.SQLException;

/** Temporary: a server given by SYNAPSE_TEST_PG_URL until LocalCluster is available. */
final class TestServer {
    private TestServer() {
    }

    static Connection connect() throws SQLException {
        String url = System.getenv("SYNAPSE_TEST_PG_URL");
        if (url == null) {
            throw new IllegalStateException("set SYNAPSE_TEST_PG_URL");
        }
        return new org.postgresql.Driver().connect(url, new java.util.Properties());
    }

    static void stop() {
    }
}

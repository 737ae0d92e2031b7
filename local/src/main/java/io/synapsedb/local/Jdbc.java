package io.synapsedb.local;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Plain pgJDBC connections to local servers, through {@link org.postgresql.Driver} itself: the
 * launcher must not depend on which drivers {@link java.sql.DriverManager} happens to have
 * registered (the SynapseDB driver registers there too).
 */
final class Jdbc {

    static final String USER = "postgres";

    private static final org.postgresql.Driver DRIVER = new org.postgresql.Driver();

    private Jdbc() {
    }

    static String url(String host, int port, String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?user=" + USER;
    }

    /** Connects with pgJDBC's defaults. */
    static Connection connect(String url) throws SQLException {
        return connect(url, new Properties());
    }

    /** Connects with short timeouts, for polling a server that is starting; {@code login} adds a password or TLS. */
    static Connection probe(String url, Properties login) throws SQLException {
        Properties props = new Properties();
        props.putAll(login);
        props.setProperty("connectTimeout", "2");
        props.setProperty("loginTimeout", "5");
        props.setProperty("socketTimeout", "10");
        props.setProperty("ApplicationName", "synapsedb-local");
        return connect(url, props);
    }

    static Connection connect(String url, Properties props) throws SQLException {
        Connection connection = DRIVER.connect(url, props);
        if (connection == null) {
            throw new SQLException("pgJDBC does not accept the URL " + url, "08001");
        }
        return connection;
    }
}

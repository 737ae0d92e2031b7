package io.synapsedb.coordinator.admin;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

/**
 * The static list of PostgreSQL groups the coordinator watches (one primary per group), with the
 * database and credentials to reach them. Until driver cluster mode moves the topology into the
 * coordinator, this list is configuration: it must name the groups in the same order, with the same
 * names, as the applications' {@code jdbc:synapse:} configuration (g1, g2, ... in host order), because
 * two-phase-commit gids name their coordinator group.
 *
 * <p>Connections are plain pgJDBC connections opened per use: the admin API and the leader jobs run a
 * few queries per interval, so a pool would only hold idle connections on every node.
 */
public final class PostgresGroups {

    /** One group's primary. */
    public record Group(String name, String host, int port) {
        public Group {
            Objects.requireNonNull(name, "group name");
            Objects.requireNonNull(host, "host of group " + name);
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port of group " + name + " must be 1..65535, got " + port);
            }
        }

        /** {@code host:port}. */
        public String address() {
            return host + ":" + port;
        }
    }

    private final String database;
    private final String user;
    private final String password;
    private final List<Group> groups;
    private final int connectTimeoutSeconds;

    /**
     * @param connectTimeoutSeconds bound on connecting and on each query (pgJDBC connectTimeout and
     *     socketTimeout), so an unreachable node never blocks a request or a job for long
     */
    public PostgresGroups(String database, String user, String password, List<Group> groups, int connectTimeoutSeconds) {
        this.database = Objects.requireNonNull(database, "database");
        this.user = Objects.requireNonNull(user, "user");
        this.password = password;
        this.groups = List.copyOf(groups);
        if (this.groups.isEmpty()) {
            throw new IllegalArgumentException("at least one group is required");
        }
        if (this.groups.stream().map(Group::name).distinct().count() != this.groups.size()) {
            throw new IllegalArgumentException("group names must be unique: " + this.groups);
        }
        if (connectTimeoutSeconds < 1) {
            throw new IllegalArgumentException("connect timeout must be at least 1 s, got " + connectTimeoutSeconds);
        }
        this.connectTimeoutSeconds = connectTimeoutSeconds;
    }

    public String database() {
        return database;
    }

    public List<Group> groups() {
        return groups;
    }

    public List<String> groupNames() {
        return groups.stream().map(Group::name).toList();
    }

    /** Opens a new autocommit connection to the primary of group {@code index}; the caller closes it. */
    public Connection open(int index) throws SQLException {
        Group g = groups.get(index);
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", Integer.toString(connectTimeoutSeconds));
        props.setProperty("socketTimeout", Integer.toString(connectTimeoutSeconds * 2));
        props.setProperty("loginTimeout", Integer.toString(connectTimeoutSeconds));
        props.setProperty("ApplicationName", "synapse-coordinator");
        String url = "jdbc:postgresql://" + g.host() + ":" + g.port() + "/" + database;
        try {
            return DriverManager.getConnection(url, props);
        } catch (SQLException e) {
            // name the group and node: pgJDBC's message only has the address
            throw new SQLNonTransientConnectionException("group " + g.name() + " (" + g.address() + "): "
                    + e.getMessage(), e.getSQLState() == null ? "08001" : e.getSQLState(), e);
        }
    }

    @Override
    public String toString() {
        return "PostgresGroups" + groups + " database " + database + " user " + user; // never the password
    }
}

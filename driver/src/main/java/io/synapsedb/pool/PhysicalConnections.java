package io.synapsedb.pool;

import io.synapsedb.core.NodeAddress;
import io.synapsedb.core.SqlStates;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the pgJDBC connections of one node (HikariCP's data source for the node's pool) and
 * remembers the ones that are open, so that they can all be aborted at once when the node stops
 * answering: a thread blocked reading from a hung server then gets a connection error instead of
 * waiting for as long as the server is silent. Only connection creation pays for the bookkeeping;
 * statements never see it.
 *
 * <p>Physical connections get bounded connect and login times unless the application set its own
 * pgJDBC values: a server that accepts TCP connections but never answers (a paused process, a full
 * backlog) must not hold a pool's connection adder for pgJDBC's defaults (10 s connect, unbounded
 * login).
 */
final class PhysicalConnections implements DataSource {

    private static final Logger LOG = LoggerFactory.getLogger(PhysicalConnections.class);

    private final NodeAddress node;
    private final Properties properties;
    private final org.postgresql.Driver driver = new org.postgresql.Driver();
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();

    /**
     * @param timeoutMs bound for connecting and logging in, used where {@code settings} do not set
     *     pgJDBC's {@code connectTimeout} / {@code loginTimeout}
     */
    PhysicalConnections(NodeAddress node, PoolSettings settings, long timeoutMs) {
        this.node = node;
        Properties p = new Properties();
        p.putAll(settings.pgProperties()); // shared by the runtime's pools
        String seconds = Long.toString(Math.max(1, TimeUnit.MILLISECONDS.toSeconds(timeoutMs + 999)));
        p.putIfAbsent("connectTimeout", seconds);
        p.putIfAbsent("loginTimeout", seconds);
        p.putIfAbsent("tcpKeepAlive", "true");
        if (settings.user() != null) {
            p.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            p.setProperty("password", settings.password());
        }
        this.properties = p;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection c = connect(properties);
        open.add(c);
        forgetClosed();
        return c;
    }

    /**
     * A connection nobody else knows about, for the node's health check: every socket read on it is
     * bounded by {@code timeoutMs}.
     */
    Connection openUntracked(long timeoutMs, Executor executor) throws SQLException {
        Properties p = new Properties();
        p.putAll(properties);
        String seconds = Long.toString(Math.max(1, TimeUnit.MILLISECONDS.toSeconds(timeoutMs + 999)));
        p.setProperty("connectTimeout", seconds);
        p.setProperty("loginTimeout", seconds);
        p.setProperty("socketTimeout", seconds);
        p.setProperty("ApplicationName", "synapse-health-check");
        Connection c = connect(p);
        c.setNetworkTimeout(executor, (int) Math.min(Integer.MAX_VALUE, timeoutMs));
        return c;
    }

    private Connection connect(Properties p) throws SQLException {
        Connection c = driver.connect(node.jdbcUrl(), p);
        if (c == null) { // cannot happen for a jdbc:postgresql: URL
            throw new SQLException("pgJDBC refused the URL of node " + node, SqlStates.UNABLE_TO_CONNECT);
        }
        return c;
    }

    /**
     * Aborts every open connection ({@link Connection#abort}: the socket is closed at once, without
     * waiting for the thread that uses it). Their users get a connection error; the pool drops them.
     *
     * @return how many were aborted
     */
    int abortAll(Executor executor) {
        int n = 0;
        for (Connection c : open) {
            open.remove(c);
            try {
                if (!c.isClosed()) {
                    c.abort(executor);
                    n++;
                }
            } catch (SQLException | RuntimeException e) {
                LOG.debug("aborting a connection to {} failed: {}", node, e.toString());
            }
        }
        return n;
    }

    /** Connections HikariCP retired; runs whenever a connection is made, so the set stays small. */
    private void forgetClosed() {
        open.removeIf(c -> {
            try {
                return c.isClosed();
            } catch (SQLException e) {
                return true;
            }
        });
    }

    int openCount() {
        forgetClosed();
        return open.size();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        // The pool is built without a user of its own: the settings' user and password are used.
        return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // pgJDBC logs through java.util.logging
    }

    /** HikariCP passes its connection timeout here; the node's own bound (above) already applies. */
    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no parent logger", SqlStates.FEATURE_NOT_SUPPORTED);
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface.getName(), SqlStates.FEATURE_NOT_SUPPORTED);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}

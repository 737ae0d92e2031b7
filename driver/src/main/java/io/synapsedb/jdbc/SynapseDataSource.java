package io.synapsedb.jdbc;

import io.micrometer.core.instrument.MeterRegistry;
import io.synapsedb.config.SynapseConfig;
import io.synapsedb.core.SqlStates;
import io.synapsedb.exec.ClusterRuntime;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} for {@code jdbc:synapse:} URLs, for Spring, HikariCP
 * ({@code dataSourceClassName} or {@code setDataSource}) and plain code.
 *
 * <pre>
 * SynapseDataSource ds = new SynapseDataSource();
 * ds.setUrl("jdbc:synapse://127.0.0.1:5432,127.0.0.1:5433/app");
 * ds.setUser("app");
 * ds.setPassword("secret");
 * try (Connection c = ds.getConnection()) { ... }
 * </pre>
 *
 * The configuration is read at the first {@link #getConnection()}; later setter calls do not
 * change a data source that is already in use. {@link #close()} closes its node pools.
 */
public class SynapseDataSource implements DataSource, AutoCloseable {

    private String url;
    private String user;
    private String password;
    private final Properties properties = new Properties();
    private MeterRegistry meterRegistry;
    private volatile ClusterRuntime runtime;
    private PrintWriter logWriter;
    private int loginTimeout;

    public SynapseDataSource() {
    }

    public SynapseDataSource(String url) {
        this.url = url;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    /** Same as {@link #setUrl}, for tools that call it jdbcUrl. */
    public void setJdbcUrl(String url) {
        this.url = url;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    /** Same as {@link #setUser}. */
    public void setUsername(String user) {
        this.user = user;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    /** Any driver or pgJDBC property, as in the URL's query. */
    public void setProperty(String name, String value) {
        properties.setProperty(name, value);
    }

    /** Where the driver's meters go; Micrometer's global registry when not set. */
    public void setMeterRegistry(MeterRegistry meterRegistry) {
        this.meterRegistry = meterRegistry;
    }

    private ClusterRuntime runtime(String u, String p) throws SQLException {
        ClusterRuntime r = runtime;
        if (r != null && u == null && !r.isClosed()) {
            return r;
        }
        if (url == null) {
            throw new SQLException("SynapseDataSource has no URL; call setUrl(\"jdbc:synapse:...\")", SqlStates.UNABLE_TO_CONNECT);
        }
        Properties info = new Properties();
        info.putAll(properties);
        String effectiveUser = u != null ? u : user;
        String effectivePassword = u != null ? p : password;
        if (effectiveUser != null) {
            info.setProperty("user", effectiveUser);
        }
        if (effectivePassword != null) {
            info.setProperty("password", effectivePassword);
        }
        ClusterRuntime made = Runtimes.get(SynapseConfig.fromUrl(url, info), meterRegistry);
        if (u == null) {
            runtime = made;
        }
        return made;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return new SynapseConnection(runtime(null, null));
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return new SynapseConnection(runtime(username, password));
    }

    /** Closes the node pools of this data source's configuration. */
    @Override
    public void close() {
        ClusterRuntime r = runtime;
        runtime = null;
        if (r != null) {
            Runtimes.close(r);
        }
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("the driver logs through SLF4J", SqlStates.FEATURE_NOT_SUPPORTED);
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface.getName(), SqlStates.GENERAL_ERROR);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}

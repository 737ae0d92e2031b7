package io.synapsedb.jdbc;

import io.synapsedb.config.SynapseConfig;
import io.synapsedb.config.SynapseProperty;
import io.synapsedb.core.SqlStates;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The {@code jdbc:synapse:} JDBC driver. Registered with {@link DriverManager} through
 * {@code META-INF/services/java.sql.Driver}; it accepts only {@code jdbc:synapse:} URLs.
 *
 * <pre>
 * jdbc:synapse://h1:5432,h2:5432,h3:5432/db?user=app&amp;password=secret   each host is a group of one
 * jdbc:synapse:?config=classpath:synapse.yaml                           groups, replicas, tables, pools from YAML
 * </pre>
 *
 * Connections made with the same configuration share one pool per node.
 */
public final class SynapseDriver implements Driver {

    /** Version of this driver. */
    public static final int MAJOR_VERSION = 0;
    public static final int MINOR_VERSION = 1;

    static {
        try {
            DriverManager.registerDriver(new SynapseDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        // Load the SQL parser in the background while the configuration, pools and catalog start.
        io.synapsedb.exec.ClusterRuntime.warmUpParser();
        SynapseConfig config = SynapseConfig.fromUrl(url, info == null ? new Properties() : info);
        return new SynapseConnection(Runtimes.get(config, null));
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && SynapseConfig.acceptsUrl(url);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        SynapseProperty[] all = SynapseProperty.values();
        DriverPropertyInfo[] out = new DriverPropertyInfo[all.length];
        for (int i = 0; i < all.length; i++) {
            out[i] = new DriverPropertyInfo(all[i].propertyName(), info == null ? null
                    : info.getProperty(all[i].propertyName()));
            out[i].description = all[i].description();
        }
        return out;
    }

    @Override
    public int getMajorVersion() {
        return MAJOR_VERSION;
    }

    @Override
    public int getMinorVersion() {
        return MINOR_VERSION;
    }

    /** Not JDBC compliant in the strict sense: some statements across groups are refused. */
    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("the driver logs through SLF4J", SqlStates.FEATURE_NOT_SUPPORTED);
    }

    /** Closes every pool and background task of every configuration this driver opened. */
    public static void shutdown() {
        Runtimes.closeAll();
    }
}

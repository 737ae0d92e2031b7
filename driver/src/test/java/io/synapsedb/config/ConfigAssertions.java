package io.synapsedb.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.SQLException;
import java.util.Properties;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Small helpers shared by the config tests. */
final class ConfigAssertions {

    private ConfigAssertions() {
    }

    /** Runs {@code call}, asserts it threw an SQLException with {@code sqlState}, returns it. */
    static SQLException failsWith(String sqlState, ThrowingCallable call) {
        Throwable t = catchThrowable(call);
        assertThat(t).as("expected an SQLException").isInstanceOf(SQLException.class);
        SQLException e = (SQLException) t;
        assertThat(e.getSQLState()).as("SQLState of: %s", e.getMessage()).isEqualTo(sqlState);
        return e;
    }

    /** fromUrl must fail with 22023; returns the message. */
    static String invalid(String url) {
        return invalid(url, new Properties());
    }

    static String invalid(String url, Properties info) {
        return failsWith("22023", () -> SynapseConfig.fromUrl(url, info)).getMessage();
    }

    static Properties props(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }
}

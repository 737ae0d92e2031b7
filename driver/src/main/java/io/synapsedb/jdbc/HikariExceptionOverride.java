package io.synapsedb.jdbc;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;

/**
 * Keeps HikariCP from closing a {@code jdbc:synapse:} connection when the driver refuses a
 * statement. HikariCP treats SQLState {@code 0A000} as a dead connection and evicts it, but the
 * driver's {@code 0A000} refusals ("needs a cross-group plan", ...) happen before anything runs:
 * the connection and its transaction are fine. Configure it on a HikariCP pool over the driver:
 *
 * <pre>
 * hikariConfig.setExceptionOverrideClassName("io.synapsedb.jdbc.HikariExceptionOverride");
 * </pre>
 *
 * Every other error is left to HikariCP's own judgement.
 */
public final class HikariExceptionOverride implements SQLExceptionOverride {

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        // The driver's refusals (and pgJDBC's "not implemented") are SQLFeatureNotSupportedException;
        // a 0A000 sent by a PostgreSQL server arrives as a plain PSQLException and keeps its default.
        return e instanceof SQLFeatureNotSupportedException ? Override.DO_NOT_EVICT : Override.CONTINUE_EVICT;
    }
}

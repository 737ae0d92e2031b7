package io.synapsedb.coordinator;

import java.sql.SQLException;

/**
 * A coordinator operation failed. It is an {@link SQLException} so that a catalog change made through
 * the driver fails with an SQLState an application can act on; subclasses say what went wrong.
 */
public class CoordinatorException extends SQLException {

    private static final long serialVersionUID = 1L;

    public CoordinatorException(String message, String sqlState) {
        super(message, sqlState);
    }

    public CoordinatorException(String message, String sqlState, Throwable cause) {
        super(message, sqlState, cause);
    }
}

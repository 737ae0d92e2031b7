package io.synapsedb.route;

import io.synapsedb.core.SqlStates;

/** The values bound to a statement's parameters, as the router reads them to find slots. */
@FunctionalInterface
public interface ParamSource {

    /** The value bound at 1-based {@code index}, as the application gave it; null for SQL NULL. */
    Object get(int index) throws java.sql.SQLException;

    ParamSource NONE = index -> {
        throw new java.sql.SQLException("statement has no parameter " + index, SqlStates.WRONG_PARAMETER_COUNT);
    };
}

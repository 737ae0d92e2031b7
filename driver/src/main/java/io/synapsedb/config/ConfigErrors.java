package io.synapsedb.config;

import io.synapsedb.core.SqlStates;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;

/**
 * The two ways configuration fails. Bad content (a name, a value, a missing part) is
 * {@code 22023 invalid_parameter_value}: it will fail the same way every time. A config file that
 * cannot be read is {@code 08001 sqlclient_unable_to_establish_sqlconnection}: the same URL may
 * work once the file is there, as with a server that is not up yet.
 */
final class ConfigErrors {

    /** SQLState of an invalid property name or value. */
    static final String INVALID_PARAMETER_VALUE = SqlStates.INVALID_PARAMETER_VALUE;
    /** SQLState of a config file that cannot be read. */
    static final String UNABLE_TO_CONNECT = SqlStates.UNABLE_TO_CONNECT;

    private ConfigErrors() {
    }

    static SQLException invalid(String message) {
        return new SQLDataException(message, INVALID_PARAMETER_VALUE);
    }

    static SQLException invalid(String message, Throwable cause) {
        return new SQLDataException(message, INVALID_PARAMETER_VALUE, cause);
    }

    static SQLException unreadable(String message, Throwable cause) {
        return new SQLNonTransientConnectionException(message, UNABLE_TO_CONNECT, cause);
    }

    /** "Invalid value 'x' for poolSize (from the URL): expected ..."; secrets are never echoed. */
    static SQLException invalidValue(String name, String value, boolean secret, String origin,
            String expectation) {
        return invalid(invalidValueMessage(name, value, secret, origin, expectation));
    }

    /** The message of {@link #invalidValue}. */
    static String invalidValueMessage(String name, String value, boolean secret, String origin,
            String expectation) {
        String shown = secret ? "(hidden)" : "'" + value + "'";
        return "Invalid value " + shown + " for " + name + originSuffix(origin) + ": " + expectation;
    }

    static String originSuffix(String origin) {
        return origin == null ? "" : " (from " + origin + ")";
    }
}

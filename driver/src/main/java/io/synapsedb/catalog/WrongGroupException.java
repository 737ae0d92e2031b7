package io.synapsedb.catalog;

import io.synapsedb.core.SqlStates;
import java.sql.SQLNonTransientConnectionException;

/**
 * A node's {@code synapse} schema records another group than the configuration gives it: the
 * hosts of a URL were reordered (group names follow their order), or a node serves another
 * cluster. Nothing may run until the configuration is fixed.
 */
public final class WrongGroupException extends SQLNonTransientConnectionException {

    private static final long serialVersionUID = 1L;

    WrongGroupException(String message) {
        super(message, SqlStates.UNABLE_TO_CONNECT);
    }
}

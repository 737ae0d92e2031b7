package io.synapsedb.cluster;

import io.synapsedb.core.SqlStates;
import io.synapsedb.spi.CoordinationProvider;
import io.synapsedb.spi.CoordinationSession;
import io.synapsedb.spi.CoordinatorSettings;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** Finds the coordinator provider on the class path and opens sessions with it. */
final class Coordinators {

    private Coordinators() {
    }

    static CoordinationSession open(CoordinatorSettings settings) throws SQLException {
        return provider().open(settings);
    }

    private static CoordinationProvider provider() throws SQLException {
        try {
            Iterator<CoordinationProvider> it = ServiceLoader.load(CoordinationProvider.class,
                    Coordinators.class.getClassLoader()).iterator();
            if (it.hasNext()) {
                return it.next();
            }
        } catch (ServiceConfigurationError e) {
            throw new SQLNonTransientConnectionException("the coordinator provider on the class path cannot be loaded: "
                    + e.getMessage(), SqlStates.UNABLE_TO_CONNECT, e);
        }
        throw new SQLNonTransientConnectionException("cluster mode (coordinator=...) needs a coordinator provider on"
                + " the class path: add the io.synapsedb:synapsedb-coordinator jar", SqlStates.UNABLE_TO_CONNECT);
    }
}

package io.synapsedb.local;

import java.io.IOException;

/** A server could not listen on the port chosen for it: another process took it first. */
final class PortInUseException extends IOException {

    private static final long serialVersionUID = 1L;

    PortInUseException(String message) {
        super(message);
    }
}

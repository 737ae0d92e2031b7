package io.synapsedb.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Picks a free TCP port on 127.0.0.1 by letting the kernel choose one. The port is free only at the
 * moment of the pick; callers retry with another when the server then fails to bind.
 */
final class FreePorts {

    private FreePorts() {
    }

    static int pick() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(Postmaster.HOST))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}

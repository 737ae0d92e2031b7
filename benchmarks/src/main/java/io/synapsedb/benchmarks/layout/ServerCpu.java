package io.synapsedb.benchmarks.layout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * CPU time of the server processes that run the benchmark's statements: the backends of its own
 * connections, read from Linux's {@code /proc/<pid>/schedstat} (nanoseconds on a CPU). On a
 * machine shared with other work, throughput moves with the neighbours' load; the server's CPU
 * per operation moves much less, which makes it the steadier measure of what a layout costs.
 * The servers run in the host's PID namespace ({@code unshare -U} makes only a user namespace),
 * so {@code pg_backend_pid()} is the pid to read.
 */
final class ServerCpu {

    private final long[] pids;

    private ServerCpu(long[] pids) {
        this.pids = pids;
    }

    /** The backends of {@code connections}. */
    static ServerCpu of(List<Connection> connections) throws SQLException {
        long[] pids = new long[connections.size()];
        for (int i = 0; i < pids.length; i++) {
            try (Statement st = connections.get(i).createStatement();
                    ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                pids[i] = rs.getLong(1);
            }
        }
        return new ServerCpu(pids);
    }

    /** Nanoseconds the backends have spent on a CPU so far, or -1 where the kernel does not say. */
    long nanos() {
        long total = 0;
        for (long pid : pids) {
            try {
                String s = Files.readString(Path.of("/proc", Long.toString(pid), "schedstat")).trim();
                total += Long.parseLong(s.substring(0, s.indexOf(' ')));
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
        return total;
    }
}

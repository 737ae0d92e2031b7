package io.synapsedb.benchmarks.macro;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * Runs in a fresh JVM: opens a connection with {@link DriverManager#getConnection(String)} and
 * runs one point select. Prints {@code STARTUP connect_to_first_row_ns=<n> jvm_uptime_ms=<m>}: the
 * time from {@code getConnection} to the first row, and the JVM's age at that moment.
 *
 * <pre>java -cp ... io.synapsedb.benchmarks.macro.StartupProbe &lt;jdbc url&gt; &lt;table&gt; &lt;key&gt;</pre>
 */
public final class StartupProbe {

    private StartupProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: StartupProbe <jdbc url> <table> <key>");
            System.exit(2);
        }
        String url = args[0];
        long key = Long.parseLong(args[2]);
        long start = System.nanoTime();
        try (Connection c = DriverManager.getConnection(url);
                PreparedStatement ps = c.prepareStatement("SELECT ycsb_key, balance, field0, field1 FROM " + args[1]
                        + " WHERE ycsb_key = ?")) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getLong(1) != key) {
                    throw new IllegalStateException("key " + key + " not found through " + url);
                }
                long nanos = System.nanoTime() - start;
                System.out.println("STARTUP connect_to_first_row_ns=" + nanos + " jvm_uptime_ms="
                        + ManagementFactory.getRuntimeMXBean().getUptime());
            }
        }
        // Pools and ShardingSphere's threads are not daemons; the measurement is done.
        System.exit(0);
    }
}

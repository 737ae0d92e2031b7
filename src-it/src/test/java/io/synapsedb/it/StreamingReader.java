package io.synapsedb.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Run in a JVM with a small heap by {@link StreamingMemoryIT}: reads a merged multi-group result
 * larger than that heap and prints how many rows came, in order. Exit status 0 only when it could.
 */
public final class StreamingReader {

    private StreamingReader() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int fetchSize = Integer.parseInt(args[1]);
        long rows = 0;
        long last = Long.MIN_VALUE;
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.setFetchSize(fetchSize);
            try (ResultSet rs = st.executeQuery("SELECT k, repeat(md5(k::text), 24) AS pad FROM big ORDER BY k")) {
                while (rs.next()) {
                    long k = rs.getLong(1);
                    if (k <= last || rs.getString(2).length() != 768) {
                        throw new IllegalStateException("row " + rows + " out of order or damaged: " + k);
                    }
                    last = k;
                    rows++;
                }
            }
        }
        System.out.println("ROWS " + rows);
    }
}

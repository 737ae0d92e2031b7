package io.synapsedb.it;

import io.synapsedb.local.LocalCluster;
import io.synapsedb.local.LocalNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Four local servers: the first three are a 3-group SynapseDB cluster, the fourth a plain
 * PostgreSQL that holds all the rows, so that every answer of the cluster can be checked against
 * the answer of one server. The servers are the test class's ({@code @LocalPostgres(nodes = 4)});
 * this holds the two connections to them.
 */
final class OracleCluster implements AutoCloseable {

    final LocalCluster servers;
    final Connection synapse;
    final Connection plain;

    private OracleCluster(LocalCluster servers, String extra) throws SQLException {
        this.servers = servers;
        this.synapse = DriverManager.getConnection(synapseUrl(extra));
        this.plain = servers.node(3).connect();
    }

    static OracleCluster on(LocalCluster servers, String extra) throws SQLException {
        if (servers.nodes().size() != 4) {
            throw new IllegalArgumentException("an oracle cluster is 4 servers, not " + servers.nodes().size());
        }
        return new OracleCluster(servers, extra);
    }

    /** The URL of the three cluster nodes, for more logical connections. */
    String synapseUrl(String extra) {
        List<LocalNode> nodes = servers.nodes().subList(0, 3);
        return nodes.stream().map(n -> n.host() + ":" + n.port()).collect(Collectors.joining(",",
                "jdbc:synapse://", "/" + nodes.get(0).database() + "?user=" + nodes.get(0).user()
                        + (extra == null ? "" : "&" + extra)));
    }

    /** Runs the same DDL/DML on the cluster and on the plain server. */
    void both(String sql) throws SQLException {
        try (var st = synapse.createStatement()) {
            st.execute(sql);
        }
        try (var st = plain.createStatement()) {
            st.execute(sql);
        }
    }

    /** Every row of a result as text values, with the column labels as the first row. */
    static List<List<String>> rows(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<List<String>> out = new ArrayList<>();
        List<String> header = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            header.add(md.getColumnLabel(i) + ":" + md.getColumnTypeName(i));
        }
        out.add(header);
        while (rs.next()) {
            List<String> row = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                Object v = rs.getObject(i);
                row.add(v == null ? null : v instanceof java.math.BigDecimal d ? d.toPlainString() : v.toString());
            }
            out.add(row);
        }
        return out;
    }

    @Override
    public void close() throws SQLException {
        try {
            synapse.close();
        } finally {
            plain.close();
        }
    }
}

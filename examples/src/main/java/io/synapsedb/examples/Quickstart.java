package io.synapsedb.examples;

import io.synapsedb.jdbc.SynapseDriver;
import io.synapsedb.local.LocalCluster;
import io.synapsedb.local.LocalNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The quickstart demo: starts a local 3-node PostgreSQL cluster, runs the basic operations of
 * SynapseDB's product description (the products table, inserts, queries) through
 * {@code jdbc:synapse:}, shows on which node each row lives, and stops everything.
 *
 * <pre>mvn -B -q -Pdemo -DskipTests -pl examples -am package</pre>
 */
public final class Quickstart {

    private Quickstart() {
    }

    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        System.out.println("Starting a local cluster of " + nodes + " PostgreSQL nodes...");
        try (LocalCluster cluster = LocalCluster.builder().name("quickstart").nodes(nodes).start()) {
            String url = cluster.synapseUrl();
            System.out.println("PostgreSQL " + cluster.postgresVersion() + " nodes:");
            for (int i = 0; i < cluster.nodes().size(); i++) {
                LocalNode n = cluster.node(i);
                System.out.println("  g" + (i + 1) + " = " + n.host() + ":" + n.port());
            }
            System.out.println("Application URL: " + url);
            System.out.println();
            try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
                run(st, "CREATE TABLE products (\n"
                        + "    id SERIAL PRIMARY KEY,\n"
                        + "    name TEXT NOT NULL,\n"
                        + "    description TEXT,\n"
                        + "    price DECIMAL(10,2),\n"
                        + "    embedding_data JSONB\n"
                        + ")");
                show(st, "SELECT synapse.distribute_table('products', 'id')");
                run(st, "INSERT INTO products (name, description, price) VALUES\n"
                        + "    ('Laptop', 'High-performance laptop', 999.99)");
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO products (name, description, price) VALUES (?, ?, ?)")) {
                    String[][] rows = {
                        {"Phone", "Smartphone with a good camera", "599.00"},
                        {"Monitor", "27-inch 4K monitor", "329.50"},
                        {"Keyboard", "Mechanical keyboard", "89.90"},
                        {"Desk", "Standing desk", "549.00"},
                        {"Chair", "Ergonomic office chair", "279.00"},
                        {"Headphones", "Noise-cancelling headphones", "249.99"},
                        {"Tablet", "10-inch tablet", "449.00"},
                    };
                    for (String[] r : rows) {
                        ps.setString(1, r[0]);
                        ps.setString(2, r[1]);
                        ps.setBigDecimal(3, new java.math.BigDecimal(r[2]));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                    System.out.println("-- inserted " + rows.length + " more products in one JDBC batch");
                }
                show(st, "SELECT * FROM products WHERE price > 500");
                show(st, "SELECT id, name, price FROM products WHERE id = 3");
                run(st, "UPDATE products SET price = price * 0.9 WHERE id = 3");
                show(st, "SELECT id, name, price FROM products WHERE id IN (1, 3, 5)");
                // A query over every group, merged as one PostgreSQL would answer it.
                show(st, "SELECT name, price FROM products ORDER BY price DESC LIMIT 3");
                show(st, "SELECT count(*), avg(price) AS avg_price, max(price) FROM products");
                // One transaction that writes rows on several groups commits atomically (2PC).
                c.setAutoCommit(false);
                run(st, "UPDATE products SET price = price + 1 WHERE id IN (1, 2, 4)");
                c.commit();
                c.setAutoCommit(true);
                System.out.println("-- committed one transaction across the groups of ids 1, 2 and 4");
                System.out.println();
            }
            System.out.println("Where each row lives (queried on each node directly):");
            for (int i = 0; i < cluster.nodes().size(); i++) {
                LocalNode n = cluster.node(i);
                try (Connection direct = n.connect(); Statement st = direct.createStatement();
                        ResultSet rs = st.executeQuery("SELECT id, name FROM products ORDER BY id")) {
                    StringBuilder line = new StringBuilder("  g" + (i + 1) + " (" + n.host() + ":" + n.port() + "):");
                    while (rs.next()) {
                        line.append(' ').append(rs.getInt(1)).append('=').append(rs.getString(2));
                    }
                    System.out.println(line);
                }
            }
            SynapseDriver.shutdown();
            System.out.println();
            System.out.println("Stopping the cluster.");
        }
    }

    private static void run(Statement st, String sql) throws java.sql.SQLException {
        System.out.println("synapse> " + sql + ";");
        int n = st.executeUpdate(sql);
        System.out.println("   ok" + (n > 0 ? ", " + n + " row(s)" : ""));
        System.out.println();
    }

    private static void show(Statement st, String sql) throws java.sql.SQLException {
        System.out.println("synapse> " + sql + ";");
        try (ResultSet rs = st.executeQuery(sql)) {
            int cols = rs.getMetaData().getColumnCount();
            StringBuilder header = new StringBuilder("  ");
            for (int i = 1; i <= cols; i++) {
                header.append(i > 1 ? " | " : "").append(rs.getMetaData().getColumnLabel(i));
            }
            System.out.println(header);
            while (rs.next()) {
                StringBuilder line = new StringBuilder("  ");
                for (int i = 1; i <= cols; i++) {
                    line.append(i > 1 ? " | " : "").append(rs.getString(i));
                }
                System.out.println(line);
            }
        }
        System.out.println();
    }
}

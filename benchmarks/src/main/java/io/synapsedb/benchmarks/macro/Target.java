package io.synapsedb.benchmarks.macro;

import java.util.List;

/**
 * One configuration under test.
 *
 * @param id short id ({@code a}, {@code b}, {@code c-ds}, ...), as {@code -Dconfigs} names it
 * @param label the name in reports
 * @param ops its operations
 * @param insertTables where its insert workload writes, to empty before each insert run
 * @param resources pools to close at the end
 */
public record Target(String id, String label, Operations ops, List<NodeTable> insertTables,
        List<AutoCloseable> resources) {

    /**
     * A table on one node.
     *
     * @param jdbcUrl the node's pgJDBC URL
     * @param table the table
     */
    public record NodeTable(String jdbcUrl, String table) {
    }

    public Target {
        insertTables = List.copyOf(insertTables);
        resources = List.copyOf(resources);
    }

    /** The label of a configuration id. */
    public static String label(String id) {
        return switch (id) {
            case "a" -> "(a) pgJDBC+HikariCP, one node";
            case "b" -> "(b) pgJDBC+HikariCP, hand-routed";
            case "b-plain" -> "(b′) pgJDBC+HikariCP, hand-routed, plain tables";
            case "c-ds" -> "(c) jdbc:synapse: SynapseDataSource";
            case "c-hikari" -> "(c) jdbc:synapse: HikariCP over the driver";
            case "d-ds" -> "(d) ShardingSphere-JDBC DataSource";
            case "d-hikari" -> "(d) ShardingSphere driver under HikariCP";
            default -> throw new IllegalArgumentException("unknown configuration " + id);
        };
    }

    /** The letter of a configuration id as the reports name it: {@code (b)}, {@code (b′)}, {@code (c)}, .... */
    public static String shortLabel(String id) {
        String label = label(id);
        return label.substring(0, label.indexOf(')') + 1);
    }
}

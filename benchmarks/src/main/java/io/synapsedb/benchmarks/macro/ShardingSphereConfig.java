package io.synapsedb.benchmarks.macro;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the ShardingSphere-JDBC 5.5.2 YAML configuration of baseline (d): the same three nodes,
 * one HikariCP pool each, the YCSB table and the insert table sharded by {@code ycsb_key}.
 *
 * <p>Two placements:
 * <ul>
 *   <li>{@code inline} (default): ShardingSphere's usual configuration, an INLINE algorithm
 *       {@code ds_${ycsb_key % 3}}. (MOD/HASH_MOD are allowed only under {@code autoTables}.) That
 *       placement is not ours, so (d) gets its own tables, {@code usertable_ss} and
 *       {@code insert_bench_ss}, plain tables on the same three nodes.</li>
 *   <li>{@code class}: a CLASS_BASED algorithm ({@link SlotShardingAlgorithm}) computing our slot
 *       hash and placement, so (d) runs on our own tables, row for row where (b) and (c) find
 *       them.</li>
 * </ul>
 */
public final class ShardingSphereConfig {

    private ShardingSphereConfig() {
    }

    /** The YCSB table (d) uses under {@code sharding}. */
    public static String table(String sharding) {
        return sharding.equals("class") ? MacroBenchmark.TABLE : MacroBenchmark.TABLE + "_ss";
    }

    /** The insert table (d) uses under {@code sharding}. */
    public static String insertTable(String sharding) {
        return sharding.equals("class") ? MacroBenchmark.INSERT_TABLE : MacroBenchmark.INSERT_TABLE + "_ss";
    }

    /**
     * Writes the YAML file.
     *
     * @param file where
     * @param databaseName ShardingSphere's logical database name (one per DataSource in a JVM)
     * @param nodeUrls pgJDBC URLs of the three nodes, in group order
     * @param user the database user
     * @param poolSize HikariCP pool size per node
     * @param sharding {@code inline} or {@code class}
     * @param slots slots of our tables (for {@code class})
     */
    public static Path write(Path file, String databaseName, List<String> nodeUrls, String user, int poolSize,
            String sharding, int slots) throws IOException {
        StringBuilder y = new StringBuilder();
        y.append("databaseName: ").append(databaseName).append('\n');
        y.append("dataSources:\n");
        for (int i = 0; i < nodeUrls.size(); i++) {
            y.append("  ds_").append(i).append(":\n");
            y.append("    dataSourceClassName: com.zaxxer.hikari.HikariDataSource\n");
            y.append("    driverClassName: org.postgresql.Driver\n");
            y.append("    jdbcUrl: ").append(nodeUrls.get(i)).append('\n');
            y.append("    username: ").append(user).append('\n');
            y.append("    password: ''\n");
            y.append("    maximumPoolSize: ").append(poolSize).append('\n');
            y.append("    minimumIdle: ").append(poolSize).append('\n');
        }
        String last = String.valueOf(nodeUrls.size() - 1);
        y.append("rules:\n");
        y.append("- !SHARDING\n");
        y.append("  tables:\n");
        for (String t : List.of(table(sharding), insertTable(sharding))) {
            y.append("    ").append(t).append(":\n");
            y.append("      actualDataNodes: ds_${0..").append(last).append("}.").append(t).append('\n');
            y.append("      databaseStrategy:\n");
            y.append("        standard:\n");
            y.append("          shardingColumn: ycsb_key\n");
            y.append("          shardingAlgorithmName: by_key\n");
        }
        y.append("  shardingAlgorithms:\n");
        y.append("    by_key:\n");
        if (sharding.equals("class")) {
            y.append("      type: CLASS_BASED\n");
            y.append("      props:\n");
            y.append("        strategy: STANDARD\n");
            y.append("        algorithmClassName: ").append(SlotShardingAlgorithm.class.getName()).append('\n');
            y.append("        slots: ").append(slots).append('\n');
            y.append("        groups: ").append(nodeUrls.size()).append('\n');
        } else {
            y.append("      type: INLINE\n");
            y.append("      props:\n");
            y.append("        algorithm-expression: ds_${ycsb_key % ").append(nodeUrls.size()).append("}\n");
            // Else ShardingSphere refuses range predicates (workload E) on an INLINE-sharded table.
            y.append("        allow-range-query-with-inline-sharding: true\n");
        }
        y.append("props:\n");
        y.append("  sql-show: false\n");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, y.toString(), StandardCharsets.UTF_8);
        return file;
    }
}

package io.synapsedb.route;

import io.synapsedb.placement.Placement;
import io.synapsedb.placement.SlotHasher;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.synapsedb.catalog.Catalog;
import io.synapsedb.catalog.TableInfo;
import io.synapsedb.core.GroupInfo;
import io.synapsedb.core.KeyType;
import io.synapsedb.core.NodeAddress;
import io.synapsedb.core.TableKind;
import io.synapsedb.route.StatementCorpus.Entry;
import io.synapsedb.sql.InsertShape;
import io.synapsedb.sql.SqlAnalyzer;
import io.synapsedb.sql.StatementPlan;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The statement corpus (issue 4 §6): every statement of {@code corpus/statements.sql} is analysed
 * and routed against a 3-group catalog. Each either gets a route or is refused with SQLState
 * {@code 0A000} and a message (a NULL shard key is the application's {@code 23502}); no other
 * exception, and each outcome is the one its entry expects.
 */
class StatementCorpusTest {

    private static final List<String> NAMES = List.of("g1", "g2", "g3");
    private static final int SLOTS = 128;
    private static final Catalog CATALOG = catalog();
    private static final SqlAnalyzer ANALYZER = new SqlAnalyzer(0);
    private static final StatementCorpus.Keys KEYS = keysOnTwoGroups();
    private static final Pattern REFUSE = Pattern.compile("refuse \"(.+)\"");
    private static final Pattern ERROR = Pattern.compile("error (\\w{5})");

    private static Catalog catalog() {
        Map<String, TableInfo> tables = new LinkedHashMap<>();
        // e-commerce, co-located by customer (integer hash family, 128 slots)
        distributed(tables, "customers", "id", KeyType.INT8, 0, null);
        distributed(tables, "orders", "customer_id", KeyType.INT8, 1, null);
        distributed(tables, "order_items", "customer_id", KeyType.INT8, 0, null);
        distributed(tables, "carts", "customer_id", KeyType.INT8, 0, null);
        distributed(tables, "documents", "tenant_id", KeyType.INT8, 0, null);
        distributed(tables, "events", "id", KeyType.INT8, 0, "public.events_id_seq");
        // other key types
        distributed(tables, "sessions", "sid", KeyType.UUID, 0, null);
        distributed(tables, "tenant_settings", "tenant", KeyType.TEXT, 0, null);
        // pgbench
        distributed(tables, "pgbench_accounts", "aid", KeyType.INT4, 0, null);
        // TPC-C, co-located by warehouse
        distributed(tables, "warehouse", "w_id", KeyType.INT4, 0, null);
        distributed(tables, "district", "d_w_id", KeyType.INT4, 1, null);
        distributed(tables, "customer", "c_w_id", KeyType.INT4, 2, null);
        distributed(tables, "history", "h_w_id", KeyType.INT4, 4, null);
        distributed(tables, "new_order", "no_w_id", KeyType.INT4, 2, null);
        distributed(tables, "oorder", "o_w_id", KeyType.INT4, 2, null);
        distributed(tables, "order_line", "ol_w_id", KeyType.INT4, 2, null);
        distributed(tables, "stock", "s_w_id", KeyType.INT4, 1, null);
        for (String r : List.of("products", "categories", "countries", "item", "pgbench_branches",
                "pgbench_tellers")) {
            tables.put(r, TableInfo.reference(r));
        }
        return new Catalog(11, List.of(group("g1", 5001), group("g2", 5002), group("g3", 5003)), 0, tables,
                Map.of());
    }

    private static void distributed(Map<String, TableInfo> tables, String name, String key, KeyType type,
            int ordinal, String sequence) {
        tables.put(name, new TableInfo(name, TableKind.DISTRIBUTED, key, type, SLOTS, ordinal, sequence, false));
    }

    private static GroupInfo group(String name, int port) {
        return GroupInfo.of(name, new NodeAddress("127.0.0.1", port, "db"));
    }

    private static StatementCorpus.Keys keysOnTwoGroups() {
        Placement placement = Placement.compute(SLOTS, NAMES);
        long a = 1;
        long b = 2;
        while (placement.groupOf(SlotHasher.slotOfLong(b, SLOTS)) == placement.groupOf(SlotHasher.slotOfLong(a, SLOTS))) {
            b++;
        }
        return new StatementCorpus.Keys(a, b);
    }

    /** What happened to one statement. */
    record Outcome(String kind, String sqlState, String message, Route route) {

        boolean refused() {
            return kind.equals("refuse");
        }
    }

    /** Analyses and routes one entry, as the driver would before executing anything. */
    static Outcome run(Entry entry) {
        String sql = KEYS.substitute(entry.sql());
        StatementPlan plan = ANALYZER.analyze(sql, CATALOG, CATALOG.version());
        List<Object> values = entry.params() == null ? null : KEYS.values(entry.params());
        if (values != null) {
            assertThat(values).as("parameter values of %s", entry).hasSize(plan.parameterCount());
        }
        switch (plan.kind()) {
            case DDL: return new Outcome("ddl", null, null, null);
            case SET: return new Outcome("set", null, null, null);
            case TRANSACTION: return new Outcome("txn", null, null, null);
            case SYNAPSE_CALL: return new Outcome("call", null, null, null);
            default: break;
        }
        ParamSource params = index -> {
            if (index < 1 || index > plan.parameterCount()) {
                throw new SQLException("statement has no parameter " + index, "07001");
            }
            return values == null ? Long.valueOf(1) : values.get(index - 1);
        };
        try {
            Route route = Router.route(plan, params, CATALOG, generatedKeys(plan), -1);
            return new Outcome(route.kind().name().toLowerCase(java.util.Locale.ROOT), null, null, route);
        } catch (SQLException e) {
            String kind = "0A000".equals(e.getSQLState()) ? "refuse" : "error";
            return new Outcome(kind, e.getSQLState(), e.getMessage(), null);
        }
    }

    /** Like the driver: a serial shard key the INSERT omits gets values from its sequence. */
    private static long[] generatedKeys(StatementPlan plan) {
        InsertShape insert = plan.insert();
        if (insert == null || insert.fromSelect() || !insert.rowKeys().contains(null)) {
            return null;
        }
        TableInfo table = CATALOG.find(insert.table());
        if (table == null || table.keySequence() == null) {
            return null;
        }
        long[] keys = new long[insert.rowKeys().size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = 1000 + i;
        }
        return keys;
    }

    private static void check(Entry entry, Outcome outcome) {
        String expect = entry.expect();
        String sql = KEYS.substitute(entry.sql());
        if (outcome.route() != null) {
            int[] groups = outcome.route().groups();
            assertThat(groups).as("groups of %s", entry).isNotEmpty().isSorted().doesNotHaveDuplicates();
            assertThat(groups[groups.length - 1]).as("groups of %s", entry).isLessThan(CATALOG.groupCount());
        }
        if (outcome.kind().equals("error")) {
            Matcher m = ERROR.matcher(expect);
            if (!m.matches()) {
                fail("%s failed with %s (%s), not a route or 0A000:%n%s", entry, outcome.sqlState(),
                        outcome.message(), sql);
            }
            assertThat(outcome.sqlState()).as("SQLState of %s", entry).isEqualTo(m.group(1));
            return;
        }
        if (outcome.refused()) {
            assertThat(outcome.message()).as("refusal message of %s", entry).isNotBlank();
            Matcher m = REFUSE.matcher(expect);
            if (!m.matches()) {
                fail("%s expected %s but was refused: %s%n%s", entry, expect, outcome.message(), sql);
            }
            assertThat(outcome.message()).as("refusal message of %s", entry).containsIgnoringCase(m.group(1));
            return;
        }
        if (expect.equals("routed")) {
            assertThat(outcome.route()).as("route of %s", entry).isNotNull();
            return;
        }
        assertThat(outcome.kind()).as("outcome of %s%n%s", entry, sql).isEqualTo(expect);
    }

    @TestFactory
    Stream<DynamicTest> everyStatementRoutesOrIsRefusedAsExpected() {
        return StatementCorpus.load().stream().map(entry -> DynamicTest.dynamicTest(entry.toString(),
                () -> check(entry, run(entry))));
    }

    @Test
    void corpusIsLargeAndCoversTheKindsOfTheIssue() {
        List<Entry> entries = StatementCorpus.load();
        assertThat(entries).hasSizeGreaterThanOrEqualTo(200);
        String all = String.join("\n", entries.stream().map(Entry::sql).toList()).toLowerCase(java.util.Locale.ROOT);
        for (String needle : List.of("fetch first ? rows only", "offset ? rows", "->>", "@>", "??", "#>>", "::",
                "with recursive", "<->", "<=>", "<#>", "on conflict", "do nothing", "do update", "returning",
                " over (", "distinct on", "lateral", "any(", "create table", "pgbench_accounts", "new_order")) {
            assertThat(all).as("the corpus uses %s", needle).contains(needle);
        }
    }

    /**
     * Every entry's outcome counted by kind, so the report shows how much of the corpus routes and
     * how much is refused; also checks the tally holds both.
     */
    @Test
    void tallyOfOutcomes() {
        Map<String, Integer> tally = new TreeMap<>();
        List<String> refusals = new ArrayList<>();
        for (Entry entry : StatementCorpus.load()) {
            Outcome o = run(entry);
            tally.merge(o.kind(), 1, Integer::sum);
            if (o.refused()) {
                refusals.add(entry + ": " + o.message());
            }
        }
        int refused = tally.getOrDefault("refuse", 0);
        int routed = tally.entrySet().stream()
                .filter(e -> !e.getKey().equals("refuse") && !e.getKey().equals("error"))
                .mapToInt(Map.Entry::getValue).sum();
        System.out.println("statement corpus: " + routed + " routed or handled, " + refused + " refused (0A000), "
                + tally.getOrDefault("error", 0) + " application errors; by outcome " + tally);
        refusals.forEach(r -> System.out.println("  refused " + r));
        assertThat(tally.keySet()).contains("single", "multi", "all", "any", "home", "broadcast", "ddl", "refuse");
        assertThat(routed).isGreaterThan(refused);
    }
}

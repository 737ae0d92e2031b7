package io.synapsedb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.synapsedb.it.AdversarialCorpus.Entry;
import io.synapsedb.it.AdversarialCorpus.Step;
import io.synapsedb.jdbc.SynapseDataSource;
import io.synapsedb.local.LocalCluster;
import io.synapsedb.local.LocalNode;
import io.synapsedb.local.LocalPostgres;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.postgresql.util.PSQLException;

/**
 * Issue 11 §6: the adversarial corpus ({@code corpus/adversarial.sql}) over a 3-node cluster, each
 * step also run on a plain PostgreSQL holding the same tables; after every step {@link ClusterChecker}
 * finds every node's schema identical and every table holding exactly PostgreSQL's rows. Then: NUL
 * bytes never open a breaker, and the checker catches the findings when the driver is
 * bypassed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 15, unit = TimeUnit.MINUTES)
@LocalPostgres(nodes = 4)
class AdversarialCorpusIT {

    private static final String BREAKER_STATE = "synapse.breaker.state";

    private static LocalCluster servers;
    private static List<LocalNode> nodes;
    private static LocalNode oracleNode;
    private static SimpleMeterRegistry registry;
    private static SynapseDataSource source;
    private static ClusterChecker checker;

    @BeforeAll
    static void start() throws Exception {
        nodes = servers.nodes().subList(0, 3);
        oracleNode = servers.node(3);
        registry = new SimpleMeterRegistry();
        source = new SynapseDataSource(url(nodes) + "&breakerMinimumCalls=5&breakerOpenMs=600000");
        source.setMeterRegistry(registry);
        try (Connection c = source.getConnection(); Connection o = oracleNode.connect()) {
            both(c, o, "CREATE TABLE accounts (id bigint PRIMARY KEY, owner text NOT NULL,"
                    + " balance numeric NOT NULL DEFAULT 0, note text, CHECK (balance >= 0))");
            both(c, o, "CREATE TABLE victim (id int PRIMARY KEY, v text)");
            both(c, o, "CREATE TABLE victim2 (id int PRIMARY KEY, v text)");
            both(c, o, "CREATE TABLE currencies (code text PRIMARY KEY, name text)");
            both(c, o, "CREATE TABLE tenants (tenant text PRIMARY KEY, plan text)");
            both(c, o, "CREATE TABLE notes (id int PRIMARY KEY, body text)");
            both(c, o, "CREATE TABLE " + AdversarialCorpus.LONGNAME + " (k int PRIMARY KEY, v text)");
            try (Statement st = c.createStatement()) {
                st.execute("SELECT synapse.distribute_table('accounts', 'id')");
                st.execute("SELECT synapse.distribute_table('victim', 'id')");
                st.execute("SELECT synapse.distribute_table('tenants', 'tenant')");
                st.execute("SELECT synapse.reference_table('victim2')");
                st.execute("SELECT synapse.reference_table('currencies')");
                st.execute("SELECT synapse.reference_table('" + AdversarialCorpus.LONGNAME + "')");
            }
            both(c, o, "INSERT INTO accounts (id, owner, balance) VALUES " + rows(20, "(%d, 'owner%d', %d0)"));
            both(c, o, "INSERT INTO victim VALUES " + rows(10, "(%d, 'v%d')"));
            both(c, o, "INSERT INTO victim2 VALUES " + rows(5, "(%d, 'w%d')"));
            both(c, o, "INSERT INTO currencies VALUES ('EUR', 'euro'), ('USD', 'dollar')");
            both(c, o, "INSERT INTO tenants VALUES ('acme', 'free'), ('globex', 'pro')");
            both(c, o, "INSERT INTO notes VALUES " + rows(3, "(%d, 'note%d')"));
            both(c, o, "INSERT INTO " + AdversarialCorpus.LONGNAME + " VALUES " + rows(5, "(%d, 'k%d')"));
        }
        checker = new ClusterChecker(nodes, 0, oracleNode);
        checker.check("the set-up");
    }

    @AfterAll
    static void stop() throws Exception {
        if (checker != null) {
            checker.close();
        }
        if (source != null) {
            source.close();
        }
    }

    private static String url(List<LocalNode> cluster) {
        return cluster.stream().map(n -> n.host() + ":" + n.port()).collect(Collectors.joining(",",
                "jdbc:synapse://", "/" + cluster.get(0).database() + "?user=" + cluster.get(0).user()));
    }

    private static String rows(int n, String format) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(format.replace("%d", Integer.toString(i)));
        }
        return String.join(", ", out);
    }

    private static void both(Connection synapse, Connection oracle, String sql) throws SQLException {
        try (Statement st = synapse.createStatement()) {
            st.execute(sql);
        }
        try (Statement st = oracle.createStatement()) {
            st.execute(sql);
        }
    }

    @Test
    @Order(1)
    void everyInputRunsAsPostgresWouldOrIsRefusedBeforeAnythingRuns() throws Exception {
        List<Entry> corpus = AdversarialCorpus.load();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(54);
        List<String> failures = new ArrayList<>();
        for (Entry entry : corpus) {
            Connection c = source.getConnection();
            try (Connection o = oracleNode.connect()) {
                for (int s = 0; s < entry.steps().size(); s++) {
                    Step step = entry.steps().get(s);
                    String where = entry + (entry.steps().size() > 1 ? ", step " + (s + 1) : "");
                    SQLException error = run(c, step);
                    String problem = unexpected(step, error);
                    if (problem != null) {
                        failures.add(where + ": " + problem);
                    }
                    if (error == null || !"0A000".equals(error.getSQLState())) {
                        run(o, step); // what PostgreSQL itself does with it, error or not
                    }
                    checker.check(where);
                }
            } finally {
                try {
                    c.close();
                } catch (SQLException e) {
                    failures.add(entry + ": closing the connection failed: " + ClusterSupport.messages(e));
                }
            }
        }
        assertThat(failures).as("steps whose outcome was not the expected one").isEmpty();
        assertThat(breakerStates()).as("breakers after the corpus").containsOnly(0.0);
    }

    @Test
    @Order(2)
    void injectionThroughTheJdbcApiChangesNothing() throws Exception {
        String drop = "\"; DROP TABLE victim; --";
        try (Connection c = source.getConnection()) {
            assertThatThrownBy(() -> c.setSchema("public" + drop)).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("0A000"));
            c.setClientInfo("ApplicationName", "x'" + drop);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO notes (id, body) VALUES (500, 'k')",
                    new String[] {"id" + drop})) {
                assertThatThrownBy(ps::executeUpdate).isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42703"));
            }
            c.setAutoCommit(false);
            java.sql.Savepoint sp = c.setSavepoint("a" + drop);
            try (Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE accounts SET note = 'in a savepoint' WHERE id = 6");
            }
            c.rollback(sp);
            c.rollback();
            c.setAutoCommit(true);
            try (Statement st = c.createStatement()) {
                assertThat(st.execute("SELECT 1")).isTrue();
            }
        }
        checker.check("injection through setSchema, setClientInfo, generated-key names and savepoint names");
    }

    @Test
    @Order(3)
    void badStatementsNeverOpenABreaker() throws Exception {
        // breakerMinimumCalls=5 with a 50% failure rate: ten counted failures would open it.
        String[][] bad = {
            {"INSERT INTO notes VALUES (4, 'a\0b')", "22021"},                     // the NUL byte
            {"SELEC 1", "42601"},
            {"INSERT INTO accounts (id, owner) VALUES (2, 'dup')", "23505"},
            {"SELECT 1 / 0 FROM accounts WHERE id = 3", "22012"},
            {"SELECT pg_sleep(10) FROM accounts WHERE id = 4", "57014"},           // statement_timeout below
        };
        try (Connection c = source.getConnection(); Statement st = c.createStatement()) {
            st.execute("SET statement_timeout = 50");
            for (int i = 0; i < 12; i++) {
                for (String[] b : bad) {
                    assertThatThrownBy(() -> st.execute(b[0])).as(b[0]).isInstanceOf(SQLException.class)
                            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo(b[1]));
                }
            }
            assertThat(st.execute("SELECT 1")).isTrue();
        }
        assertThat(breakerStates()).hasSize(3).containsOnly(0.0);
        checker.check("sixty bad statements");
        // The same reading shows an open breaker: statements on a node that is down open its breaker.
        SimpleMeterRegistry downRegistry = new SimpleMeterRegistry();
        try (LocalCluster down = LocalCluster.builder().name("adversarial-it-down").nodes(1).durable(false).start();
             SynapseDataSource ds = new SynapseDataSource(url(down.nodes())
                     + "&breakerMinimumCalls=5&breakerOpenMs=600000&connectionTimeoutMs=250")) {
            ds.setMeterRegistry(downRegistry);
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                assertThat(st.execute("SELECT 1")).isTrue();
                down.node(0).stop();
                for (int i = 0; i < 6; i++) {
                    assertThatThrownBy(() -> st.execute("SELECT 1")).isInstanceOf(SQLException.class);
                }
            }
            assertThat(breakerStates(downRegistry)).containsExactly(1.0);
        }
    }

    @Test
    @Order(4)
    void errorsNameTheLogicalTableAndCarryNoBoundValue() throws Exception {
        try (Connection c = source.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO accounts (id, owner, balance) VALUES (?, ?, ?)")) {
                ps.setLong(1, 3);
                ps.setString(2, "dup");
                ps.setInt(3, 0);
                PSQLException e = catchPsql(ps::execute);
                assertThat(e.getSQLState()).isEqualTo("23505");
                assertThat(e.getMessage()).contains("\"accounts_pkey\"").doesNotContain("accounts_s");
                assertThat(e.getServerErrorMessage().getTable()).isEqualTo("accounts");
                assertThat(e.getServerErrorMessage().getConstraint()).isEqualTo("accounts_pkey");
                // the detail, which echoes the key, is not in the message but stays readable
                assertThat(e.getMessage()).doesNotContain("(id)=(3)");
                assertThat(e.getServerErrorMessage().getDetail()).contains("(id)=(3)");
                ps.setLong(1, 3000);
                ps.setString(2, "neg");
                ps.setObject(3, "not-a-number-s3cret", Types.OTHER); // PostgreSQL reads it as numeric, and fails
                PSQLException bad = catchPsql(ps::execute);
                assertThat(bad.getSQLState()).isEqualTo("22P02");
                assertThat(ClusterSupport.messages(bad)).doesNotContain("s3cret");
                ps.setInt(3, -5);
                PSQLException check = catchPsql(ps::execute);
                assertThat(check.getSQLState()).isEqualTo("23514");
                assertThat(check.getServerErrorMessage().getTable()).isEqualTo("accounts");
                assertThat(ClusterSupport.messages(check)).doesNotContain("accounts_s");
            }
        }
    }

    private static PSQLException catchPsql(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(t).isInstanceOf(PSQLException.class);
        return (PSQLException) t;
    }

    @Test
    @Order(5)
    void theCheckerCatchesWhatTheDriverRefusesWhenTheDriverIsBypassed() throws Exception {
        // A row written to one group's copy of a reference table.
        try (Connection direct = nodes.get(1).connect(); Statement st = direct.createStatement()) {
            st.execute("INSERT INTO victim2 VALUES (99, 'one group only')");
            assertThatThrownBy(() -> checker.check("a row on node1 only")).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("rows of victim2 on node1");
            st.execute("DELETE FROM victim2 WHERE id = 99");
        }
        checker.check("the row removed again");
        // Finding 1 as PostgreSQL reads it once standard_conforming_strings is off.
        try (Connection direct = nodes.get(2).connect(); Statement st = direct.createStatement()) {
            st.execute("SET standard_conforming_strings = off");
            st.execute("SELECT '\\'' ; DROP TABLE victim2; --'");
        }
        assertThatThrownBy(() -> checker.check("finding 1 on node2")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("schema of node2").hasMessageContaining("relation public.victim2 r");
        // Finding 2 as the driver used to run it: the whole text on the home group.
        try (Connection direct = nodes.get(0).connect(); Statement st = direct.createStatement()) {
            st.execute("SELECT 1; DO $$BEGIN EXECUTE 'DROP TABLE victim'; END$$");
        }
        assertThatThrownBy(() -> checker.check("finding 2 on the home group")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("schema of node1").hasMessageContaining("relation public.victim p");
    }

    /** Runs one step; returns its error, or null when it succeeded. */
    private static SQLException run(Connection c, Step step) {
        try {
            if (step.params() == null) {
                try (Statement st = c.createStatement()) {
                    st.execute(step.sql());
                }
            } else {
                try (PreparedStatement ps = c.prepareStatement(step.sql())) {
                    for (int i = 0; i < step.params().size(); i++) {
                        bind(ps, i + 1, step.params().get(i));
                    }
                    ps.execute();
                }
            }
            return null;
        } catch (SQLException e) {
            return e;
        }
    }

    private static void bind(PreparedStatement ps, int i, Object v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.VARCHAR);
        } else if (v instanceof Long l) {
            ps.setLong(i, l);
        } else if (v instanceof String s) {
            ps.setString(i, s);
        } else if (v instanceof BigDecimal d) {
            ps.setBigDecimal(i, d);
        } else {
            ps.setObject(i, v);
        }
    }

    /** Why the step's outcome is not the expected one, or null. */
    private static String unexpected(Step step, SQLException error) {
        String state = error == null ? null : error.getSQLState();
        String got = error == null ? "success" : "SQLState " + state + " (" + error.getMessage() + ")";
        switch (step.outcome()) {
            case OK:
                if (error != null) {
                    return "expected success, got " + got;
                }
                break;
            case REFUSED:
                if (!"0A000".equals(state)) {
                    return "expected a refusal (0A000), got " + got;
                }
                break;
            case ERROR:
                if (error == null || "0A000".equals(state) || (step.state() != null && !step.state().equals(state))) {
                    return "expected an error" + (step.state() == null ? "" : " " + step.state()) + ", got " + got;
                }
                break;
            default:
                if ("0A000".equals(state)) {
                    return "expected PostgreSQL's answer, got " + got;
                }
        }
        if (step.messageHas() != null && (error == null || error.getMessage() == null
                || !error.getMessage().contains(step.messageHas()))) {
            return "the message does not say '" + step.messageHas() + "': " + got;
        }
        if (step.messageLacks() != null && error != null && ClusterSupport.messages(error).contains(step.messageLacks())) {
            return "a message says '" + step.messageLacks() + "': " + ClusterSupport.messages(error);
        }
        return null;
    }

    private static List<Double> breakerStates() {
        return breakerStates(registry);
    }

    private static List<Double> breakerStates(SimpleMeterRegistry r) {
        return r.find(BREAKER_STATE).gauges().stream().map(Gauge::value).toList();
    }
}

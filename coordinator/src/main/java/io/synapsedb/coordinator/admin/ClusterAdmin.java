package io.synapsedb.coordinator.admin;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.synapsedb.coordinator.Coordinator;
import io.synapsedb.coordinator.CoordinatorException;
import io.synapsedb.coordinator.LeaderElection;
import io.synapsedb.coordinator.Leadership;
import io.synapsedb.coordinator.MemberInfo;
import io.synapsedb.txn.InDoubtTransaction;
import io.synapsedb.txn.RecoveryResult;
import io.synapsedb.txn.TransactionRecovery;
import io.synapsedb.txn.TxnMetrics;

/**
 * The coordinator's cluster services on one member: the admin HTTP API, its Prometheus meters, and the
 * leader jobs. The standalone coordinator starts it; an application that embeds a member can too:
 *
 * <pre>
 * ClusterAdmin admin = ClusterAdmin.start(coordinator, AdminConfig.builder().port(8080).groups(groups).build());
 * </pre>
 *
 * <p>Starting it makes this member a candidate of the configured election ({@code leader}). Endpoints (GET,
 * JSON unless noted): {@code /status} (member, leader, members, quorum), {@code /groups}, {@code /nodes},
 * {@code /tables}, {@code /transactions} (two-phase transactions held prepared), {@code /schema}
 * (versions per node) and {@code /metrics} (Prometheus text). See coordinator/README.md.
 */
public final class ClusterAdmin implements AutoCloseable {

    private final Coordinator coordinator;
    private final AdminConfig config;
    private final LeaderElection election;
    private final PrometheusMeterRegistry registry;
    private final NodeHealth health;
    private final TransactionRecovery recovery;
    private final CatalogReader catalog;
    private final LeaderJobs jobs;
    private final AdminServer server;

    private ClusterAdmin(Coordinator coordinator, AdminConfig config) throws IOException, CoordinatorException {
        this.coordinator = coordinator;
        this.config = config;
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.election = coordinator.election(config.election());
        PostgresGroups groups = config.groups();
        if (groups != null) {
            health = new NodeHealth(groups, registry);
            recovery = new TransactionRecovery(groups.groupNames(), groups::open, config.recoveryMinAge().toMillis(),
                    new TxnMetrics(registry));
            catalog = new CatalogReader(groups);
        } else {
            health = null;
            recovery = null;
            catalog = null;
        }
        Gauge.builder("synapse.coordinator.members.reachable", coordinator,
                c -> c.membership().members().stream().filter(MemberInfo::reachable).count())
                .description("Coordinator members this member's SWIM view shows reachable").register(registry);
        Gauge.builder("synapse.coordinator.quorum", this, a -> a.hasQuorum() ? 1 : 0)
                .description("1 when a majority of the voting members is reachable").register(registry);
        election.join();
        LeaderJobs started = null;
        AdminServer http = null;
        try {
            if (health != null) {
                started = new LeaderJobs(election, config.jobInterval(), health, recovery, registry);
            }
            http = new AdminServer(config.bindHost(), config.port(), jsonEndpoints(),
                    Map.of("/metrics", new AdminServer.TextEndpoint("text/plain; version=0.0.4; charset=utf-8",
                            registry::scrape)));
        } catch (IOException | RuntimeException e) {
            if (started != null) {
                started.close();
            }
            try {
                election.leave();
            } catch (CoordinatorException leaveFailed) {
                e.addSuppressed(leaveFailed);
            }
            registry.close();
            throw new IOException("cannot start the admin HTTP API on " + config.bindHost() + ":" + config.port()
                    + ": " + e.getMessage(), e);
        }
        this.jobs = started;
        this.server = http;
    }

    /**
     * Joins the election, starts the leader jobs (when groups are configured) and the HTTP server.
     *
     * @throws IOException when the HTTP port cannot be bound
     * @throws CoordinatorException when the election cannot be joined (no quorum)
     */
    public static ClusterAdmin start(Coordinator coordinator, AdminConfig config) throws IOException, CoordinatorException {
        return new ClusterAdmin(coordinator, config);
    }

    /** The HTTP port actually bound. */
    public int port() {
        return server.port();
    }

    /** The leader jobs, or null without configured groups. */
    public LeaderJobs jobs() {
        return jobs;
    }

    /** The registry behind {@code /metrics}. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    private Map<String, AdminServer.JsonEndpoint> jsonEndpoints() {
        Map<String, AdminServer.JsonEndpoint> m = new LinkedHashMap<>();
        m.put("/status", this::status);
        m.put("/groups", this::groups);
        m.put("/nodes", this::nodes);
        m.put("/tables", this::tables);
        m.put("/transactions", this::transactions);
        m.put("/schema", this::schema);
        return m;
    }

    private boolean hasQuorum() {
        return coordinator.hasQuorum();
    }

    private Object status() {
        Leadership l = election.leadership();
        Set<String> voters = Set.copyOf(coordinator.voters());
        List<Object> members = new ArrayList<>();
        for (MemberInfo m : coordinator.membership().members()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("id", m.id());
            e.put("address", m.host() + ":" + m.port());
            e.put("reachable", m.reachable());
            e.put("voter", voters.contains(m.id()));
            e.put("local", m.local());
            members.add(e);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("member", coordinator.localMemberId());
        out.put("election", l.election());
        out.put("leader", l.leader().orElse(null));
        out.put("term", l.term());
        out.put("isLeader", l.local());
        out.put("quorum", hasQuorum());
        out.put("voters", voters.size());
        out.put("members", members);
        if (jobs != null) {
            out.put("jobRuns", jobs.runs());
            out.put("lastJobRun", jobs.lastRun());
        }
        return out;
    }

    private PostgresGroups requireGroups(String path) throws SQLException {
        if (config.groups() == null) {
            throw new SQLException(path + " needs the PostgreSQL groups (the 'postgres:' section of the"
                    + " coordinator's YAML, or AdminConfig.groups)", "55000");
        }
        return config.groups();
    }

    private Object groups() throws SQLException {
        PostgresGroups groups = requireGroups("/groups");
        Map<Integer, Map<String, Integer>> slots;
        String catalogError = null;
        try {
            slots = catalog.catalog().slotsByGroup();
        } catch (SQLException e) {
            slots = Map.of();
            catalogError = e.getMessage();
        }
        Map<String, NodeStatus> health = lastHealth();
        List<Object> out = new ArrayList<>();
        for (PostgresGroups.Group g : groups.groups()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", g.name());
            e.put("primary", g.address());
            NodeStatus s = health.get(g.name());
            e.put("up", s == null ? null : s.up());
            Map<String, Object> owned = new LinkedHashMap<>();
            for (Map.Entry<Integer, Map<String, Integer>> bySlots : slots.entrySet()) {
                owned.put(String.valueOf(bySlots.getKey()), bySlots.getValue().getOrDefault(g.name(), 0));
            }
            e.put("slotsOwned", owned); // per slot count (a table's S): how many of the S slots this group owns
            out.add(e);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("database", groups.database());
        result.put("groups", out);
        if (catalogError != null) {
            result.put("catalogError", catalogError);
        }
        return result;
    }

    /** The leader's last results; on another member (or before the first pass) a check made now. */
    private Map<String, NodeStatus> lastHealth() {
        List<NodeStatus> last = health.lastResults();
        Duration maxAge = config.jobInterval().multipliedBy(2);
        if (last.isEmpty() || last.get(0).checkedAt().isBefore(Instant.now().minus(maxAge))) {
            last = health.checkAll();
        }
        Map<String, NodeStatus> byGroup = new LinkedHashMap<>();
        last.forEach(s -> byGroup.put(s.group(), s));
        return byGroup;
    }

    private Object nodes() throws SQLException {
        requireGroups("/nodes");
        List<Object> out = new ArrayList<>();
        for (NodeStatus s : lastHealth().values()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("group", s.group());
            e.put("address", s.address());
            e.put("role", "primary");
            e.put("up", s.up());
            e.put("latencyMs", s.latencyMs());
            e.put("error", s.error());
            e.put("checkedAt", s.checkedAt());
            out.add(e);
        }
        return Map.of("nodes", out);
    }

    private Object tables() throws SQLException {
        requireGroups("/tables");
        CatalogReader.CatalogView view = catalog.catalog();
        List<Object> tables = new ArrayList<>();
        for (CatalogReader.TableEntry t : view.tables()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", t.name());
            e.put("kind", lower(t.kind())); // the catalog stores enum names (DISTRIBUTED, INT8)
            e.put("shardKey", t.shardKey());
            e.put("keyType", lower(t.keyType()));
            e.put("slots", t.slots());
            tables.add(e);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("catalogVersion", view.catalogVersion());
        out.put("source", view.source());
        out.put("tables", tables);
        return out;
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(java.util.Locale.ROOT);
    }

    private Object transactions() throws SQLException {
        requireGroups("/transactions");
        List<Object> list = new ArrayList<>();
        for (InDoubtTransaction t : recovery.list()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("gid", t.gid());
            e.put("groups", t.groups());
            e.put("state", t.state());
            e.put("ageMs", t.ageMs());
            list.add(e);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("transactions", list);
        RecoveryResult last = jobs == null ? null : jobs.lastRecovery();
        if (last != null) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("committed", last.committed());
            r.put("rolledBack", last.rolledBack());
            r.put("inDoubt", last.inDoubt());
            r.put("skipped", last.skipped());
            r.put("unreachableGroups", last.unreachableGroups());
            out.put("lastRecoveryHere", r);
        }
        return out;
    }

    private Object schema() throws SQLException {
        requireGroups("/schema");
        List<Object> nodes = new ArrayList<>();
        List<CatalogReader.NodeVersions> versions = catalog.versions();
        for (CatalogReader.NodeVersions v : versions) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("group", v.group());
            e.put("address", v.address());
            e.put("recordedGroup", v.recordedGroup());
            e.put("catalogVersion", v.catalogVersion() < 0 ? null : v.catalogVersion());
            e.put("schemaVersion", v.schemaVersion());
            e.put("error", v.error());
            nodes.add(e);
        }
        long max = versions.stream().mapToLong(CatalogReader.NodeVersions::catalogVersion).max().orElse(-1);
        // consistent: every node was read and records the same catalog version
        boolean same = versions.stream().allMatch(v -> v.error() == null && v.catalogVersion() == max);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("catalogVersion", max < 0 ? null : max);
        out.put("consistent", same);
        out.put("nodes", nodes);
        return out;
    }

    /** Stops the HTTP server and the leader jobs; leaves the election. The coordinator stays open. */
    @Override
    public void close() {
        server.close();
        if (jobs != null) {
            jobs.close();
        }
        try {
            election.leave();
        } catch (CoordinatorException e) {
            // the coordinator may be closing too; its session expiry ends the candidacy anyway
        }
        registry.close();
    }
}

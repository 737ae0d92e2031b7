package io.synapsedb.config;

import io.synapsedb.core.GroupInfo;
import io.synapsedb.core.NodeAddress;
import io.synapsedb.spi.ClusterTopology;
import io.synapsedb.spi.CoordinatorSettings;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The immutable configuration of one SynapseDB cluster runtime: topology (groups, tables), the
 * credentials and pgJDBC properties of the physical connections, pool, breaker and cache
 * settings.
 *
 * <p>Two configs are {@link #equals equal} when they would build the same runtime, so the driver
 * shares one runtime (pools, breakers, plan cache) among all connections with an equal config.
 *
 * <p>Obtain one from a URL with {@link #fromUrl(String, Properties)} or build it in code:
 * <pre>{@code
 * SynapseConfig config = SynapseConfig.builder()
 *         .group(GroupInfo.of("g1", new NodeAddress("db1", 5432, "shop")))
 *         .group(GroupInfo.of("g2", new NodeAddress("db2", 5432, "shop")))
 *         .user("app").password(secret)
 *         .table(TableDeclaration.distributed("orders", "customer_id"))
 *         .build();
 * }</pre>
 *
 * <h2>URL forms</h2>
 * <ul>
 *   <li>{@code jdbc:synapse://h1:p1,h2:p2,h3:p3/db?user=...&password=...&poolSize=20}: each host is
 *   a group of one primary, named {@code g1}, {@code g2}, {@code g3} in URL order. The order
 *   therefore defines the group names, and placement hashes those names: reordering the hosts of
 *   an existing cluster moves its data. The port defaults to 5432; IPv6 literals go in brackets,
 *   {@code [::1]:5432}. Without {@code /db} the database defaults to the user name, as in
 *   PostgreSQL.</li>
 *   <li>{@code jdbc:synapse:?config=/etc/shop/synapse.yaml} or {@code ?config=classpath:synapse.yaml}
 *   (also {@code jdbc:synapse://?config=...} and {@code jdbc:synapse:///?config=...}): the cluster
 *   is described by a YAML file, see {@link SynapseProperty#CONFIG}.</li>
 * </ul>
 * Query values are percent-decoded as in pgJDBC. Precedence, highest first: URL query, then the
 * {@code info} properties, then the config file, then the defaults of {@link SynapseProperty}.
 * (This is pgJDBC's rule: its {@code Driver.parseURL} lets URL parameters override {@code info}.)
 *
 * <h2>Errors</h2>
 * Every problem fails with an {@link SQLException} before anything is started: SQLState
 * {@code 22023} for an unknown property or invalid value (the message names the property and
 * its origin, never a password), {@code 08001} for a config file that cannot be read or a URL
 * that is not {@code jdbc:synapse:}.
 */
public final class SynapseConfig {

    private final List<GroupInfo> groups;
    private final String homeGroup;
    private final String database;
    private final String user;
    private final String password;
    private final Map<String, String> pgProperties;
    private final int poolSize;
    private final int poolMinIdle;
    private final long connectionTimeoutMs;
    private final int defaultSlots;
    private final List<TableDeclaration> tables;
    private final int planCacheSize;
    private final int keyBlockSize;
    private final long catalogRefreshMs;
    private final float breakerFailureRateThreshold;
    private final int breakerMinimumCalls;
    private final long breakerOpenMs;
    private final boolean failOnFullFanout;
    private final boolean directPartitions;
    private final long nodeTimeoutMs;
    private final long healthCheckIntervalMs;
    private final long recoveryIntervalMs;
    private final long recoveryMinAgeMs;
    private final long ddlLockTimeoutMs;
    private final CoordinatorSettings coordinator;
    private final Builder source;

    private SynapseConfig(Builder b, String homeGroup, String database) {
        this.coordinator = b.coordinator;
        this.source = b.copy();
        this.groups = List.copyOf(b.groups);
        this.homeGroup = homeGroup;
        this.database = database;
        this.user = b.user;
        this.password = b.password;
        this.pgProperties = Collections.unmodifiableMap(new TreeMap<>(b.pgProperties));
        this.poolSize = b.poolSize;
        this.poolMinIdle = b.poolMinIdle;
        this.connectionTimeoutMs = b.connectionTimeoutMs;
        this.defaultSlots = b.defaultSlots;
        this.tables = List.copyOf(b.tables);
        this.planCacheSize = b.planCacheSize;
        this.keyBlockSize = b.keyBlockSize;
        this.catalogRefreshMs = b.catalogRefreshMs;
        this.breakerFailureRateThreshold = b.breakerFailureRateThreshold;
        this.breakerMinimumCalls = b.breakerMinimumCalls;
        this.breakerOpenMs = b.breakerOpenMs;
        this.failOnFullFanout = b.failOnFullFanout;
        this.directPartitions = b.directPartitions;
        this.nodeTimeoutMs = b.nodeTimeoutMs;
        this.healthCheckIntervalMs = b.healthCheckIntervalMs;
        this.recoveryIntervalMs = b.recoveryIntervalMs;
        this.recoveryMinAgeMs = b.recoveryMinAgeMs;
        this.ddlLockTimeoutMs = b.ddlLockTimeoutMs;
    }

    /** A builder with every setting at its {@link SynapseProperty} default and no groups. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads a {@code jdbc:synapse:} URL, the driver/data-source properties and, when the URL
     * names one, the YAML config file.
     *
     * @param url a {@code jdbc:synapse:} URL
     * @param info {@code user}, {@code password}, any {@link SynapseProperty} or pgJDBC property;
     *     may be {@code null}. URL parameters win over these for the same name (pgJDBC's rule).
     * @throws SQLException 22023 for an invalid URL, property or value; 08001 for a URL that is
     *     not {@code jdbc:synapse:} or a config file that cannot be read
     */
    public static SynapseConfig fromUrl(String url, Properties info) throws SQLException {
        return UrlConfigReader.read(url, info);
    }

    /** Whether {@code url} is one of this driver's: true exactly for {@code jdbc:synapse:...}. */
    public static boolean acceptsUrl(String url) {
        return SynapseUrl.accepts(url);
    }

    /**
     * How to reach the coordinator in cluster mode, or {@code null} when the groups come from this
     * configuration alone.
     */
    public CoordinatorSettings coordinator() {
        return coordinator;
    }

    /**
     * This configuration with the groups, home group and database of {@code topology} (cluster
     * mode: the coordinator's topology replaces whatever groups the URL or file named). The
     * database of the URL or file, when given, wins: an application may use another database of
     * the same servers.
     *
     * @throws SQLException 22023 when a node address of the topology is invalid, or the
     *     configuration names a home group the topology does not have as its home group
     */
    public SynapseConfig withTopology(ClusterTopology topology) throws SQLException {
        Builder b = source.copy();
        if (b.homeGroup != null && !b.homeGroup.equals(topology.homeGroup())) {
            throw ConfigErrors.invalid("homeGroup '" + b.homeGroup + "' differs from the coordinator's home group '"
                    + topology.homeGroup() + "'; every application of a cluster must use the same home group");
        }
        String db = b.database != null ? b.database : topology.database();
        List<GroupInfo> gs = new ArrayList<>();
        for (ClusterTopology.Group g : topology.groups()) {
            String where = "group " + g.name() + " of the coordinator's topology";
            List<NodeAddress> replicas = new ArrayList<>();
            for (String r : g.replicas()) {
                replicas.add(NodeAddresses.parse(r, db, true, "replica of " + where));
            }
            gs.add(new GroupInfo(g.name(), NodeAddresses.parse(g.primary(), db, true, "primary of " + where), replicas));
        }
        return b.groups(gs).homeGroup(topology.homeGroup()).database(db).build();
    }

    /**
     * The groups as a topology document for a coordinator that holds none yet, or {@code null}
     * without groups.
     */
    public ClusterTopology toTopology() {
        if (groups.isEmpty()) {
            return null;
        }
        List<ClusterTopology.Group> gs = new ArrayList<>();
        for (GroupInfo g : groups) {
            gs.add(new ClusterTopology.Group(g.name(), NodeAddresses.hostPort(g.primary()),
                    g.replicas().stream().map(NodeAddresses::hostPort).toList()));
        }
        return new ClusterTopology(database, homeGroup, gs);
    }

    /**
     * The groups, in declaration (URL or file) order; never empty, except in cluster mode before
     * {@link #withTopology} (then the groups come from the coordinator).
     */
    public List<GroupInfo> groups() {
        return groups;
    }

    /** The group of that name, or {@code null}. */
    public GroupInfo group(String name) {
        for (GroupInfo g : groups) {
            if (g.name().equals(name)) {
                return g;
            }
        }
        return null;
    }

    /** The group holding tables that are not declared; by default the first group. */
    public String homeGroup() {
        return homeGroup;
    }

    /** The default database of the nodes (a node address of the config file may name another). */
    public String database() {
        return database;
    }

    /** The PostgreSQL user, or {@code null} for pgJDBC's default (the operating-system user). */
    public String user() {
        return user;
    }

    /** The password, or {@code null}. Never part of {@link #toString()}. */
    public String password() {
        return password;
    }

    /**
     * A copy of the pgJDBC properties passed to every physical connection (ssl, sslmode,
     * ApplicationName, connectTimeout, ...), without user and password. These pgJDBC properties
     * are refused rather than passed, because they would contradict the topology: {@code PGHOST},
     * {@code PGPORT}, {@code PGDBNAME}, {@code service}, {@code targetServerType},
     * {@code loadBalanceHosts}, {@code hostRecheckSeconds}, {@code replication}, {@code readOnly}.
     */
    public Properties pgProperties() {
        Properties p = new Properties();
        p.putAll(pgProperties);
        return p;
    }

    /** Maximum physical connections per node; default 10. */
    public int poolSize() {
        return poolSize;
    }

    /** Idle physical connections kept per node; default 0. */
    public int poolMinIdle() {
        return poolMinIdle;
    }

    /** Milliseconds to wait for a pooled connection; default 5000. */
    public long connectionTimeoutMs() {
        return connectionTimeoutMs;
    }

    /** Hash slots of a distributed table that declares none; default 128. */
    public int defaultSlots() {
        return defaultSlots;
    }

    /** Tables declared in the config file (or builder), in declaration order. */
    public List<TableDeclaration> tables() {
        return tables;
    }

    /** Plans cached by SQL text; 0 disables the cache; default 10000. */
    public int planCacheSize() {
        return planCacheSize;
    }

    /** Serial keys fetched per round trip; default 32. */
    public int keyBlockSize() {
        return keyBlockSize;
    }

    /** Milliseconds between checks for a catalog changed by another application; 0 = off. */
    public long catalogRefreshMs() {
        return catalogRefreshMs;
    }

    /** Milliseconds a node may leave health checks unanswered before it is treated as down. */
    public long nodeTimeoutMs() {
        return nodeTimeoutMs;
    }

    /** Milliseconds between health checks of each node; 0 = none. */
    public long healthCheckIntervalMs() {
        return healthCheckIntervalMs;
    }

    /** Milliseconds between runs of two-phase-commit recovery; 0 = only at start. */
    public long recoveryIntervalMs() {
        return recoveryIntervalMs;
    }

    /** Minimum age of a prepared transaction before recovery may settle it. */
    public long recoveryMinAgeMs() {
        return recoveryMinAgeMs;
    }

    /**
     * Milliseconds DDL and table declarations wait for another application's DDL (the
     * coordinator's lock, the home group's advisory lock) before failing with 55P03; default 60000.
     */
    public long ddlLockTimeoutMs() {
        return ddlLockTimeoutMs;
    }

    /** Failure percentage that opens a node's circuit breaker; default 50. */
    public float breakerFailureRateThreshold() {
        return breakerFailureRateThreshold;
    }

    /** Calls a breaker must see before judging a node; default 5. */
    public int breakerMinimumCalls() {
        return breakerMinimumCalls;
    }

    /** Milliseconds an open breaker waits before half-open trial calls; default 5000. */
    public long breakerOpenMs() {
        return breakerOpenMs;
    }

    /** Reserved for scatter-gather: fail statements that must run on every group; default false. */
    public boolean failOnFullFanout() {
        return failOnFullFanout;
    }

    /**
     * Send a statement execution bounded to one slot to that slot's partitions instead of the
     * partitioned parents; default true.
     */
    public boolean directPartitions() {
        return directPartitions;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SynapseConfig)) {
            return false;
        }
        SynapseConfig c = (SynapseConfig) o;
        return poolSize == c.poolSize
                && poolMinIdle == c.poolMinIdle
                && connectionTimeoutMs == c.connectionTimeoutMs
                && defaultSlots == c.defaultSlots
                && planCacheSize == c.planCacheSize
                && keyBlockSize == c.keyBlockSize
                && catalogRefreshMs == c.catalogRefreshMs
                && Float.compare(breakerFailureRateThreshold, c.breakerFailureRateThreshold) == 0
                && breakerMinimumCalls == c.breakerMinimumCalls
                && breakerOpenMs == c.breakerOpenMs
                && failOnFullFanout == c.failOnFullFanout
                && directPartitions == c.directPartitions
                && nodeTimeoutMs == c.nodeTimeoutMs
                && healthCheckIntervalMs == c.healthCheckIntervalMs
                && recoveryIntervalMs == c.recoveryIntervalMs
                && recoveryMinAgeMs == c.recoveryMinAgeMs
                && ddlLockTimeoutMs == c.ddlLockTimeoutMs
                && groups.equals(c.groups)
                && Objects.equals(homeGroup, c.homeGroup)
                && Objects.equals(database, c.database)
                && Objects.equals(coordinator, c.coordinator)
                && Objects.equals(user, c.user)
                && Objects.equals(password, c.password)
                && pgProperties.equals(c.pgProperties)
                && tables.equals(c.tables);
    }

    @Override
    public int hashCode() {
        return Objects.hash(groups, homeGroup, database, user, password, pgProperties, poolSize,
                poolMinIdle, connectionTimeoutMs, defaultSlots, tables, planCacheSize, keyBlockSize, catalogRefreshMs,
                breakerFailureRateThreshold, breakerMinimumCalls, breakerOpenMs, failOnFullFanout,
                directPartitions, nodeTimeoutMs, healthCheckIntervalMs, recoveryIntervalMs, recoveryMinAgeMs, ddlLockTimeoutMs, coordinator);
    }

    /** Everything but secrets: the password and password-like pgJDBC properties show as ***. */
    @Override
    public String toString() {
        String groupText = groups.stream().map(SynapseConfig::describe)
                .collect(Collectors.joining(", ", "[", "]"));
        Map<String, String> shownProps = new TreeMap<>();
        pgProperties.forEach((k, v) -> shownProps.put(k, isSecretPgProperty(k) ? "***" : v));
        return "SynapseConfig{groups=" + groupText
                + ", homeGroup=" + homeGroup
                + ", database=" + database
                + ", user=" + user
                + ", password=" + (password == null ? "<none>" : "***")
                + ", pgProperties=" + shownProps
                + ", poolSize=" + poolSize
                + ", poolMinIdle=" + poolMinIdle
                + ", connectionTimeoutMs=" + connectionTimeoutMs
                + ", defaultSlots=" + defaultSlots
                + ", tables=" + tables
                + ", planCacheSize=" + planCacheSize
                + ", keyBlockSize=" + keyBlockSize
                + ", catalogRefreshMs=" + catalogRefreshMs
                + ", breakerFailureRateThreshold=" + breakerFailureRateThreshold
                + ", breakerMinimumCalls=" + breakerMinimumCalls
                + ", breakerOpenMs=" + breakerOpenMs
                + ", failOnFullFanout=" + failOnFullFanout
                + ", directPartitions=" + directPartitions
                + ", nodeTimeoutMs=" + nodeTimeoutMs
                + ", healthCheckIntervalMs=" + healthCheckIntervalMs
                + ", recoveryIntervalMs=" + recoveryIntervalMs
                + ", recoveryMinAgeMs=" + recoveryMinAgeMs
                + ", ddlLockTimeoutMs=" + ddlLockTimeoutMs
                + (coordinator == null ? "" : ", coordinator=" + coordinator)
                + "}";
    }

    private static String describe(GroupInfo g) {
        String s = g.name() + "=" + g.primary();
        return g.replicas().isEmpty() ? s : s + " replicas " + g.replicas();
    }

    /** sslpassword and any other pgJDBC property that carries a password. */
    static boolean isSecretPgProperty(String name) {
        return name.toLowerCase(Locale.ROOT).contains("password");
    }

    /**
     * Collects settings; {@link #build()} checks them all at once. Not thread-safe; the config it
     * builds is.
     */
    public static final class Builder {

        private final List<GroupInfo> groups = new ArrayList<>();
        private String homeGroup;
        private String database;
        private String user;
        private String password;
        private final Map<String, String> pgProperties = new HashMap<>();
        private int poolSize = intDefault(SynapseProperty.POOL_SIZE);
        private int poolMinIdle = intDefault(SynapseProperty.POOL_MIN_IDLE);
        private long connectionTimeoutMs = Long.parseLong(
                SynapseProperty.CONNECTION_TIMEOUT_MS.defaultValue());
        private int defaultSlots = intDefault(SynapseProperty.DEFAULT_SLOTS);
        private final List<TableDeclaration> tables = new ArrayList<>();
        private int planCacheSize = intDefault(SynapseProperty.PLAN_CACHE_SIZE);
        private int keyBlockSize = intDefault(SynapseProperty.KEY_BLOCK_SIZE);
        private long catalogRefreshMs = Long.parseLong(SynapseProperty.CATALOG_REFRESH_MS.defaultValue());
        private float breakerFailureRateThreshold = Float.parseFloat(
                SynapseProperty.BREAKER_FAILURE_RATE_THRESHOLD.defaultValue());
        private int breakerMinimumCalls = intDefault(SynapseProperty.BREAKER_MINIMUM_CALLS);
        private long breakerOpenMs = Long.parseLong(SynapseProperty.BREAKER_OPEN_MS.defaultValue());
        private boolean failOnFullFanout = Boolean.parseBoolean(
                SynapseProperty.FAIL_ON_FULL_FANOUT.defaultValue());
        private boolean directPartitions = Boolean.parseBoolean(
                SynapseProperty.DIRECT_PARTITIONS.defaultValue());
        private long nodeTimeoutMs = Long.parseLong(SynapseProperty.NODE_TIMEOUT_MS.defaultValue());
        private long healthCheckIntervalMs = Long.parseLong(SynapseProperty.HEALTH_CHECK_INTERVAL_MS.defaultValue());
        private long recoveryIntervalMs = Long.parseLong(SynapseProperty.RECOVERY_INTERVAL_MS.defaultValue());
        private long recoveryMinAgeMs = Long.parseLong(SynapseProperty.RECOVERY_MIN_AGE_MS.defaultValue());
        private long ddlLockTimeoutMs = Long.parseLong(SynapseProperty.DDL_LOCK_TIMEOUT_MS.defaultValue());

        private CoordinatorSettings coordinator;

        private Builder() {
        }

        /** A copy of every setting, so that a built config can be rebuilt with other groups. */
        Builder copy() {
            Builder b = new Builder();
            b.groups.addAll(groups);
            b.homeGroup = homeGroup;
            b.database = database;
            b.user = user;
            b.password = password;
            b.pgProperties.putAll(pgProperties);
            b.poolSize = poolSize;
            b.poolMinIdle = poolMinIdle;
            b.connectionTimeoutMs = connectionTimeoutMs;
            b.defaultSlots = defaultSlots;
            b.tables.addAll(tables);
            b.planCacheSize = planCacheSize;
            b.keyBlockSize = keyBlockSize;
            b.catalogRefreshMs = catalogRefreshMs;
            b.breakerFailureRateThreshold = breakerFailureRateThreshold;
            b.breakerMinimumCalls = breakerMinimumCalls;
            b.breakerOpenMs = breakerOpenMs;
            b.failOnFullFanout = failOnFullFanout;
            b.directPartitions = directPartitions;
            b.nodeTimeoutMs = nodeTimeoutMs;
            b.healthCheckIntervalMs = healthCheckIntervalMs;
            b.recoveryIntervalMs = recoveryIntervalMs;
            b.recoveryMinAgeMs = recoveryMinAgeMs;
            b.ddlLockTimeoutMs = ddlLockTimeoutMs;
            b.coordinator = coordinator;
            return b;
        }

        /**
         * Cluster mode: take the groups from the coordinator that {@code settings} reaches
         * ({@code null}: the groups of this configuration).
         */
        public Builder coordinator(CoordinatorSettings settings) {
            this.coordinator = settings;
            return this;
        }

        private static int intDefault(SynapseProperty p) {
            return Integer.parseInt(p.defaultValue());
        }

        /** Appends a group; group order is significant only for the default home group. */
        public Builder group(GroupInfo group) {
            groups.add(Objects.requireNonNull(group, "group"));
            return this;
        }

        /** Replaces the groups. */
        public Builder groups(List<GroupInfo> groups) {
            this.groups.clear();
            groups.forEach(this::group);
            return this;
        }

        /** The home group's name; {@code null} (the default) means the first group. */
        public Builder homeGroup(String homeGroup) {
            this.homeGroup = homeGroup;
            return this;
        }

        /** The default database; {@code null} (the default) means the first group's primary's. */
        public Builder database(String database) {
            this.database = database;
            return this;
        }

        public Builder user(String user) {
            this.user = user;
            return this;
        }

        public Builder password(String password) {
            this.password = password;
            return this;
        }

        /** Adds a pgJDBC pass-through property; {@link #build()} refuses unknown or refused names. */
        public Builder pgProperty(String name, String value) {
            pgProperties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, name));
            return this;
        }

        /** Replaces the pgJDBC pass-through properties with the string entries of {@code props}. */
        public Builder pgProperties(Properties props) {
            pgProperties.clear();
            for (String name : props.stringPropertyNames()) {
                pgProperty(name, props.getProperty(name));
            }
            return this;
        }

        public Builder poolSize(int poolSize) {
            this.poolSize = poolSize;
            return this;
        }

        public Builder poolMinIdle(int poolMinIdle) {
            this.poolMinIdle = poolMinIdle;
            return this;
        }

        public Builder connectionTimeoutMs(long connectionTimeoutMs) {
            this.connectionTimeoutMs = connectionTimeoutMs;
            return this;
        }

        public Builder defaultSlots(int defaultSlots) {
            this.defaultSlots = defaultSlots;
            return this;
        }

        /** Appends a table declaration. */
        public Builder table(TableDeclaration table) {
            tables.add(Objects.requireNonNull(table, "table"));
            return this;
        }

        /** Replaces the table declarations. */
        public Builder tables(List<TableDeclaration> tables) {
            this.tables.clear();
            tables.forEach(this::table);
            return this;
        }

        public Builder planCacheSize(int planCacheSize) {
            this.planCacheSize = planCacheSize;
            return this;
        }

        public Builder catalogRefreshMs(long catalogRefreshMs) {
            this.catalogRefreshMs = catalogRefreshMs;
            return this;
        }

        public Builder keyBlockSize(int keyBlockSize) {
            this.keyBlockSize = keyBlockSize;
            return this;
        }

        public Builder breakerFailureRateThreshold(float percent) {
            this.breakerFailureRateThreshold = percent;
            return this;
        }

        public Builder breakerMinimumCalls(int breakerMinimumCalls) {
            this.breakerMinimumCalls = breakerMinimumCalls;
            return this;
        }

        public Builder breakerOpenMs(long breakerOpenMs) {
            this.breakerOpenMs = breakerOpenMs;
            return this;
        }

        public Builder failOnFullFanout(boolean failOnFullFanout) {
            this.failOnFullFanout = failOnFullFanout;
            return this;
        }

        public Builder directPartitions(boolean directPartitions) {
            this.directPartitions = directPartitions;
            return this;
        }

        public Builder nodeTimeoutMs(long nodeTimeoutMs) {
            this.nodeTimeoutMs = nodeTimeoutMs;
            return this;
        }

        public Builder healthCheckIntervalMs(long healthCheckIntervalMs) {
            this.healthCheckIntervalMs = healthCheckIntervalMs;
            return this;
        }

        public Builder recoveryIntervalMs(long recoveryIntervalMs) {
            this.recoveryIntervalMs = recoveryIntervalMs;
            return this;
        }

        public Builder recoveryMinAgeMs(long recoveryMinAgeMs) {
            this.recoveryMinAgeMs = recoveryMinAgeMs;
            return this;
        }

        /** Milliseconds DDL waits for another application's DDL; 1..2147483647. */
        public Builder ddlLockTimeoutMs(long ddlLockTimeoutMs) {
            this.ddlLockTimeoutMs = ddlLockTimeoutMs;
            return this;
        }

        /**
         * Checks every setting and builds the config.
         *
         * @throws SQLException 22023 naming the first invalid setting
         */
        public SynapseConfig build() throws SQLException {
            if (groups.isEmpty() && coordinator == null) {
                throw ConfigErrors.invalid("No groups configured: give hosts in the URL"
                        + " (jdbc:synapse://host1,host2/db), groups in the config file, or a coordinator"
                        + " (jdbc:synapse:coordinator=host:port,.../db)");
            }
            checkTopology();
            String home = homeGroup != null || groups.isEmpty() ? homeGroup : groups.get(0).name();
            if (!groups.isEmpty() && groups.stream().noneMatch(g -> g.name().equals(home))) {
                throw ConfigErrors.invalid("homeGroup '" + home + "' names no group; groups: "
                        + groups.stream().map(GroupInfo::name).collect(Collectors.joining(", ")));
            }
            String db = database != null || groups.isEmpty() ? database : groups.get(0).primary().database();
            if (db != null && db.isBlank()) {
                throw ConfigErrors.invalid("database is empty");
            }
            if (user != null && user.isBlank()) {
                throw ConfigErrors.invalid("Invalid value for " + SynapseProperty.USER.propertyName()
                        + ": expected a non-empty user name");
            }
            checkRange(SynapseProperty.POOL_SIZE, poolSize);
            checkRange(SynapseProperty.POOL_MIN_IDLE, poolMinIdle);
            if (poolMinIdle > poolSize) {
                throw ConfigErrors.invalid(SynapseProperty.POOL_MIN_IDLE.propertyName() + " ("
                        + poolMinIdle + ") must not exceed " + SynapseProperty.POOL_SIZE.propertyName()
                        + " (" + poolSize + ")");
            }
            checkRange(SynapseProperty.CONNECTION_TIMEOUT_MS, connectionTimeoutMs);
            checkRange(SynapseProperty.DEFAULT_SLOTS, defaultSlots);
            checkRange(SynapseProperty.PLAN_CACHE_SIZE, planCacheSize);
            checkRange(SynapseProperty.KEY_BLOCK_SIZE, keyBlockSize);
            checkRange(SynapseProperty.CATALOG_REFRESH_MS, catalogRefreshMs);
            checkRange(SynapseProperty.NODE_TIMEOUT_MS, nodeTimeoutMs);
            checkRange(SynapseProperty.HEALTH_CHECK_INTERVAL_MS, healthCheckIntervalMs);
            checkRange(SynapseProperty.RECOVERY_INTERVAL_MS, recoveryIntervalMs);
            checkRange(SynapseProperty.RECOVERY_MIN_AGE_MS, recoveryMinAgeMs);
            checkRange(SynapseProperty.DDL_LOCK_TIMEOUT_MS, ddlLockTimeoutMs);
            try {
                SynapseProperty.BREAKER_FAILURE_RATE_THRESHOLD.checkPercent(breakerFailureRateThreshold);
            } catch (IllegalArgumentException e) {
                throw ConfigErrors.invalidValue(
                        SynapseProperty.BREAKER_FAILURE_RATE_THRESHOLD.propertyName(),
                        String.valueOf(breakerFailureRateThreshold), false, null, e.getMessage());
            }
            checkRange(SynapseProperty.BREAKER_MINIMUM_CALLS, breakerMinimumCalls);
            checkRange(SynapseProperty.BREAKER_OPEN_MS, breakerOpenMs);
            checkTables();
            for (Map.Entry<String, String> e : new TreeMap<>(pgProperties).entrySet()) {
                PgPassThrough.check(e.getKey(), e.getValue(), null);
            }
            return new SynapseConfig(this, home, db);
        }

        private void checkTopology() throws SQLException {
            Set<String> names = new HashSet<>();
            Map<NodeAddress, String> nodes = new HashMap<>();
            for (GroupInfo g : groups) {
                if (g.name().isBlank()) {
                    throw ConfigErrors.invalid("A group has an empty name");
                }
                if (!names.add(g.name())) {
                    throw ConfigErrors.invalid("Duplicate group name '" + g.name() + "'");
                }
                List<NodeAddress> all = new ArrayList<>();
                all.add(g.primary());
                all.addAll(g.replicas());
                for (NodeAddress n : all) {
                    // One server in two roles would let two groups own the same rows.
                    String previous = nodes.putIfAbsent(n, g.name());
                    if (previous != null) {
                        throw ConfigErrors.invalid("Node " + n + " appears twice (group '"
                                + previous + "' and group '" + g.name() + "')");
                    }
                }
            }
        }

        private void checkTables() throws SQLException {
            Map<String, String> seen = new HashMap<>();
            for (TableDeclaration t : tables) {
                String previous = seen.putIfAbsent(normalizedName(t.name()), t.name());
                if (previous != null) {
                    throw ConfigErrors.invalid("Table '" + t.name() + "' is declared twice");
                }
            }
        }

        private static void checkRange(SynapseProperty p, long value) throws SQLException {
            try {
                p.checkRange(value);
            } catch (IllegalArgumentException e) {
                throw ConfigErrors.invalidValue(p.propertyName(), String.valueOf(value), false, null,
                        e.getMessage());
            }
        }
    }

    /**
     * PostgreSQL's identifier folding, enough to see that {@code Orders} and {@code orders} are the
     * same table: unquoted parts fold to lower case, quoted parts stay as they are.
     */
    static String normalizedName(String name) {
        StringBuilder out = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else {
                out.append(quoted ? c : Character.toLowerCase(c));
            }
        }
        String n = out.toString().trim();
        return n.startsWith("public.") ? n.substring("public.".length()) : n;
    }
}

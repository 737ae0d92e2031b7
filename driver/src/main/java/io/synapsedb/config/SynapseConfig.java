package io.synapsedb.config;

import io.synapsedb.core.GroupInfo;
import io.synapsedb.core.NodeAddress;
import io.synapsedb.spi.ClusterTopology;
import io.synapsedb.spi.CoordinatorSettings;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The immutable configuration of one SynapseDB cluster runtime: topology (groups, tables), the
 * credentials and pgJDBC properties of the physical connections, and the settings of each concern
 * as an immutable record handed whole to the part that uses it: {@link #pool()},
 * {@link #breaker()}, {@link #health()}, {@link #recovery()}, {@link #routing()},
 * {@link #catalog()}.
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
    private final List<TableDeclaration> tables;
    private final CoordinatorSettings coordinator;
    private final PoolConfig pool;
    private final BreakerConfig breaker;
    private final HealthConfig health;
    private final RecoveryConfig recovery;
    private final RoutingConfig routing;
    private final CatalogConfig catalog;
    /** What this config was built from, so that {@link #withTopology} can build it again with other groups. */
    private final Builder source;

    private SynapseConfig(Builder b, String homeGroup, String database, PoolConfig pool, BreakerConfig breaker,
            HealthConfig health, RecoveryConfig recovery, RoutingConfig routing, CatalogConfig catalog) {
        this.source = b.copy();
        this.groups = List.copyOf(b.groups);
        this.homeGroup = homeGroup;
        this.database = database;
        this.user = b.user;
        this.password = b.password;
        this.pgProperties = Collections.unmodifiableMap(new TreeMap<>(b.pgProperties));
        this.tables = List.copyOf(b.tables);
        this.coordinator = b.coordinator;
        this.pool = pool;
        this.breaker = breaker;
        this.health = health;
        this.recovery = recovery;
        this.routing = routing;
        this.catalog = catalog;
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

    /** Tables declared in the config file (or builder), in declaration order. */
    public List<TableDeclaration> tables() {
        return tables;
    }

    /** The node pools: size, idle connections, the wait for a connection. */
    public PoolConfig pool() {
        return pool;
    }

    /** Each node's circuit breaker. */
    public BreakerConfig breaker() {
        return breaker;
    }

    /** The health checks of the nodes and the node timeout. */
    public HealthConfig health() {
        return health;
    }

    /** Two-phase-commit recovery. */
    public RecoveryConfig recovery() {
        return recovery;
    }

    /** Statement planning and routing: plan cache, key blocks, fan-out, direct partitions. */
    public RoutingConfig routing() {
        return routing;
    }

    /** Table declarations, catalog refreshes and the DDL lock's wait. */
    public CatalogConfig catalog() {
        return catalog;
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
        return groups.equals(c.groups)
                && Objects.equals(homeGroup, c.homeGroup)
                && Objects.equals(database, c.database)
                && Objects.equals(coordinator, c.coordinator)
                && Objects.equals(user, c.user)
                && Objects.equals(password, c.password)
                && pgProperties.equals(c.pgProperties)
                && tables.equals(c.tables)
                && pool.equals(c.pool)
                && breaker.equals(c.breaker)
                && health.equals(c.health)
                && recovery.equals(c.recovery)
                && routing.equals(c.routing)
                && catalog.equals(c.catalog);
    }

    @Override
    public int hashCode() {
        return Objects.hash(groups, homeGroup, database, user, password, pgProperties, tables, coordinator, pool,
                breaker, health, recovery, routing, catalog);
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
                + ", tables=" + tables
                + ", pool=" + pool
                + ", breaker=" + breaker
                + ", health=" + health
                + ", recovery=" + recovery
                + ", routing=" + routing
                + ", catalog=" + catalog
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
        private final List<TableDeclaration> tables = new ArrayList<>();
        private CoordinatorSettings coordinator;
        /**
         * The settings of the records (pool, breaker, ...) that were given, each as its property's
         * parsed type ({@code Integer}, {@code Long}, {@code Float}, {@code Boolean}); the others
         * take the {@link SynapseProperty} default.
         */
        private final Map<SynapseProperty, Object> settings = new EnumMap<>(SynapseProperty.class);

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
            b.tables.addAll(tables);
            b.coordinator = coordinator;
            b.settings.putAll(settings);
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

        /** {@link SynapseProperty#POOL_SIZE}; checked by {@link #build()}. */
        public Builder poolSize(int poolSize) {
            return setting(SynapseProperty.POOL_SIZE, poolSize);
        }

        /** {@link SynapseProperty#POOL_MIN_IDLE}; checked by {@link #build()}. */
        public Builder poolMinIdle(int poolMinIdle) {
            return setting(SynapseProperty.POOL_MIN_IDLE, poolMinIdle);
        }

        /** {@link SynapseProperty#CONNECTION_TIMEOUT_MS}; checked by {@link #build()}. */
        public Builder connectionTimeoutMs(long connectionTimeoutMs) {
            return setting(SynapseProperty.CONNECTION_TIMEOUT_MS, connectionTimeoutMs);
        }

        /** {@link SynapseProperty#DEFAULT_SLOTS}; checked by {@link #build()}. */
        public Builder defaultSlots(int defaultSlots) {
            return setting(SynapseProperty.DEFAULT_SLOTS, defaultSlots);
        }

        /** {@link SynapseProperty#PLAN_CACHE_SIZE}; checked by {@link #build()}. */
        public Builder planCacheSize(int planCacheSize) {
            return setting(SynapseProperty.PLAN_CACHE_SIZE, planCacheSize);
        }

        /** {@link SynapseProperty#CATALOG_REFRESH_MS}; checked by {@link #build()}. */
        public Builder catalogRefreshMs(long catalogRefreshMs) {
            return setting(SynapseProperty.CATALOG_REFRESH_MS, catalogRefreshMs);
        }

        /** {@link SynapseProperty#KEY_BLOCK_SIZE}; checked by {@link #build()}. */
        public Builder keyBlockSize(int keyBlockSize) {
            return setting(SynapseProperty.KEY_BLOCK_SIZE, keyBlockSize);
        }

        /** {@link SynapseProperty#BREAKER_FAILURE_RATE_THRESHOLD}; checked by {@link #build()}. */
        public Builder breakerFailureRateThreshold(float percent) {
            return setting(SynapseProperty.BREAKER_FAILURE_RATE_THRESHOLD, percent);
        }

        /** {@link SynapseProperty#BREAKER_MINIMUM_CALLS}; checked by {@link #build()}. */
        public Builder breakerMinimumCalls(int breakerMinimumCalls) {
            return setting(SynapseProperty.BREAKER_MINIMUM_CALLS, breakerMinimumCalls);
        }

        /** {@link SynapseProperty#BREAKER_OPEN_MS}; checked by {@link #build()}. */
        public Builder breakerOpenMs(long breakerOpenMs) {
            return setting(SynapseProperty.BREAKER_OPEN_MS, breakerOpenMs);
        }

        /** {@link SynapseProperty#FAIL_ON_FULL_FANOUT}; checked by {@link #build()}. */
        public Builder failOnFullFanout(boolean failOnFullFanout) {
            return setting(SynapseProperty.FAIL_ON_FULL_FANOUT, failOnFullFanout);
        }

        /** {@link SynapseProperty#DIRECT_PARTITIONS}; checked by {@link #build()}. */
        public Builder directPartitions(boolean directPartitions) {
            return setting(SynapseProperty.DIRECT_PARTITIONS, directPartitions);
        }

        /** {@link SynapseProperty#NODE_TIMEOUT_MS}; checked by {@link #build()}. */
        public Builder nodeTimeoutMs(long nodeTimeoutMs) {
            return setting(SynapseProperty.NODE_TIMEOUT_MS, nodeTimeoutMs);
        }

        /** {@link SynapseProperty#HEALTH_CHECK_INTERVAL_MS}; checked by {@link #build()}. */
        public Builder healthCheckIntervalMs(long healthCheckIntervalMs) {
            return setting(SynapseProperty.HEALTH_CHECK_INTERVAL_MS, healthCheckIntervalMs);
        }

        /** {@link SynapseProperty#RECOVERY_INTERVAL_MS}; checked by {@link #build()}. */
        public Builder recoveryIntervalMs(long recoveryIntervalMs) {
            return setting(SynapseProperty.RECOVERY_INTERVAL_MS, recoveryIntervalMs);
        }

        /** {@link SynapseProperty#RECOVERY_MIN_AGE_MS}; checked by {@link #build()}. */
        public Builder recoveryMinAgeMs(long recoveryMinAgeMs) {
            return setting(SynapseProperty.RECOVERY_MIN_AGE_MS, recoveryMinAgeMs);
        }

        /** {@link SynapseProperty#DDL_LOCK_TIMEOUT_MS}; checked by {@link #build()}. */
        public Builder ddlLockTimeoutMs(long ddlLockTimeoutMs) {
            return setting(SynapseProperty.DDL_LOCK_TIMEOUT_MS, ddlLockTimeoutMs);
        }

        /** Sets a setting of the records from its parsed value ({@link SynapseProperty#parse}). */
        Builder setting(SynapseProperty p, Object parsed) {
            settings.put(p, Objects.requireNonNull(parsed, p.propertyName()));
            return this;
        }

        private Object value(SynapseProperty p) {
            Object v = settings.get(p);
            return v != null ? v : p.parse(p.defaultValue());
        }

        private int intValue(SynapseProperty p) {
            return ((Number) value(p)).intValue();
        }

        private long longValue(SynapseProperty p) {
            return ((Number) value(p)).longValue();
        }

        /** Builds one record; its message names the property and the value (no origin: the builder has none). */
        private static <T extends Record> T checked(Supplier<T> record) throws SQLException {
            try {
                return record.get();
            } catch (IllegalArgumentException e) {
                throw ConfigErrors.invalid(e.getMessage());
            }
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
            PoolConfig pool = checked(() -> new PoolConfig(intValue(SynapseProperty.POOL_SIZE),
                    intValue(SynapseProperty.POOL_MIN_IDLE), longValue(SynapseProperty.CONNECTION_TIMEOUT_MS)));
            CatalogConfig catalog = checked(() -> new CatalogConfig(intValue(SynapseProperty.DEFAULT_SLOTS),
                    longValue(SynapseProperty.CATALOG_REFRESH_MS), longValue(SynapseProperty.DDL_LOCK_TIMEOUT_MS)));
            RoutingConfig routing = checked(() -> new RoutingConfig(intValue(SynapseProperty.PLAN_CACHE_SIZE),
                    intValue(SynapseProperty.KEY_BLOCK_SIZE), (Boolean) value(SynapseProperty.FAIL_ON_FULL_FANOUT),
                    (Boolean) value(SynapseProperty.DIRECT_PARTITIONS)));
            HealthConfig health = checked(() -> new HealthConfig(longValue(SynapseProperty.NODE_TIMEOUT_MS),
                    longValue(SynapseProperty.HEALTH_CHECK_INTERVAL_MS)));
            RecoveryConfig recovery = checked(() -> new RecoveryConfig(longValue(SynapseProperty.RECOVERY_INTERVAL_MS),
                    longValue(SynapseProperty.RECOVERY_MIN_AGE_MS)));
            BreakerConfig breaker = checked(() -> new BreakerConfig(
                    ((Number) value(SynapseProperty.BREAKER_FAILURE_RATE_THRESHOLD)).floatValue(),
                    intValue(SynapseProperty.BREAKER_MINIMUM_CALLS), longValue(SynapseProperty.BREAKER_OPEN_MS)));
            checkTables();
            for (Map.Entry<String, String> e : new TreeMap<>(pgProperties).entrySet()) {
                PgPassThrough.check(e.getKey(), e.getValue(), null);
            }
            return new SynapseConfig(this, home, db, pool, breaker, health, recovery, routing, catalog);
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

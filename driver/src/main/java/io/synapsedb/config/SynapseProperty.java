package io.synapsedb.config;

import java.sql.DriverPropertyInfo;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every property the SynapseDB driver itself accepts, in the URL query
 * ({@code jdbc:synapse://h1,h2/db?poolSize=20}), in the {@link java.util.Properties} given to
 * {@code DriverManager.getConnection} / a data source, or in the YAML config file.
 *
 * <p>Any other name must be a pgJDBC connection property ({@link org.postgresql.PGProperty});
 * those are passed unchanged to every physical connection, except the ones that would fight the
 * cluster topology (see {@link SynapseConfig#pgProperties()}). Anything else is rejected with
 * SQLState {@code 22023}.
 *
 * <p>Precedence, highest first: URL query, connection properties ({@code info}), config file,
 * default. URL over {@code info} is pgJDBC's own rule ({@code Driver.parseURL}): a URL is usually
 * the more specific setting, written next to the host list it belongs to.
 *
 * <p>Property names are case-sensitive, as in pgJDBC.
 */
public enum SynapseProperty {

    /**
     * {@code config} (no default): a YAML file describing the cluster, either a file-system path
     * or {@code classpath:name.yaml}. Used with the host-less URL {@code jdbc:synapse:?config=...}
     * and not allowed together with a host list. A file that cannot be read fails with SQLState
     * {@code 08001}; a file with bad content with {@code 22023}.
     */
    CONFIG("config", null, Kind.TEXT, 0, 0, null,
            "YAML cluster file: a path or classpath:name.yaml (URL form jdbc:synapse:?config=...)"),

    /**
     * {@code user} (no default): the PostgreSQL role for every physical connection. When absent,
     * pgJDBC's own default applies (the operating-system user name).
     */
    USER("user", null, Kind.TEXT, 0, 0, "user",
            "PostgreSQL user for every physical connection"),

    /**
     * {@code password} (no default): the password of {@link #USER}. Never printed, logged or put
     * in an error message.
     */
    PASSWORD("password", null, Kind.SECRET, 0, 0, "password",
            "password of the user; never printed or logged"),

    /**
     * {@code homeGroup} (default: the first group): the group that holds every table that is not
     * declared distributed or reference. With a URL host list the first host is {@code g1}.
     */
    HOME_GROUP("homeGroup", null, Kind.TEXT, 0, 0, "homeGroup",
            "group holding undeclared tables; default the first group"),

    /**
     * {@code poolSize} (default 10, 1..10000): the maximum number of physical connections kept per
     * node (HikariCP {@code maximumPoolSize}).
     */
    POOL_SIZE("poolSize", "10", Kind.INT, 1, 10_000, "pool.size",
            "maximum physical connections per node"),

    /**
     * {@code poolMinIdle} (default 0, 0..poolSize): idle physical connections kept open per node
     * (HikariCP {@code minimumIdle}).
     */
    POOL_MIN_IDLE("poolMinIdle", "0", Kind.INT, 0, 10_000, "pool.minIdle",
            "idle physical connections kept per node, at most poolSize"),

    /**
     * {@code connectionTimeoutMs} (default 5000, 250..2147483647): how long a statement waits for a
     * pooled physical connection before failing with SQLState {@code 08001}. 250 ms is HikariCP's
     * minimum.
     */
    CONNECTION_TIMEOUT_MS("connectionTimeoutMs", "5000", Kind.LONG, 250, Integer.MAX_VALUE,
            "pool.connectionTimeoutMs", "milliseconds to wait for a pooled connection"),

    /**
     * {@code defaultSlots} (default 128, 1..4096): the number of hash slots S of a distributed
     * table that does not declare its own. Powers of two are not required.
     */
    DEFAULT_SLOTS("defaultSlots", "128", Kind.INT, 1, 4096, "defaultSlots",
            "hash slots of a distributed table that declares none"),

    /**
     * {@code planCacheSize} (default 10000, 0..10000000): statement plans cached by SQL text per
     * cluster runtime; 0 disables the cache (every statement is analysed again).
     */
    PLAN_CACHE_SIZE("planCacheSize", "10000", Kind.INT, 0, 10_000_000, "planCacheSize",
            "plans cached by SQL text; 0 disables the cache"),

    /**
     * {@code keyBlockSize} (default 32, 1..1000000): serial/identity shard-key values fetched from
     * the sequence per round trip when the driver must know the key before routing an INSERT.
     */
    KEY_BLOCK_SIZE("keyBlockSize", "32", Kind.INT, 1, 1_000_000, "keyBlockSize",
            "serial keys fetched per round trip"),

    /**
     * {@code catalogRefreshMs} (default 2000, 0..2147483647): how often the driver checks the home
     * group for a catalog changed by another application (a table declared elsewhere); 0 turns the
     * check off. A write that reaches a group no longer owning its slot refreshes at once anyway.
     */
    CATALOG_REFRESH_MS("catalogRefreshMs", "2000", Kind.LONG, 0, Integer.MAX_VALUE, "catalogRefreshMs",
            "milliseconds between checks for catalog changes; 0 = off"),

    /**
     * {@code breakerFailureRateThreshold} (default 50, a percentage in (0, 100]): the failure rate
     * of a node's recent calls at which its circuit breaker opens.
     */
    BREAKER_FAILURE_RATE_THRESHOLD("breakerFailureRateThreshold", "50", Kind.PERCENT, 0, 100,
            "breaker.failureRateThreshold", "failure percentage that opens a node's breaker"),

    /**
     * {@code breakerMinimumCalls} (default 5, 1..1000000): calls a node's breaker must see before
     * it computes a failure rate at all.
     */
    BREAKER_MINIMUM_CALLS("breakerMinimumCalls", "5", Kind.INT, 1, 1_000_000,
            "breaker.minimumCalls", "calls before a breaker judges a node"),

    /**
     * {@code breakerOpenMs} (default 5000, 1..2147483647): how long an open breaker rejects calls to
     * its node before letting trial calls through (half-open).
     */
    BREAKER_OPEN_MS("breakerOpenMs", "5000", Kind.LONG, 1, Integer.MAX_VALUE, "breaker.openMs",
            "milliseconds a breaker stays open"),

    /**
     * {@code failOnFullFanout} (default false, true or false): reserved for scatter-gather; when
     * true, a statement that would have to run on every group fails instead.
     */
    FAIL_ON_FULL_FANOUT("failOnFullFanout", "false", Kind.BOOLEAN, 0, 0, "failOnFullFanout",
            "reject statements that must run on every group"),

    /**
     * {@code directPartitions} (default true, true or false): a statement execution whose rows all
     * lie in one slot (one key value, an IN/ANY list or INSERT rows hashing to one slot) is sent
     * with every distributed table replaced by that slot's partition ({@code orders} becomes
     * {@code orders_s17 AS orders}), so PostgreSQL plans one partition instead of locking and
     * initialising all of the group's; false always sends the partitioned parent.
     */
    DIRECT_PARTITIONS("directPartitions", "true", Kind.BOOLEAN, 0, 0, "directPartitions",
            "address a single-slot statement to the slot's partition"),

    /**
     * {@code nodeTimeoutMs} (default 5000, 1000..2147483647): a node that leaves health checks
     * unanswered for this long (a paused or hung server, a network that drops packets) is treated
     * as down: statements waiting on it fail with SQLState {@code 08006}, new ones fail fast with
     * {@code 08001} until it answers again. Long-running statements on a node that answers are never
     * cut. Also the connect and login bound of physical connections, unless pgJDBC's
     * {@code connectTimeout} / {@code loginTimeout} are set.
     */
    NODE_TIMEOUT_MS("nodeTimeoutMs", "5000", Kind.LONG, 1000, Integer.MAX_VALUE, "health.nodeTimeoutMs",
            "milliseconds a node may leave health checks unanswered before calls to it fail"),

    /**
     * {@code healthCheckIntervalMs} (default 1000, 0..2147483647): how often every node is checked
     * ({@code SELECT 1} on one connection of its own per node); 0 turns the checks off, and with them
     * the detection of nodes that stop answering.
     */
    HEALTH_CHECK_INTERVAL_MS("healthCheckIntervalMs", "1000", Kind.LONG, 0, Integer.MAX_VALUE,
            "health.intervalMs", "milliseconds between health checks of each node; 0 = none"),

    /**
     * {@code recoveryIntervalMs} (default 2000, 0..2147483647): how often this runtime looks for
     * orphaned two-phase-commit transactions on every group and settles them; 0 turns the periodic
     * run off (it still runs once at start and on demand).
     */
    RECOVERY_INTERVAL_MS("recoveryIntervalMs", "2000", Kind.LONG, 0, Integer.MAX_VALUE, "recovery.intervalMs",
            "milliseconds between runs of two-phase-commit recovery; 0 = only at start"),

    /**
     * {@code recoveryMinAgeMs} (default 30000, 200..2147483647): a prepared transaction younger than
     * this is never settled by recovery, and a committing client gives up (rolls back) when its
     * own prepare phase takes longer than half of it. Every application of a cluster should use the
     * same value; see docs/transactions.md.
     */
    RECOVERY_MIN_AGE_MS("recoveryMinAgeMs", "30000", Kind.LONG, 200, Integer.MAX_VALUE, "recovery.minAgeMs",
            "milliseconds a prepared transaction must be old before recovery may settle it"),

    /**
     * {@code ddlLockTimeoutMs} (default 60000, 1..2147483647): how long DDL and table declarations
     * wait for another application's DDL to finish, both for the coordinator's lock
     * {@code synapse/ddl} (cluster mode) and for the advisory lock on the home group that orders
     * DDL in every mode. A wait that runs out fails with SQLState {@code 55P03} naming this
     * property; nothing was changed. Index builds may hold the lock long, hence the generous
     * default.
     */
    DDL_LOCK_TIMEOUT_MS("ddlLockTimeoutMs", "60000", Kind.LONG, 1, Integer.MAX_VALUE, "ddlLockTimeoutMs",
            "milliseconds DDL waits for another application's DDL before failing with 55P03"),

    /**
     * {@code coordinator} (no default): the coordinator cluster's voting members,
     * {@code host:port} or {@code id@host:port}, comma-separated. With it the driver runs in
     * cluster mode: it takes groups, nodes, tables and placements from the coordinator and follows
     * their changes. URL form: {@code jdbc:synapse:coordinator=h1:5679,h2:5679/db}. Needs the
     * {@code synapsedb-coordinator} jar on the class path.
     */
    COORDINATOR("coordinator", null, Kind.TEXT, 0, 0, "coordinator.members",
            "coordinator members (host:port or id@host:port, comma-separated): cluster mode"),

    /**
     * {@code coordinatorMemberId} (default: generated): this JVM's member id in the coordinator
     * cluster. When it names one of the {@link #COORDINATOR} members, the application JVM is that
     * voting member (embedded mode, with {@link #COORDINATOR_DATA_DIR}); otherwise it joins
     * without a vote.
     */
    COORDINATOR_MEMBER_ID("coordinatorMemberId", null, Kind.TEXT, 0, 0, "coordinator.memberId",
            "this JVM's coordinator member id; a voter's id makes it an embedded member"),

    /** {@code coordinatorHost} (default 127.0.0.1): the address this JVM's coordinator member binds to. */
    COORDINATOR_HOST("coordinatorHost", "127.0.0.1", Kind.TEXT, 0, 0, "coordinator.host",
            "address this JVM's coordinator member binds to and announces"),

    /** {@code coordinatorPort} (default 0 = a free port, 0..65535): this JVM's coordinator member port. */
    COORDINATOR_PORT("coordinatorPort", "0", Kind.INT, 0, 65_535, "coordinator.port",
            "port of this JVM's coordinator member; 0 = a free port (embedded voters need their own)"),

    /** {@code coordinatorDataDir} (no default): where an embedded voting member keeps its Raft logs. */
    COORDINATOR_DATA_DIR("coordinatorDataDir", null, Kind.TEXT, 0, 0, "coordinator.dataDir",
            "directory for an embedded voting member's Raft logs"),

    /**
     * {@code coordinatorTimeoutMs} (default 5000, 100..2147483647): the bound on every coordinator
     * read, write and lock request; a catalog change without a quorum fails after at most this.
     */
    COORDINATOR_TIMEOUT_MS("coordinatorTimeoutMs", "5000", Kind.LONG, 100, Integer.MAX_VALUE,
            "coordinator.timeoutMs", "milliseconds bounding each coordinator request"),

    /** {@code coordinatorStartTimeoutMs} (default 60000, 1000..2147483647): the bound on joining the coordinator. */
    COORDINATOR_START_TIMEOUT_MS("coordinatorStartTimeoutMs", "60000", Kind.LONG, 1000, Integer.MAX_VALUE,
            "coordinator.startTimeoutMs", "milliseconds to wait when joining the coordinator cluster"),

    /** {@code coordinatorKeyStore} (no default): PKCS12/JKS key store for mutual TLS with the coordinator. */
    COORDINATOR_KEY_STORE("coordinatorKeyStore", null, Kind.TEXT, 0, 0, "coordinator.keyStore",
            "key store (PKCS12 or JKS) for mutual TLS with the coordinator"),

    /** {@code coordinatorKeyStorePassword} (no default): never printed, logged or put in a message. */
    COORDINATOR_KEY_STORE_PASSWORD("coordinatorKeyStorePassword", null, Kind.SECRET, 0, 0,
            "coordinator.keyStorePassword", "password of the coordinator key store; never printed or logged"),

    /** {@code coordinatorTrustStore} (no default): trust store for mutual TLS with the coordinator. */
    COORDINATOR_TRUST_STORE("coordinatorTrustStore", null, Kind.TEXT, 0, 0, "coordinator.trustStore",
            "trust store (PKCS12 or JKS) for mutual TLS with the coordinator"),

    /** {@code coordinatorTrustStorePassword} (no default): never printed, logged or put in a message. */
    COORDINATOR_TRUST_STORE_PASSWORD("coordinatorTrustStorePassword", null, Kind.SECRET, 0, 0,
            "coordinator.trustStorePassword", "password of the coordinator trust store; never printed or logged");

    /** How a property's text is read. */
    enum Kind { TEXT, SECRET, INT, LONG, PERCENT, BOOLEAN }

    private static final Map<String, SynapseProperty> BY_NAME;

    static {
        Map<String, SynapseProperty> byName = new HashMap<>();
        for (SynapseProperty p : values()) {
            byName.put(p.propertyName, p);
        }
        BY_NAME = Collections.unmodifiableMap(byName);
    }

    private final String propertyName;
    private final String defaultValue;
    private final Kind kind;
    private final long min;
    private final long max;
    private final String yamlPath;
    private final String description;

    SynapseProperty(String propertyName, String defaultValue, Kind kind, long min, long max,
            String yamlPath, String description) {
        this.propertyName = propertyName;
        this.defaultValue = defaultValue;
        this.kind = kind;
        this.min = min;
        this.max = max;
        this.yamlPath = yamlPath;
        this.description = description;
    }

    /** The name used in the URL query, in connection properties and in error messages. */
    public String propertyName() {
        return propertyName;
    }

    /** The default as text, or {@code null} when there is none (or it is derived, as for homeGroup). */
    public String defaultValue() {
        return defaultValue;
    }

    /** One line saying what the property does. */
    public String description() {
        return description;
    }

    /**
     * Where the property lives in the YAML config file, dotted ({@code pool.size}), or
     * {@code null} when the file cannot set it ({@code config}).
     */
    public String yamlPath() {
        return yamlPath;
    }

    /** A secret value is never printed, logged or put in an error message. */
    public boolean isSecret() {
        return kind == Kind.SECRET;
    }

    Kind kind() {
        return kind;
    }

    /** For {@code java.sql.Driver.getPropertyInfo}: this property with its current value. */
    public DriverPropertyInfo toDriverPropertyInfo(String currentValue) {
        DriverPropertyInfo info = new DriverPropertyInfo(propertyName,
                currentValue != null ? currentValue : defaultValue);
        info.description = description;
        info.required = false;
        if (kind == Kind.BOOLEAN) {
            info.choices = new String[] {"true", "false"};
        }
        return info;
    }

    /** The property of that exact (case-sensitive) name, or {@code null}. */
    public static SynapseProperty forName(String name) {
        return BY_NAME.get(name);
    }

    /** All property names, comma-separated, in declaration order: for error messages. */
    public static String names() {
        return Arrays.stream(values()).map(SynapseProperty::propertyName)
                .collect(Collectors.joining(", "));
    }

    /**
     * Parses a textual value.
     *
     * @return an {@code Integer}, {@code Long}, {@code Float}, {@code Boolean} or {@code String}
     *     as the property's kind says
     * @throws IllegalArgumentException saying what is expected (never echoing the value)
     */
    Object parse(String text) {
        String t = text.trim();
        switch (kind) {
            case TEXT:
                if (t.isEmpty()) {
                    throw new IllegalArgumentException("expected a non-empty value");
                }
                return t;
            case SECRET:
                return text; // passwords are taken verbatim: spaces may be part of them
            case BOOLEAN:
                if (t.equalsIgnoreCase("true")) {
                    return Boolean.TRUE;
                }
                if (t.equalsIgnoreCase("false")) {
                    return Boolean.FALSE;
                }
                throw new IllegalArgumentException("expected true or false");
            case PERCENT:
                float f;
                try {
                    f = Float.parseFloat(t);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(expectation());
                }
                checkPercent(f);
                return f;
            case INT:
            case LONG:
                long v;
                try {
                    v = Long.parseLong(t);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(expectation());
                }
                checkRange(v);
                return kind == Kind.INT ? (Object) (int) v : (Object) v;
            default:
                throw new AssertionError(kind);
        }
    }

    /** @throws IllegalArgumentException when {@code v} is outside this integer property's range */
    void checkRange(long v) {
        if (!inRange(v)) {
            throw new IllegalArgumentException(expectation());
        }
    }

    /** @throws IllegalArgumentException when {@code f} is not a percentage in (0, 100] */
    void checkPercent(float f) {
        if (!isPercent(f)) {
            throw new IllegalArgumentException(expectation());
        }
    }

    /**
     * For the config records: as {@link #checkRange}, with the whole message of an invalid value
     * (the one the URL reader gives, without an origin), since a record knows no origin.
     */
    void require(long v) {
        if (!inRange(v)) {
            throw rejected(String.valueOf(v));
        }
    }

    /** For the config records: as {@link #checkPercent}, with the whole message. */
    void requirePercent(float f) {
        if (!isPercent(f)) {
            throw rejected(String.valueOf(f));
        }
    }

    private boolean inRange(long v) {
        return v >= min && v <= max;
    }

    private boolean isPercent(float f) {
        return f > min && f <= max; // also false for NaN
    }

    private IllegalArgumentException rejected(String value) {
        return new IllegalArgumentException(ConfigErrors.invalidValueMessage(propertyName, value, isSecret(), null,
                expectation()));
    }

    /** What a valid value looks like, e.g. "expected an integer from 1 to 4096". */
    String expectation() {
        switch (kind) {
            case INT:
            case LONG:
                return "expected an integer from " + min + " to " + max;
            case PERCENT:
                return "expected a percentage greater than " + min + " and at most " + max;
            case BOOLEAN:
                return "expected true or false";
            default:
                return "expected a non-empty value";
        }
    }

    /** Case-insensitive lookup for "did you mean" hints. */
    static SynapseProperty forNameIgnoreCase(String name) {
        for (SynapseProperty p : values()) {
            if (p.propertyName.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        return null;
    }
}

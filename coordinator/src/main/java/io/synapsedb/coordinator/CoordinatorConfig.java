package io.synapsedb.coordinator;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Immutable configuration of one coordinator member, built with {@link #builder()}.
 *
 * <pre>{@code
 * CoordinatorConfig config = CoordinatorConfig.builder()
 *         .memberId("c1").host("10.0.0.1").port(5679)
 *         .members(List.of(MemberAddress.parse("c1@10.0.0.1:5679"),
 *                          MemberAddress.parse("c2@10.0.0.2:5679"),
 *                          MemberAddress.parse("c3@10.0.0.3:5679")))
 *         .dataDir(Path.of("/var/lib/synapse/coordinator"))
 *         .build();
 * }</pre>
 *
 * <p>{@code members} are the voting members: they hold the Raft log (in {@code dataDir}) and a majority of
 * them must be up for any write. A member whose id is not among them joins as a non-voting member (an
 * application that only uses the coordinator) and needs no data directory. With no members given, the
 * local member is the only voter (a single-member coordinator for development).
 *
 * <p>A non-voting member may know the voters by address only ({@link Builder#contactPoints}, e.g. the
 * {@code host:port} list of a driver URL): it finds them there and learns their ids from the cluster when it
 * joins ({@link Coordinator#voters()}).
 */
public final class CoordinatorConfig {

    /** Default time bound of one coordinator operation (read, write, lock request). */
    public static final Duration DEFAULT_OPERATION_TIMEOUT = Duration.ofSeconds(5);
    /** Default time bound of joining the cluster (Raft elections plus Atomix's start). */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);
    /** Default Raft session timeout: how soon a dead member's locks and leadership are released. */
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(5);
    /** Default SWIM failure timeout: how soon an unreachable member is removed. */
    public static final Duration DEFAULT_FAILURE_TIMEOUT = Duration.ofSeconds(5);

    private final String clusterId;
    private final String memberId;
    private final String host;
    private final int port;
    private final List<MemberAddress> members;
    private final List<InetSocketAddress> contactPoints;
    private final Path dataDir;
    private final TlsConfig tls;
    private final Duration operationTimeout;
    private final Duration startTimeout;
    private final Duration sessionTimeout;
    private final Duration failureTimeout;

    private CoordinatorConfig(Builder b) {
        this.clusterId = MemberAddress.requireText(b.clusterId, "clusterId");
        this.memberId = MemberAddress.requireText(b.memberId, "memberId");
        this.host = MemberAddress.requireText(b.host, "host");
        if (b.port < 1 || b.port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, got " + b.port);
        }
        this.port = b.port;
        this.contactPoints = List.copyOf(b.contactPoints);
        if (!contactPoints.isEmpty() && !b.members.isEmpty()) {
            throw new IllegalArgumentException("give either members (id@host:port) or contactPoints (host:port),"
                    + " not both");
        }
        List<MemberAddress> list;
        if (!contactPoints.isEmpty()) {
            list = List.of(); // a non-voter: the voters' ids come from the cluster
        } else if (b.members.isEmpty()) {
            list = List.of(MemberAddress.of(b.memberId, b.host, b.port));
        } else {
            list = List.copyOf(b.members);
        }
        Set<String> ids = new HashSet<>();
        for (MemberAddress m : list) {
            if (!ids.add(m.id())) {
                throw new IllegalArgumentException("member id '" + m.id() + "' is listed twice in members " + list);
            }
            if (m.id().equals(memberId) && (!m.host().equals(host) || m.port() != port)) {
                throw new IllegalArgumentException("member '" + memberId + "' is listed as " + m
                        + " but configured with host " + host + " and port " + port);
            }
        }
        this.members = list;
        this.dataDir = b.dataDir;
        if (dataDir == null && isVoter()) {
            throw new IllegalArgumentException("dataDir is required: member '" + memberId
                    + "' is a voting member and keeps the Raft log there");
        }
        this.tls = b.tls;
        this.operationTimeout = positive(b.operationTimeout, "operationTimeout");
        this.startTimeout = positive(b.startTimeout, "startTimeout");
        this.sessionTimeout = positive(b.sessionTimeout, "sessionTimeout");
        this.failureTimeout = positive(b.failureTimeout, "failureTimeout");
    }

    private static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
        return d;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder().clusterId(clusterId).memberId(memberId).host(host).port(port)
                .members(members).contactPoints(contactPoints).dataDir(dataDir).tls(tls).operationTimeout(operationTimeout)
                .startTimeout(startTimeout).sessionTimeout(sessionTimeout).failureTimeout(failureTimeout);
        return b;
    }

    /** Name shared by all members; members of another cluster id are ignored. Default {@code synapse}. */
    public String clusterId() {
        return clusterId;
    }

    public String memberId() {
        return memberId;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /**
     * The voting members as configured: never empty, except for a non-voting member configured with
     * {@link #contactPoints()} only (the cluster's {@link Coordinator#voters()} then tells who votes).
     */
    public List<MemberAddress> members() {
        return members;
    }

    /** Addresses ({@code host:port}, unresolved) of voting members whose ids this member does not know. */
    public List<InetSocketAddress> contactPoints() {
        return contactPoints;
    }

    /** Whether the local member is one of the voting {@link #members()}. */
    public boolean isVoter() {
        return members.stream().anyMatch(m -> m.id().equals(memberId));
    }

    /** The data directory of the Raft log; present for voting members. */
    public Optional<Path> dataDir() {
        return Optional.ofNullable(dataDir);
    }

    public Optional<TlsConfig> tls() {
        return Optional.ofNullable(tls);
    }

    public Duration operationTimeout() {
        return operationTimeout;
    }

    public Duration startTimeout() {
        return startTimeout;
    }

    public Duration sessionTimeout() {
        return sessionTimeout;
    }

    public Duration failureTimeout() {
        return failureTimeout;
    }

    @Override
    public String toString() {
        return "CoordinatorConfig{clusterId=" + clusterId + ", memberId=" + memberId + ", address=" + host + ":"
                + port + ", members=" + members
                + (contactPoints.isEmpty() ? "" : ", contactPoints=" + contactPoints) + ", dataDir=" + dataDir + ", tls=" + tls
                + ", operationTimeout=" + operationTimeout + ", startTimeout=" + startTimeout
                + ", sessionTimeout=" + sessionTimeout + ", failureTimeout=" + failureTimeout + "}";
    }

    /** Builder of {@link CoordinatorConfig}. Required: memberId, host, port; dataDir for voting members. */
    public static final class Builder {
        private String clusterId = "synapse";
        private String memberId;
        private String host = "127.0.0.1";
        private int port;
        private final List<MemberAddress> members = new ArrayList<>();
        private final List<InetSocketAddress> contactPoints = new ArrayList<>();
        private Path dataDir;
        private TlsConfig tls;
        private Duration operationTimeout = DEFAULT_OPERATION_TIMEOUT;
        private Duration startTimeout = DEFAULT_START_TIMEOUT;
        private Duration sessionTimeout = DEFAULT_SESSION_TIMEOUT;
        private Duration failureTimeout = DEFAULT_FAILURE_TIMEOUT;

        private Builder() {
        }

        public Builder clusterId(String clusterId) {
            this.clusterId = clusterId;
            return this;
        }

        public Builder memberId(String memberId) {
            this.memberId = memberId;
            return this;
        }

        /** The address this member binds and announces; default 127.0.0.1. */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Replaces the voting members. */
        public Builder members(Collection<MemberAddress> members) {
            this.members.clear();
            this.members.addAll(members);
            return this;
        }

        /**
         * Replaces the contact points: addresses of voting members whose ids are unknown. A member given
         * contact points joins as a non-voter and learns the voters' ids from the cluster; excludes
         * {@link #members}.
         */
        public Builder contactPoints(Collection<InetSocketAddress> contactPoints) {
            this.contactPoints.clear();
            this.contactPoints.addAll(contactPoints);
            return this;
        }

        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** Mutual TLS on messaging; {@code null} (the default) for plain TCP. */
        public Builder tls(TlsConfig tls) {
            this.tls = tls;
            return this;
        }

        public Builder operationTimeout(Duration timeout) {
            this.operationTimeout = timeout;
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        public Builder sessionTimeout(Duration timeout) {
            this.sessionTimeout = timeout;
            return this;
        }

        public Builder failureTimeout(Duration timeout) {
            this.failureTimeout = timeout;
            return this;
        }

        /** @throws IllegalArgumentException naming the value that is missing or wrong */
        public CoordinatorConfig build() {
            return new CoordinatorConfig(this);
        }
    }
}

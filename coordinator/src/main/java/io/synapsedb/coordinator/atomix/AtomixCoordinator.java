package io.synapsedb.coordinator.atomix;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atomix.cluster.Node;
import io.atomix.cluster.discovery.BootstrapDiscoveryProvider;
import io.atomix.core.Atomix;
import io.atomix.core.AtomixBuilder;
import io.atomix.core.AtomixRegistry;
import io.atomix.core.registry.ClasspathScanningRegistry;
import io.atomix.primitive.partition.PartitionGroup;
import io.atomix.primitive.protocol.ProxyProtocol;
import io.atomix.protocols.raft.MultiRaftProtocol;
import io.atomix.protocols.raft.partition.RaftPartitionGroup;
import io.atomix.protocols.raft.partition.RaftPartitionGroupConfig;
import io.atomix.utils.net.Address;
import io.synapsedb.coordinator.CatalogStore;
import io.synapsedb.coordinator.Coordinator;
import io.synapsedb.coordinator.CoordinatorConfig;
import io.synapsedb.coordinator.CoordinatorException;
import io.synapsedb.coordinator.CoordinatorUnavailableException;
import io.synapsedb.coordinator.LeaderElection;
import io.synapsedb.coordinator.LockService;
import io.synapsedb.coordinator.MemberAddress;
import io.synapsedb.coordinator.Membership;
import io.synapsedb.coordinator.TlsConfig;

/**
 * The Atomix 3.1 implementation of {@link Coordinator}.
 * <p>
 * Two Raft groups of one partition each over the voting members: Atomix's management group
 * ({@value #MANAGEMENT_GROUP}) and {@value #RAFT_GROUP}, the home of the catalog, locks and elections.
 * (Without a data group Atomix retries its bootstrap for 12 s at every start.) Membership is SWIM over UDP,
 * seeded with the voting members.
 */
public final class AtomixCoordinator implements Coordinator {

    /** Name of the Raft partition group holding the catalog, locks and elections. */
    public static final String RAFT_GROUP = "data";
    /** Name of Atomix's management Raft group (primitive metadata, sessions). */
    static final String MANAGEMENT_GROUP = "system";

    private static final Logger LOG = LoggerFactory.getLogger(AtomixCoordinator.class);

    private final CoordinatorConfig config;
    private final Atomix atomix;
    private final ProxyProtocol protocol;
    private final Notifier notifier;
    private final AtomixCatalogStore catalog;
    private final AtomixLockService locks;
    private final AtomixMembership membership;
    private final ConcurrentMap<String, AtomixLeaderElection> elections = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Calls calls;
    private final Quorum quorum;

    private AtomixCoordinator(CoordinatorConfig config, Atomix atomix, ProxyProtocol protocol, Notifier notifier,
                              AtomixCatalogStore catalog, Calls calls, Quorum quorum) {
        this.calls = calls;
        this.quorum = quorum;
        this.config = config;
        this.atomix = atomix;
        this.protocol = protocol;
        this.notifier = notifier;
        this.catalog = catalog;
        this.locks = new AtomixLockService(atomix, protocol, config.operationTimeout(), calls, quorum);
        this.membership = new AtomixMembership(atomix.getMembershipService(), notifier);
        // Leadership is local only while a majority is reachable: re-judge it on every membership change.
        atomix.getMembershipService().addListener(event -> elections.values().forEach(AtomixLeaderElection::recompute));
    }

    /** See {@link Coordinator#start(CoordinatorConfig)}. */
    public static AtomixCoordinator start(CoordinatorConfig config) throws CoordinatorException {
        JvmAccess.verify();
        if (config.tls().isPresent()) {
            TlsStores.check(config.memberId(), config.tls().get());
        }
        long started = System.nanoTime();
        Atomix atomix = build(config);
        Duration startTimeout = config.startTimeout();
        try {
            atomix.start().get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            stopQuietly(atomix, config);
            String need = config.members().isEmpty() ? "a majority of the voting members must be up and reachable at "
                    + config.contactPoints()
                    : "a majority of the voting members (" + (config.members().size() / 2 + 1) + " of "
                            + config.members().size() + ") must be up and reachable";
            throw new CoordinatorUnavailableException("coordinator member '" + config.memberId() + "' could not join "
                    + seedsText(config) + " within " + startTimeout.toMillis() + " ms: " + need, e);
        } catch (ExecutionException e) {
            stopQuietly(atomix, config);
            throw failedToStart(config, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopQuietly(atomix, config);
            throw new CoordinatorException("start of coordinator member '" + config.memberId() + "' was interrupted",
                    "57014", e);
        } catch (RuntimeException e) {
            // Atomix throws some start failures directly (a port in use, a store it cannot read)
            stopQuietly(atomix, config);
            throw failedToStart(config, e);
        }
        ProxyProtocol protocol = MultiRaftProtocol.builder(RAFT_GROUP)
                // The session timeout: how long a silent member keeps its locks and leadership.
                .withMaxTimeout(config.sessionTimeout())
                .build();
        Notifier notifier = new Notifier(config.memberId());
        Calls calls = new Calls(config.memberId());
        Quorum quorum = new Quorum(atomix.getMembershipService(), voters(atomix, config), config.memberId());
        try {
            AtomixCatalogStore catalog = AtomixCatalogStore.open(atomix, protocol, remaining(started, startTimeout,
                    config.operationTimeout()), config.operationTimeout(), notifier, calls, quorum);
            AtomixCoordinator c = new AtomixCoordinator(config, atomix, protocol, notifier, catalog, calls, quorum);
            LOG.info("coordinator member '{}' joined cluster '{}' (voting members {}{}) in {} ms", config.memberId(),
                    config.clusterId(), quorum.voters(), config.isVoter() ? "" : ", this one not voting",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return c;
        } catch (CoordinatorException | RuntimeException e) {
            notifier.close();
            calls.close();
            stopQuietly(atomix, config);
            throw e;
        }
    }

    /**
     * The voters as the data Raft group names them. A member that knew the voters by address only got the
     * group's configuration from them while joining; for everyone else it equals the configured members.
     */
    private static List<String> voters(Atomix atomix, CoordinatorConfig config) {
        PartitionGroup group = atomix.getPartitionService().getPartitionGroup(RAFT_GROUP);
        if (group != null && group.config() instanceof RaftPartitionGroupConfig raft && !raft.getMembers().isEmpty()) {
            return raft.getMembers().stream().sorted().toList();
        }
        if (config.members().isEmpty()) {
            throw new IllegalStateException("coordinator member '" + config.memberId() + "' joined but found no"
                    + " Raft group '" + RAFT_GROUP + "' naming the voting members");
        }
        return config.members().stream().map(MemberAddress::id).sorted().toList();
    }

    private static CoordinatorUnavailableException failedToStart(CoordinatorConfig config, Throwable cause) {
        return new CoordinatorUnavailableException("coordinator member '" + config.memberId() + "' failed to start on "
                + config.host() + ":" + config.port() + ": " + cause, cause);
    }

    private static String seedsText(CoordinatorConfig config) {
        return config.members().isEmpty() ? config.contactPoints().stream()
                .map(a -> a.getHostString() + ":" + a.getPort()).toList().toString() : config.members().toString();
    }

    /** What is left of the start timeout, but at least one operation timeout. */
    private static Duration remaining(long started, Duration startTimeout, Duration operationTimeout) {
        Duration left = startTimeout.minusNanos(System.nanoTime() - started);
        return left.compareTo(operationTimeout) > 0 ? left : operationTimeout;
    }

    private static Atomix build(CoordinatorConfig config) {
        // Atomix finds its types by scanning the classpath; limited to its own packages the scan takes a
        // fraction of the time (a large application classpath otherwise adds seconds to every start).
        AtomixRegistry registry = ClasspathScanningRegistry.builder()
                .withClassLoader(Atomix.class.getClassLoader())
                .withWhitelistPackages("io.atomix")
                .build();
        List<Node> seeds = new ArrayList<>(config.members().stream()
                .filter(m -> !m.id().equals(config.memberId()))
                .map(AtomixCoordinator::node)
                .toList());
        // A voter known by address only: a seed without an id (Atomix gives it an anonymous one). SWIM's first
        // sync with that address returns the real members with their ids, and the partition groups follow.
        for (InetSocketAddress a : config.contactPoints()) {
            seeds.add(Node.builder().withAddress(Address.from(a.getHostString(), a.getPort())).build());
        }
        AtomixBuilder b = Atomix.builder(registry)
                .withClusterId(config.clusterId())
                .withMemberId(config.memberId())
                .withAddress(Address.from(config.host(), config.port()))
                // Listen on the configured address only (Atomix's default is every interface).
                .withMessagingInterface(config.host())
                .withShutdownHook(false)
                .withMembershipProvider(BootstrapDiscoveryProvider.builder().withNodes(seeds).build())
                .withMembershipProtocol(NullSafeMembershipProtocol.swim(config.failureTimeout()));
        if (config.isVoter()) {
            Path dir = config.dataDir().orElseThrow();
            List<String> voters = config.members().stream().map(MemberAddress::id).toList();
            b.withManagementGroup(RaftPartitionGroup.builder(MANAGEMENT_GROUP)
                    .withNumPartitions(1)
                    .withMembers(voters)
                    .withDataDirectory(dir.resolve(MANAGEMENT_GROUP).toFile())
                    .build());
            b.withPartitionGroups(RaftPartitionGroup.builder(RAFT_GROUP)
                    .withNumPartitions(1)
                    .withMembers(voters)
                    .withDataDirectory(dir.resolve(RAFT_GROUP).toFile())
                    .build());
        }
        if (config.tls().isPresent()) {
            TlsConfig tls = config.tls().get();
            b.withTlsEnabled()
                    .withKeyStore(tls.keyStore().toString())
                    .withKeyStorePassword(tls.keyStorePassword())
                    .withTrustStore(tls.trustStore().toString())
                    .withTrustStorePassword(tls.trustStorePassword());
        }
        return b.build();
    }

    private static Node node(MemberAddress m) {
        return Node.builder().withId(m.id()).withAddress(Address.from(m.host(), m.port())).build();
    }

    private static void stopQuietly(Atomix atomix, CoordinatorConfig config) {
        try {
            // Bounded: stopping a member that never reached the quorum must not hang its caller.
            atomix.stop().get(config.operationTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("coordinator member '{}' did not stop cleanly: {}", config.memberId(), e.toString());
        }
    }

    @Override
    public String localMemberId() {
        return config.memberId();
    }

    @Override
    public CoordinatorConfig config() {
        return config;
    }

    @Override
    public CatalogStore catalog() {
        return catalog;
    }

    @Override
    public LockService locks() {
        return locks;
    }

    @Override
    public LeaderElection election(String name) throws CoordinatorException {
        AtomixLeaderElection e = elections.get(name);
        if (e != null) {
            return e;
        }
        AtomixLeaderElection opened = AtomixLeaderElection.open(atomix, name, protocol, config.operationTimeout(), notifier, quorum);
        e = elections.putIfAbsent(name, opened);
        return e == null ? opened : e;
    }

    @Override
    public Membership membership() {
        return membership;
    }

    @Override
    public List<String> voters() {
        return quorum.voters();
    }

    @Override
    public boolean hasQuorum() {
        return quorum.visible();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        membership.close();
        stopQuietly(atomix, config);
        notifier.close();
        calls.close();
        LOG.info("coordinator member '{}' stopped", config.memberId());
    }

    @Override
    public String toString() {
        return "AtomixCoordinator{member=" + config.memberId() + ", members=" + seedsText(config) + "}";
    }
}

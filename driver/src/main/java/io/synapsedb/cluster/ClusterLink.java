package io.synapsedb.cluster;

import io.synapsedb.catalog.Catalog;
import io.synapsedb.catalog.CatalogChannel;
import io.synapsedb.catalog.CatalogDocument;
import io.synapsedb.catalog.CatalogManager;
import io.synapsedb.config.SynapseConfig;
import io.synapsedb.config.SynapseProperty;
import io.synapsedb.core.GroupInfo;
import io.synapsedb.core.SqlStates;
import io.synapsedb.spi.ClusterTopology;
import io.synapsedb.spi.CoordinationEntry;
import io.synapsedb.spi.CoordinationLock;
import io.synapsedb.spi.CoordinationSession;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One runtime's link with the coordinator: where its groups come from, and the
 * {@link CatalogChannel} of its catalog changes.
 * <ul>
 *   <li>At start it reads the topology through the quorum (or, without one, the copy this JVM's
 *   member already holds). A coordinator that holds none yet gets the groups of the application's
 *   own configuration, when it names any (compare-and-set: the first application wins).</li>
 *   <li>It follows the topology and the catalog documents. A newer catalog replaces the runtime's
 *   snapshot at once; a newer topology that moves a group's primary is handed to the runtime.</li>
 *   <li>Catalog changes and DDL hold the coordinator's lock {@link CoordinationSession#DDL_LOCK};
 *   without a quorum they fail at once, before anything changes, while statements keep running.</li>
 * </ul>
 */
public final class ClusterLink implements CatalogChannel, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterLink.class);

    /** SQLState lock_not_available: the coordinator's lock stayed held for the whole wait. */
    private static final String LOCK_NOT_AVAILABLE = SqlStates.LOCK_NOT_AVAILABLE;

    /** The runtime's side of a topology change. */
    @FunctionalInterface
    public interface TopologyListener {
        /** {@code next} has the same groups in the same order; some primaries moved. */
        void moved(SynapseConfig next, long epoch);
    }

    private final CoordinationSession session;
    private final SynapseConfig requested;
    private volatile SynapseConfig resolved;
    private volatile long topologyEpoch;
    private volatile CatalogDocument announced;
    private volatile CatalogManager manager;

    private ClusterLink(SynapseConfig requested, CoordinationSession session) throws SQLException {
        this.session = session;
        this.requested = requested;
        CoordinationEntry entry = topologyEntry();
        ClusterTopology topology = ClusterTopology.decode(entry.value());
        ClusterTopology own = requested.toTopology();
        if (own != null && !own.groups().equals(topology.groups())) {
            LOG.warn("the coordinator's topology (epoch {}) differs from the groups of this configuration; using the"
                    + " coordinator's: {}", entry.version(), topology.groupNames());
        }
        this.resolved = requested.withTopology(topology);
        this.topologyEpoch = entry.version();
        LOG.info("cluster mode through {}: topology epoch {}, groups {}", session.describe(), entry.version(),
                topology.groupNames());
    }

    /**
     * Joins the coordinator named by {@code config.coordinator()} and reads the topology.
     *
     * @throws SQLException 08001 when there is no provider, the coordinator cannot be joined, or it
     *                      holds no topology and the configuration names no groups
     */
    public static ClusterLink open(SynapseConfig config) throws SQLException {
        CoordinationSession session = Coordinators.open(config.coordinator());
        try {
            return new ClusterLink(config, session);
        } catch (SQLException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private CoordinationEntry topologyEntry() throws SQLException {
        Optional<CoordinationEntry> entry;
        try {
            entry = session.read(CoordinationSession.TOPOLOGY_KEY);
        } catch (SQLException e) {
            entry = session.lastKnown(CoordinationSession.TOPOLOGY_KEY);
            if (entry.isEmpty()) {
                throw new SQLNonTransientConnectionException("cannot read the cluster topology from the coordinator ("
                        + session.describe() + "): " + e.getMessage(), SqlStates.UNABLE_TO_CONNECT, e);
            }
            LOG.warn("coordinator without quorum at start ({}); using the topology this member last saw, epoch {}",
                    e.getMessage(), entry.get().version());
        }
        if (entry.isPresent()) {
            return entry.get();
        }
        ClusterTopology seed = requested.toTopology();
        if (seed == null) {
            throw new SQLNonTransientConnectionException("the coordinator (" + session.describe() + ") holds no"
                    + " cluster topology yet: start its members with a postgres: section, or connect once with the"
                    + " groups (jdbc:synapse://h1:5432,h2:5432/db?coordinator=...)", SqlStates.UNABLE_TO_CONNECT);
        }
        try {
            CoordinationEntry created = session.compareAndSet(CoordinationSession.TOPOLOGY_KEY,
                    CoordinationSession.ABSENT, seed.encode());
            LOG.info("published this configuration's groups as the cluster topology: {}", seed.groupNames());
            return created;
        } catch (SQLException e) {
            if (SqlStates.SERIALIZATION_FAILURE.equals(e.getSQLState())) {
                // another application published first: use theirs
                return session.read(CoordinationSession.TOPOLOGY_KEY).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    /** The configuration with the coordinator's groups. */
    public SynapseConfig config() {
        return resolved;
    }

    /** The version of the topology document in use. */
    public long topologyEpoch() {
        return topologyEpoch;
    }

    public CoordinationSession session() {
        return session;
    }

    /**
     * Starts following the coordinator: announced catalogs go to {@code catalog}, moved primaries
     * to {@code listener}. Also announces the nodes' catalog when the coordinator's is older (the
     * first driver of a cluster, or a change whose announcement was lost).
     */
    public void follow(CatalogManager catalog, TopologyListener listener) {
        this.manager = catalog;
        session.watch(CoordinationSession.CATALOG_KEY, this::onCatalog);
        session.watch(CoordinationSession.TOPOLOGY_KEY, e -> onTopology(e, listener));
        session.lastKnown(CoordinationSession.CATALOG_KEY).ifPresent(this::onCatalog);
        CatalogDocument seen = announced;
        CatalogDocument mine = CatalogDocument.of(catalog.current(), catalog.schemaVersion(), "catalog found on the nodes");
        if (session.hasQuorum() && (seen == null || mine.newerThan(seen))) {
            announce(mine);
        }
    }

    private void onCatalog(CoordinationEntry entry) {
        if (entry == null) {
            return;
        }
        try {
            CatalogDocument doc = CatalogDocument.decode(entry.value());
            remember(doc);
            CatalogManager m = manager;
            if (m != null && m.adopt(doc)) {
                LOG.info("catalog version {} (schema version {}) from the coordinator: {}", doc.version(),
                        doc.schemaVersion(), doc.lastChange());
            }
        } catch (SQLException e) {
            LOG.error("ignoring a catalog document from the coordinator: {}", e.getMessage());
        }
    }

    private void remember(CatalogDocument doc) {
        synchronized (this) {
            CatalogDocument a = announced;
            if (a == null || doc.newerThan(a)) {
                announced = doc;
            }
        }
    }

    private void onTopology(CoordinationEntry entry, TopologyListener listener) {
        if (entry == null) {
            LOG.error("the cluster topology was removed from the coordinator; keeping epoch {}", topologyEpoch);
            return;
        }
        if (entry.version() <= topologyEpoch) {
            return;
        }
        try {
            ClusterTopology t = ClusterTopology.decode(entry.value());
            SynapseConfig next = requested.withTopology(t);
            List<String> now = resolved.groups().stream().map(GroupInfo::name).toList();
            if (!now.equals(t.groupNames()) || !resolved.homeGroup().equals(next.homeGroup())) {
                LOG.error("topology epoch {} changes the groups ({} to {}); adding or removing groups needs"
                        + " resharding, which this version does not do: keeping epoch {}", entry.version(), now,
                        t.groupNames(), topologyEpoch);
                return;
            }
            listener.moved(next, entry.version());
            resolved = next;
            topologyEpoch = entry.version();
        } catch (SQLException | RuntimeException e) {
            LOG.error("ignoring topology epoch {} from the coordinator: {}", entry.version(), e.getMessage());
        }
    }

    @Override
    public Hold hold(String change) throws SQLException {
        if (!session.hasQuorum()) {
            throw refused(change, "it has no quorum", SqlStates.CONNECTION_FAILURE, null);
        }
        // How long DDL waits for another application's DDL to finish (index builds may take long).
        long waitMs = requested.catalog().ddlLockTimeoutMs();
        CoordinationLock lock;
        try {
            lock = session.lock(CoordinationSession.DDL_LOCK, Duration.ofMillis(waitMs));
        } catch (SQLException e) {
            String why = e.getMessage();
            if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                why = "another application held its lock " + CoordinationSession.DDL_LOCK + " for the whole wait: waited "
                        + waitMs + " ms (" + SynapseProperty.DDL_LOCK_TIMEOUT_MS.propertyName() + ") [" + why + "]";
            }
            throw refused(change, why, e.getSQLState(), e);
        }
        return lock::close;
    }

    private SQLException refused(String change, String why, String state, SQLException cause) {
        CatalogManager m = manager;
        String version = m == null ? "" : " on catalog version " + m.current().version();
        return new SQLException(change + " refused: catalog changes and DDL need the coordinator (" + session.describe()
                + "), and " + why + ". Nothing was changed; statements on existing tables keep running" + version + ".",
                state, cause);
    }

    @Override
    public void announce(Catalog catalog, long schemaVersion, String change) {
        announce(CatalogDocument.of(catalog, schemaVersion, change));
    }

    private void announce(CatalogDocument doc) {
        String text = doc.encode();
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                Optional<CoordinationEntry> current = session.read(CoordinationSession.CATALOG_KEY);
                if (current.isPresent()) {
                    CatalogDocument c = CatalogDocument.decode(current.get().value());
                    if (!doc.newerThan(c)) {
                        remember(c);
                        return; // someone announced this or a later change already
                    }
                }
                session.compareAndSet(CoordinationSession.CATALOG_KEY,
                        current.map(CoordinationEntry::version).orElse(CoordinationSession.ABSENT), text);
                remember(doc);
                return;
            } catch (SQLException e) {
                if (!SqlStates.SERIALIZATION_FAILURE.equals(e.getSQLState())) {
                    LOG.warn("could not announce catalog version {} (schema version {}) through the coordinator: {};"
                            + " other applications find it on the nodes", doc.version(), doc.schemaVersion(), e.getMessage());
                    return;
                }
            }
        }
        LOG.warn("catalog version {} not announced: the coordinator's document kept changing", doc.version());
    }

    @Override
    public long[] announcedVersions() {
        CatalogDocument a = announced;
        return a == null ? null : new long[] {a.version(), a.schemaVersion()};
    }

    @Override
    public void close() {
        session.close();
    }
}

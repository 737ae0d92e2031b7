package io.synapsedb.spi;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A driver's session with the coordinator cluster.
 * <p>
 * Reads through {@link #read} and every write go through the coordinator's quorum; without one
 * they fail within the provider's operation timeout and never hang: SQLState 08006 when nothing
 * was written, 08007 when the outcome of a write is unknown (it may still be applied; every write
 * here is idempotent, so repeating it is safe). {@link #lastKnown} answers from this member's copy
 * without the quorum: the data path runs on it.
 */
public interface CoordinationSession extends AutoCloseable {

    /** The expected version of a key that must not exist yet. */
    long ABSENT = 0L;

    /** Key of the {@link ClusterTopology} document: groups and their nodes. */
    String TOPOLOGY_KEY = "synapse/topology";

    /** Key of the catalog document (tables, placements, schema version), written only by drivers. */
    String CATALOG_KEY = "synapse/catalog";

    /** Name of the lock that serialises DDL and table declarations of every application. */
    String DDL_LOCK = "synapse/ddl";

    /** Says which cluster and which member this is, for logs and messages (never secrets). */
    String describe();

    /** A linearizable read through the quorum. */
    Optional<CoordinationEntry> read(String key) throws SQLException;

    /** What this member last saw for {@code key}, without the quorum. */
    Optional<CoordinationEntry> lastKnown(String key);

    /**
     * Writes {@code value} if {@code key} is at {@code expectedVersion} ({@link #ABSENT}: if it does
     * not exist yet). A write whose value is already the current value succeeds (a repeat of an
     * earlier attempt that was applied).
     *
     * @return the new entry
     * @throws SQLException 40001 when the key is at another version with another value
     */
    CoordinationEntry compareAndSet(String key, long expectedVersion, String value) throws SQLException;

    /**
     * Calls {@code listener} with every later value of {@code key} written by any member, in write
     * order, on a thread of the provider; with {@code null} when the key is removed. The listener
     * must not block.
     */
    void watch(String key, Consumer<CoordinationEntry> listener);

    /**
     * Takes the cluster-wide lock {@code name}, waiting at most {@code timeout}.
     *
     * @throws SQLException 55P03 when another holder kept it for the whole wait, 08006 without a
     *                      quorum
     */
    CoordinationLock lock(String name, Duration timeout) throws SQLException;

    /** The coordinator's members as this member sees them now, without the quorum. */
    List<CoordinationMember> members();

    /** Whether this member sees a majority of the voting members (a quick local answer). */
    boolean hasQuorum();

    /** Ends this session; the provider leaves the cluster when its last session closes. */
    @Override
    void close();
}

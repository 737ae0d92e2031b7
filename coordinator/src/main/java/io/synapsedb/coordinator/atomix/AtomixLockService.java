package io.synapsedb.coordinator.atomix;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atomix.core.Atomix;
import io.atomix.core.lock.AsyncAtomicLock;
import io.atomix.core.lock.AtomicLock;
import io.atomix.primitive.protocol.ProxyProtocol;
import io.atomix.utils.time.Version;
import io.synapsedb.coordinator.CoordinatorException;
import io.synapsedb.coordinator.CoordinatorTimeoutException;
import io.synapsedb.coordinator.LockHandle;
import io.synapsedb.coordinator.LockService;
import io.synapsedb.coordinator.LockTimeoutException;

/**
 * {@link LockService} on Atomix {@code AtomicLock}s, one primitive per name.
 * <p>
 * An Atomix lock belongs to a Raft session, i.e. to the whole member, and is not reentrant: two threads of
 * one member asking for it would queue the second behind the first <i>in the state machine</i> and the
 * first unlock would release the other's grant. So threads of one member take turns on a local semaphore
 * first, and only the semaphore holder talks to the cluster.
 */
final class AtomixLockService implements LockService {

    static final String PREFIX = "synapse-lock-";

    private static final Logger LOG = LoggerFactory.getLogger(AtomixLockService.class);

    private final Atomix atomix;
    private final ProxyProtocol protocol;
    private final Duration operationTimeout;
    private final ConcurrentMap<String, CompletableFuture<AsyncAtomicLock>> primitives = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Semaphore> turns = new ConcurrentHashMap<>();

    private final Calls calls;
    private final Quorum quorum;

    AtomixLockService(Atomix atomix, ProxyProtocol protocol, Duration operationTimeout, Calls calls, Quorum quorum) {
        this.calls = calls;
        this.quorum = quorum;
        this.atomix = atomix;
        this.protocol = protocol;
        this.operationTimeout = operationTimeout;
    }

    @Override
    public LockHandle tryLock(String name, Duration timeout) throws CoordinatorException {
        Objects.requireNonNull(name, "lock name");
        Objects.requireNonNull(timeout, "timeout of lock '" + name + "'");
        quorum.check("request of lock '" + name + "'");
        long deadline = System.nanoTime() + timeout.toNanos();
        Semaphore turn = turns.computeIfAbsent(name, n -> new Semaphore(1, true));
        try {
            if (!turn.tryAcquire(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS)) {
                throw new LockTimeoutException("lock '" + name + "' was held by another thread of member '"
                        + atomix.getMembershipService().getLocalMember().id() + "' for the whole " + timeout.toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CoordinatorException("waiting for lock '" + name + "' was interrupted", "57014", e);
        }
        boolean handedOver = false;
        try {
            AsyncAtomicLock lock = primitive(name);
            Duration remaining = Duration.ofNanos(Math.max(1_000_000L, deadline - System.nanoTime()));
            // The state machine expires the request after `remaining`; Atomix's proxy also fails it on its own
            // timer and releases a grant that arrives later. Our bound adds one operation timeout for the trip.
            CompletableFuture<Optional<Version>> attempt = calls.issue(() -> lock.tryLock(remaining));
            Optional<Version> granted;
            try {
                granted = Await.write(attempt, remaining.plus(operationTimeout), "request of lock '" + name + "'");
            } catch (CoordinatorTimeoutException e) {
                // Unsettled: keep our turn until Atomix settles the attempt, so no thread of this member asks
                // again while a late grant might still arrive; release that grant if it does.
                handedOver = true;
                attempt.whenComplete((v, error) -> {
                    if (v != null && v.isPresent()) {
                        lock.unlock().whenComplete((x, y) -> turn.release());
                    } else {
                        turn.release();
                    }
                });
                throw e;
            }
            if (granted.isEmpty()) {
                throw new LockTimeoutException("lock '" + name + "' was not granted within " + timeout.toMillis()
                        + " ms: another member held it (or the coordinator has no quorum)");
            }
            handedOver = true;
            return new Handle(name, granted.get().value(), lock, turn);
        } finally {
            if (!handedOver) {
                turn.release();
            }
        }
    }

    private AsyncAtomicLock primitive(String name) throws CoordinatorException {
        CompletableFuture<AsyncAtomicLock> future = primitives.computeIfAbsent(name, n -> atomix.atomicLockBuilder(PREFIX + n)
                .withProtocol(protocol).buildAsync().thenApply(AtomicLock::async));
        try {
            return Await.read(calls.issue(() -> future), operationTimeout, "opening lock '" + name + "'");
        } catch (CoordinatorException e) {
            primitives.remove(name, future); // let a later call try again
            throw e;
        }
    }

    /** A granted lock; closing releases the cluster lock, then this member's turn. */
    private final class Handle implements LockHandle {
        private final String name;
        private final long token;
        private final AsyncAtomicLock lock;
        private final Semaphore turn;
        private final AtomicBoolean held = new AtomicBoolean(true);

        Handle(String name, long token, AsyncAtomicLock lock, Semaphore turn) {
            this.name = name;
            this.token = token;
            this.lock = lock;
            this.turn = turn;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public long fencingToken() {
            return token;
        }

        @Override
        public boolean isHeld() {
            return held.get();
        }

        @Override
        public void close() {
            if (!held.compareAndSet(true, false)) {
                return;
            }
            try {
                Await.write(calls.issue(lock::unlock), operationTimeout, "release of lock '" + name + "'");
            } catch (CoordinatorException e) {
                LOG.warn("{}; it is released when this member's coordinator session expires", e.getMessage());
            } finally {
                turn.release();
            }
        }

        @Override
        public String toString() {
            return "LockHandle{name=" + name + ", fencingToken=" + token + ", held=" + held.get() + "}";
        }
    }
}

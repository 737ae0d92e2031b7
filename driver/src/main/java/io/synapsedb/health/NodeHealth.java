package io.synapsedb.health;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.synapsedb.config.BreakerConfig;
import io.synapsedb.core.Failures;
import io.synapsedb.core.NodeAddress;
import io.synapsedb.core.SqlStates;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One node's circuit breaker (Resilience4j). It counts connection attempts and connection failures,
 * never SQL errors. While it is open every call to the node fails fast with SQLState {@code 08001}.
 *
 * <p>On the hot path a closed breaker costs one volatile read: successful statements are not
 * recorded (the pool's connection acquisitions are), so healthy traffic never contends on the
 * breaker's sliding window.
 */
public final class NodeHealth {

    private final NodeAddress node;
    private final CircuitBreaker breaker;
    /** Set while {@link NodeMonitor} holds the breaker forced open; the bound it waited, for messages. */
    private volatile long unresponsiveAfterMs;

    public NodeHealth(NodeAddress node, BreakerConfig settings) {
        this.node = node;
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRateThreshold())
                .minimumNumberOfCalls(settings.minimumCalls())
                .slidingWindowSize(Math.max(settings.minimumCalls(), 10))
                .waitDurationInOpenState(Duration.ofMillis(settings.openMs()))
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(Failures::isConnectionFailure)
                .build();
        this.breaker = CircuitBreaker.of("node-" + node, config);
    }

    public NodeAddress node() {
        return node;
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    /**
     * Called before any use of the node. Fails fast while the breaker is open; when it is half-open
     * this call takes the trial permit, and the caller must report the outcome.
     *
     * @return true when the outcome must be reported with {@link #onSuccess} or {@link #onFailure}
     */
    public boolean checkAvailable() throws SQLException {
        if (breaker.getState() == CircuitBreaker.State.CLOSED) {
            return false;
        }
        if (!breaker.tryAcquirePermission()) {
            long silent = unresponsiveAfterMs;
            throw new SQLNonTransientConnectionException(silent > 0
                    ? "node " + node + " is unavailable: it has not answered health checks for " + silent
                            + " ms (nodeTimeoutMs); calls fail fast until it answers again"
                    : "node " + node + " is unavailable: its circuit breaker is open after connection failures",
                    SqlStates.UNABLE_TO_CONNECT);
        }
        return true;
    }

    /**
     * The node stopped answering ({@link NodeMonitor}): the breaker stays open, whatever its own
     * statistics say, until {@link #markResponsive()}.
     */
    void markUnresponsive(long afterMs) {
        unresponsiveAfterMs = afterMs;
        breaker.transitionToForcedOpenState();
    }

    /** The node answers again: a breaker {@link #markUnresponsive forced open} closes. */
    void markResponsive() {
        unresponsiveAfterMs = 0;
        if (breaker.getState() == CircuitBreaker.State.FORCED_OPEN) {
            breaker.transitionToClosedState();
        }
    }

    /**
     * A health check just ran a query on the node: a breaker opened by connection failures closes
     * (with a fresh window) instead of waiting out {@code breakerOpenMs}.
     */
    void closeIfOpen() {
        CircuitBreaker.State s = breaker.getState();
        if (s == CircuitBreaker.State.OPEN || s == CircuitBreaker.State.HALF_OPEN) {
            breaker.transitionToClosedState();
        }
    }

    /** A connection to the node was made or a trial call succeeded. */
    public void onSuccess(long nanos) {
        breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * A call failed. The breaker's record predicate ({@link Failures}) decides: a
     * connection failure counts against the node, any other error counts as a call that reached it.
     */
    public void onFailure(long nanos, Throwable error) {
        breaker.onError(nanos, TimeUnit.NANOSECONDS, error);
    }

    /** Records a connection failure seen on an established connection (no permit was taken). */
    public void onConnectionLost(Throwable error) {
        if (Failures.isConnectionFailure(error)) {
            breaker.onError(0, TimeUnit.NANOSECONDS, error);
        }
    }

    public CircuitBreaker.State state() {
        return breaker.getState();
    }
}

package io.synapsedb.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.synapsedb.config.BreakerConfig;
import io.synapsedb.core.NodeAddress;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The judgement of {@link NodeMonitor}, on a clock the test moves. */
class NodeMonitorTest {

    private static final NodeAddress NODE = new NodeAddress("127.0.0.1", 5999, "db");

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final AtomicInteger aborted = new AtomicInteger();
    private final NodeHealth health = new NodeHealth(NODE, new BreakerConfig(50, 5, 5000));
    /** Milliseconds the next probe takes; negative: it fails after that long. */
    private long nextProbeMs;

    private final NodeMonitor monitor = new NodeMonitor(health, () -> {
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(Math.abs(nextProbeMs)));
        if (nextProbeMs < 0) {
            throw new SQLException("Read timed out", "08006");
        }
    }, aborted::incrementAndGet, 5000, clock::get);

    private void probe(long ms) {
        nextProbeMs = ms;
        monitor.probeOnce();
    }

    private void idle(long ms) {
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
    }

    @Test
    void aProbeThatTimesOutAfterTheBoundDeclaresTheNodeUnresponsive() throws Exception {
        probe(2);
        probe(-5000); // sent, unanswered for the whole bound
        assertThat(monitor.isUnresponsive()).isTrue();
        assertThat(aborted).hasValue(1);
        assertThat(health.state()).isEqualTo(CircuitBreaker.State.FORCED_OPEN);
        assertThatThrownBy(health::checkAvailable).isInstanceOf(SQLException.class)
                .hasMessageContaining("has not answered health checks for 5000 ms (nodeTimeoutMs)")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08001"));

        probe(-1000); // still silent: no second abort
        assertThat(aborted).hasValue(1);

        probe(3); // answers again
        assertThat(monitor.isUnresponsive()).isFalse();
        assertThat(health.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(health.checkAvailable()).isFalse();
    }

    @Test
    void anAnsweredProbeClosesABreakerOpenedByConnectionFailures() {
        health.breaker().transitionToOpenState();
        probe(3);
        assertThat(health.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        health.breaker().transitionToOpenState();
        nextProbeMs = -1;
        monitor.probeOnce(); // silence: the breaker stays as it is
        assertThat(health.state()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void aRefusedConnectionOrAServerErrorIsAnAnswer() {
        SQLException refused = new SQLException("Connection to 127.0.0.1:5999 refused", "08001",
                new java.net.ConnectException("Connection refused"));
        assertThat(NodeMonitor.isAnswer(refused)).isTrue();
        assertThat(NodeMonitor.isAnswer(new org.postgresql.util.PSQLException(
                new org.postgresql.util.ServerErrorMessage("SFATAL\0C57P03\0Mthe database system is starting up\0"))))
                .isTrue();
        assertThat(NodeMonitor.isAnswer(new SQLException("An I/O error occurred", "08006",
                new java.net.SocketTimeoutException("Read timed out")))).isFalse();
        assertThat(NodeMonitor.isAnswer(new SQLException("Connection attempt timed out.", "08001"))).isFalse();
    }

    @Test
    void failuresCountFromTheFirstUnansweredProbeSent() {
        probe(-10); // refused at once
        idle(1000);
        probe(-10);
        idle(1000);
        probe(-10);
        assertThat(monitor.isUnresponsive()).as("2 s of failures").isFalse();
        idle(3000);
        probe(-10);
        assertThat(monitor.isUnresponsive()).as("5 s of failures").isTrue();
        assertThat(aborted).hasValue(1);
    }

    @Test
    void anAnswerInBetweenStartsTheCountAgain() {
        probe(-4000);
        probe(5);
        probe(-4000);
        assertThat(monitor.isUnresponsive()).isFalse();
        assertThat(aborted).hasValue(0);
        assertThat(health.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aPauseOfThisJvmWithoutAnUnansweredProbeIsNoFailure() {
        probe(2);
        idle(60_000); // a long GC pause, or a suspended laptop
        probe(2);
        assertThat(monitor.isUnresponsive()).isFalse();
        assertThat(aborted).hasValue(0);
    }

    @Test
    void aSlowAnswerWithinTheBoundIsNoFailure() {
        probe(4900);
        probe(4900);
        assertThat(monitor.isUnresponsive()).isFalse();
    }
}

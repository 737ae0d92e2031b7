package io.synapsedb.coordinator.atomix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.atomix.cluster.messaging.MessagingException;
import io.atomix.primitive.PrimitiveException;
import io.synapsedb.coordinator.CoordinatorException;
import io.synapsedb.coordinator.CoordinatorTimeoutException;
import io.synapsedb.coordinator.CoordinatorUnavailableException;

/** How Atomix's failures become SQLStates: whether a write may still have been applied decides. */
class AwaitTest {

    private static final Duration BOUND = Duration.ofSeconds(5);

    @Test
    void aMessageNoHandlerReceivedIsUnavailableEvenForAWrite() {
        assertThatThrownBy(() -> Await.write(CompletableFuture.failedFuture(new MessagingException.NoRemoteHandler()),
                BOUND, "put of synapse/topology"))
                .isInstanceOf(CoordinatorUnavailableException.class)
                .hasMessageContaining("put of synapse/topology").hasMessageContaining("not serving yet")
                .satisfies(e -> assertThat(((CoordinatorException) e).getSQLState()).isEqualTo("08006"));
        assertThatThrownBy(() -> Await.write(CompletableFuture.failedFuture(new ConnectException("refused")),
                BOUND, "put"))
                .isInstanceOf(CoordinatorUnavailableException.class);
    }

    @Test
    void aLostSessionLeavesAWriteUnknownButAReadUnavailable() {
        assertThatThrownBy(() -> Await.write(CompletableFuture.failedFuture(new PrimitiveException.Unavailable()),
                BOUND, "put"))
                .isInstanceOf(CoordinatorTimeoutException.class)
                .satisfies(e -> assertThat(((CoordinatorException) e).getSQLState()).isEqualTo("08007"));
        assertThatThrownBy(() -> Await.read(CompletableFuture.failedFuture(new PrimitiveException.Unavailable()),
                BOUND, "get"))
                .isInstanceOf(CoordinatorUnavailableException.class);
    }

    @Test
    void anythingElseIsAnInternalError() {
        assertThatThrownBy(() -> Await.read(CompletableFuture.failedFuture(new MessagingException.RemoteHandlerFailure()),
                BOUND, "get"))
                .isInstanceOf(CoordinatorException.class)
                .satisfies(e -> assertThat(((CoordinatorException) e).getSQLState()).isEqualTo("XX000"));
    }
}

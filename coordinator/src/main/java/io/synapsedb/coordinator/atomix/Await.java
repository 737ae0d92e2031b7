package io.synapsedb.coordinator.atomix;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.atomix.cluster.messaging.MessagingException;
import io.atomix.primitive.PrimitiveException;
import io.synapsedb.coordinator.CoordinatorException;
import io.synapsedb.coordinator.CoordinatorTimeoutException;
import io.synapsedb.coordinator.CoordinatorUnavailableException;

/**
 * Waits on Atomix futures with a bound. Atomix retries an operation without quorum forever, so no
 * coordinator call may wait on a future without a timeout.
 */
final class Await {

    private Await() {
    }

    /** Waits for a read (or anything that changes nothing): a timeout means "unavailable". */
    static <T> T read(CompletableFuture<T> future, Duration timeout, String what) throws CoordinatorException {
        return await(future, timeout, what, false);
    }

    /** Waits for a write: a timeout means "outcome unknown, may still be applied". */
    static <T> T write(CompletableFuture<T> future, Duration timeout, String what) throws CoordinatorException {
        return await(future, timeout, what, true);
    }

    private static <T> T await(CompletableFuture<T> future, Duration timeout, String what, boolean write)
            throws CoordinatorException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw timedOut(what, timeout, write, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CoordinatorException(what + " was interrupted", "57014", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof PrimitiveException.Timeout) {
                throw timedOut(what, timeout, write, cause);
            }
            if (cause instanceof PrimitiveException.Unavailable || cause instanceof PrimitiveException.ClosedSession
                    || cause instanceof PrimitiveException.UnknownSession) {
                String why = " failed: no quorum of coordinator members is reachable (" + cause.getClass().getSimpleName() + ")";
                if (write) {
                    // The request may have reached the log before the session was lost.
                    throw new CoordinatorTimeoutException(what + why + ". The outcome is unknown; the write is"
                            + " idempotent and may be repeated", cause);
                }
                throw new CoordinatorUnavailableException(what + why, cause);
            }
            if (cause instanceof MessagingException.NoRemoteHandler || cause instanceof ConnectException) {
                // Never delivered to a handler (the member is still starting, or refused the connection):
                // certainly not applied, so even a write is simply "unavailable".
                throw new CoordinatorUnavailableException(what + " failed: the coordinator member it reached is not"
                        + " serving yet or refused the connection (" + cause.getClass().getSimpleName() + ")", cause);
            }
            throw new CoordinatorException(what + " failed: " + cause, "XX000", cause);
        }
    }

    private static CoordinatorException timedOut(String what, Duration timeout, boolean write, Throwable cause) {
        if (write) {
            return new CoordinatorTimeoutException(what + " did not complete within " + timeout.toMillis()
                    + " ms: no quorum of coordinator members answered. The outcome is unknown (it may still be"
                    + " applied when a quorum returns); the write is idempotent and may be repeated", cause);
        }
        return new CoordinatorUnavailableException(what + " did not complete within " + timeout.toMillis()
                + " ms: no quorum of coordinator members answered", cause);
    }
}

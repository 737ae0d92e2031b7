package io.synapsedb.txn;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Crash and pause points for fault tests, which run the committing client as a JVM of its own.
 * Points:
 * <ul>
 *   <li>{@code after-first-prepare}: one participant prepared, the decision not yet made;</li>
 *   <li>{@code before-decision}: everything prepared, the coordinator's {@code COMMIT} not sent;</li>
 *   <li>{@code after-decision}: the coordinator group committed, no {@code COMMIT PREPARED} sent;</li>
 *   <li>{@code during-second-phase}: one {@code COMMIT PREPARED} done, the others not.</li>
 * </ul>
 * {@code -Dsynapse.test.haltAt=<point>} halts the JVM there with exit code 137 (as after
 * {@code kill -9}: no finally blocks, no shutdown hooks, sockets dropped by the kernel).
 * {@code -Dsynapse.test.waitAt=<point>:<file>} makes the committing thread create {@code file}
 * there and wait until the test deletes it (at most a minute), so the test can break a node at
 * exactly that step (the first commit to get there waits; later ones pass).
 *
 * <p>Unset in production: each check is a comparison with a {@code static final} null.
 */
final class TestHooks {

    static final String AFTER_FIRST_PREPARE = "after-first-prepare";
    static final String BEFORE_DECISION = "before-decision";
    static final String AFTER_DECISION = "after-decision";
    static final String DURING_SECOND_PHASE = "during-second-phase";

    private static final String HALT_AT = System.getProperty("synapse.test.haltAt");
    private static final String WAIT_AT = System.getProperty("synapse.test.waitAt");
    /** Only the first commit to reach the wait point waits. */
    private static final java.util.concurrent.atomic.AtomicBoolean WAITED =
            new java.util.concurrent.atomic.AtomicBoolean();

    private TestHooks() {
    }

    static void reached(String point) {
        if (HALT_AT != null && HALT_AT.equals(point)) {
            Runtime.getRuntime().halt(137);
        }
        if (WAIT_AT != null && WAIT_AT.startsWith(point + ":") && WAITED.compareAndSet(false, true)) {
            rendezvous(Path.of(WAIT_AT.substring(point.length() + 1)));
        }
    }

    private static void rendezvous(Path marker) {
        try {
            Files.createFile(marker);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (Files.exists(marker) && System.nanoTime() - deadline < 0) {
                Thread.sleep(10);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("test hook: cannot create " + marker, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

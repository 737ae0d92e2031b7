package io.synapsedb.txn;

/**
 * Crash points for fault tests. When the system property {@code synapse.test.haltAt} names a
 * point, the JVM halts there with exit code 137 (as after {@code kill -9}): no finally blocks, no
 * shutdown hooks, sockets dropped by the kernel. Points:
 * <ul>
 *   <li>{@code after-first-prepare}: one participant prepared, the decision not yet made;</li>
 *   <li>{@code after-decision}: the coordinator group committed, no {@code COMMIT PREPARED} sent;</li>
 *   <li>{@code during-second-phase}: one {@code COMMIT PREPARED} done, the others not.</li>
 * </ul>
 * Unset in production: the check is a comparison with a {@code static final} null.
 */
final class TestHooks {

    static final String AFTER_FIRST_PREPARE = "after-first-prepare";
    static final String AFTER_DECISION = "after-decision";
    static final String DURING_SECOND_PHASE = "during-second-phase";

    private static final String HALT_AT = System.getProperty("synapse.test.haltAt");

    private TestHooks() {
    }

    static void reached(String point) {
        if (HALT_AT != null && HALT_AT.equals(point)) {
            Runtime.getRuntime().halt(137);
        }
    }
}

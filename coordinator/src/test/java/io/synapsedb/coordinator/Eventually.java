package io.synapsedb.coordinator;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits on a condition (never a fixed sleep): polls until it holds or the bound passes. */
public final class Eventually {

    private Eventually() {
    }

    public static void await(Duration bound, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + bound.toMillis() + " ms: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}

package io.synapsedb.benchmarks.layout;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fresh keys for the batched insert, all owned by the group, handed out in batches to the
 * inserting threads; {@link #reset} before each run, whose table is emptied first.
 */
final class InsertKeys {

    private final long[] keys;
    private final int batch;
    private final AtomicInteger next = new AtomicInteger();

    InsertKeys(long[] keys, int batch) {
        this.keys = keys.clone();
        this.batch = batch;
    }

    int batch() {
        return batch;
    }

    void reset() {
        next.set(0);
    }

    /** The next batch's keys; fails when a run inserts more rows than were prepared. */
    long[] nextBatch() {
        int b = next.getAndIncrement();
        long from = (long) b * batch;
        if (from + batch > keys.length) {
            throw new IllegalStateException("the insert ran out of its " + keys.length + " prepared keys;"
                    + " raise -DinsertKeys");
        }
        return Arrays.copyOfRange(keys, (int) from, (int) from + batch);
    }
}

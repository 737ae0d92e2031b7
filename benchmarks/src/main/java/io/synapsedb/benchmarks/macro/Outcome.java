package io.synapsedb.benchmarks.macro;

/** What one run of one workload on one configuration gave. */
public sealed interface Outcome {

    /**
     * A measured run.
     *
     * @param ops operations completed (rows, for the insert)
     * @param seconds wall-clock seconds measured
     * @param p50Micros median latency of an operation (of a batch, for the insert), microseconds
     * @param p99Micros 99th percentile latency, microseconds
     * @param cpuMicrosPerOp client process CPU time (all threads: application, pools, JIT, GC) per
     *     operation, microseconds
     */
    record Measured(long ops, double seconds, double p50Micros, double p99Micros, double cpuMicrosPerOp)
            implements Outcome {

        /** Operations per second. */
        public double throughput() {
            return ops / seconds;
        }
    }

    /** The configuration refuses the workload (SQLState 0A000): why. */
    record Skipped(String reason) implements Outcome {
    }

    /** The workload failed on this configuration with an unexpected error. */
    record Failed(String error) implements Outcome {
    }
}

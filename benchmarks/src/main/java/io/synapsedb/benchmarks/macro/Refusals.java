package io.synapsedb.benchmarks.macro;

import java.sql.SQLException;

/** Recognises a configuration's refusal of a statement it cannot run (SQLState {@code 0A000}). */
final class Refusals {

    static final String FEATURE_NOT_SUPPORTED = "0A000";

    private Refusals() {
    }

    /** The message of the first {@code 0A000} in {@code t}'s cause chain, or null. */
    static String reason(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException && FEATURE_NOT_SUPPORTED.equals(((SQLException) c).getSQLState())) {
                return c.getMessage();
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }
}

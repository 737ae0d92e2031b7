package io.synapsedb.core;

import java.sql.SQLWarning;

/** Warnings chained as JDBC chains them ({@link SQLWarning#setNextWarning}). */
public final class Warnings {

    private Warnings() {
    }

    /** {@code first} with {@code next} chained after it; {@code next} when there is no first. */
    public static SQLWarning chain(SQLWarning first, SQLWarning next) {
        if (first == null) {
            return next;
        }
        if (next != null) {
            first.setNextWarning(next);
        }
        return first;
    }
}

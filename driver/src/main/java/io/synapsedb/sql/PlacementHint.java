package io.synapsedb.sql;

/**
 * Where the application says a statement the driver cannot analyse runs, written as a leading
 * comment: {@code /*+ synapse:home *}{@code /} on the home group, {@code /*+ synapse:all_groups *}
 * {@code /} on every group. Without one, such a statement is refused with {@code 0A000} unless it
 * provably touches no declared table. Statements the driver analyses ignore it: their route follows
 * from what they name.
 */
public enum PlacementHint {
    NONE, HOME, ALL_GROUPS;

    /** The hint of {@code sql}: only a comment before the statement counts. */
    static PlacementHint of(String sql) {
        String hint = FanoutHint.leadingHint(sql);
        if (hint == null) {
            return NONE;
        }
        if (hint.contains("synapse:all_groups")) {
            return ALL_GROUPS;
        }
        return hint.contains("synapse:home") ? HOME : NONE;
    }

    /** What a refusal tells the application to add. */
    public static final String ADVICE = "say where it runs with a leading /*+ synapse:home */ or /*+ synapse:all_groups */"
            + " comment";
}

package io.synapsedb.sql;

import java.util.regex.Pattern;

/**
 * A per-statement hint about full fan-out, written as a leading comment:
 * {@code /*+ synapse:no_fanout *}{@code /} makes a statement that would run on every group fail
 * instead; {@code /*+ synapse:allow_fanout *}{@code /} lets it run although {@code failOnFullFanout}
 * is set.
 */
public enum FanoutHint {
    NONE, NO_FANOUT, ALLOW_FANOUT;

    private static final Pattern LEADING_HINT = Pattern.compile("^\\s*/\\*\\+([^*]|\\*(?!/))*\\*/");

    /** The hint of {@code sql}: only a comment before the statement counts. */
    static FanoutHint of(String sql) {
        String hint = leadingHint(sql);
        if (hint == null) {
            return NONE;
        }
        if (hint.contains("synapse:no_fanout")) {
            return NO_FANOUT;
        }
        return hint.contains("synapse:allow_fanout") ? ALLOW_FANOUT : NONE;
    }

    /**
     * The leading {@code /*+ ... *}{@code /} comment of {@code sql} that names a {@code synapse:}
     * hint, or {@code null}. Shared by every hint, so they are all read from the same place.
     */
    static String leadingHint(String sql) {
        if (sql.indexOf("synapse:") < 0) {
            return null; // the common case costs one scan
        }
        var m = LEADING_HINT.matcher(sql);
        return m.find() ? m.group() : null;
    }
}

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
        if (sql.indexOf("synapse:") < 0) {
            return NONE; // the common case costs one scan
        }
        var m = LEADING_HINT.matcher(sql);
        if (!m.find()) {
            return NONE;
        }
        String hint = m.group();
        if (hint.contains("synapse:no_fanout")) {
            return NO_FANOUT;
        }
        return hint.contains("synapse:allow_fanout") ? ALLOW_FANOUT : NONE;
    }
}

package io.synapsedb.sql;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The session settings the driver's reading of SQL depends on, and the values it accepts for them.
 * The driver lexes statement text with {@code standard_conforming_strings = on} (PostgreSQL's
 * default) and resolves unqualified table names in {@code public}; a session that read backslashes
 * differently, or found a table through another schema, could make PostgreSQL run text or touch a
 * table the router never saw. Changing either to anything else is refused before it reaches a node.
 */
final class SessionSettings {

    static final String CONFORMING_STRINGS = "standard_conforming_strings";
    static final String SEARCH_PATH = "search_path";

    private static final Set<String> CONFORMING_VALUES = Set.of("on", "true", "yes", "1");
    private static final Set<String> DEFAULT_PATH = Set.of("public", "$user", "pg_catalog");

    private SessionSettings() {
    }

    /** Whether {@code name} (any case) is a setting the driver guards. */
    static boolean guarded(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals(CONFORMING_STRINGS) || n.equals(SEARCH_PATH);
    }

    /**
     * Why setting {@code name} to {@code values} (identifiers and literals with quotes removed,
     * {@code DEFAULT} as the word) is refused, or {@code null} when it is harmless: the driver's
     * reading stays PostgreSQL's.
     */
    static String refusal(String name, List<String> values) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.equals(CONFORMING_STRINGS)) {
            if (values.size() == 1 && CONFORMING_VALUES.contains(values.get(0).toLowerCase(Locale.ROOT))) {
                return null;
            }
            return conformingStrings();
        }
        if (n.equals(SEARCH_PATH)) {
            if (values.size() == 1 && values.get(0).equalsIgnoreCase("default")) {
                return null;
            }
            for (String v : values) {
                if (!DEFAULT_PATH.contains(v)) {
                    return searchPath("to include schema " + v);
                }
            }
            return null;
        }
        return null;
    }

    /** The refusal of any change of standard_conforming_strings away from on. */
    static String conformingStrings() {
        return "standard_conforming_strings other than on is not supported: the driver reads statement text as"
                + " PostgreSQL does with standard_conforming_strings = on (its default) and routes by that reading, so"
                + " a session reading backslashes in '...' differently could run text the driver did not see. Write"
                + " backslash escapes as E'...' strings instead";
    }

    /** The refusal of a search_path change; {@code what} says what the change does. */
    static String searchPath(String what) {
        return "changing search_path " + what + " is not supported: the driver finds unqualified tables in schema"
                + " public, and a declared table found through another schema would be routed as a different table."
                + " Qualify the names (schema.table) instead";
    }
}

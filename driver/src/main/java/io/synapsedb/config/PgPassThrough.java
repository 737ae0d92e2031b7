package io.synapsedb.config;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.postgresql.PGProperty;

/**
 * Decides which pgJDBC connection properties reach the physical connections. Most are passed as
 * they are (ssl, sslmode, ApplicationName, connectTimeout, socketTimeout, ...). The ones below are
 * refused, because each would make a physical connection disagree with the cluster topology that
 * SynapseDB routes by; silently dropping them would leave the user believing they took effect.
 */
final class PgPassThrough {

    /** Refused pgJDBC properties and why, in the order the error message lists them. */
    private static final Map<String, String> REFUSED;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        String topology = "hosts, ports and databases come from the URL host list or the config"
                + " file's groups";
        m.put(PGProperty.PG_HOST.getName(), topology);
        m.put(PGProperty.PG_PORT.getName(), topology);
        m.put(PGProperty.PG_DBNAME.getName(), topology);
        m.put(PGProperty.SERVICE.getName(),
                "a pg_service.conf entry could point connections at a server outside the topology");
        String chooser = "SynapseDB chooses the node of each group (primary or replica) itself";
        m.put(PGProperty.TARGET_SERVER_TYPE.getName(), chooser);
        m.put(PGProperty.LOAD_BALANCE_HOSTS.getName(), chooser);
        m.put(PGProperty.HOST_RECHECK_SECONDS.getName(), chooser);
        m.put(PGProperty.REPLICATION.getName(),
                "replication connections cannot run ordinary statements");
        m.put(PGProperty.READ_ONLY.getName(),
                "SynapseDB routes read-only work itself; call Connection.setReadOnly(true)");
        // user and password are SynapseDB properties with the same names; this entry only
        // matters where a pgJDBC-only place (the YAML 'properties' map, Builder.pgProperty)
        // names them.
        m.put(PGProperty.USER.getName(), "set it as SynapseDB's own 'user'");
        m.put(PGProperty.PASSWORD.getName(), "set it as SynapseDB's own 'password'");
        REFUSED = Collections.unmodifiableMap(m);
    }

    /** pgJDBC values with a fixed set of choices that we do not check: they also take lists. */
    private static final Set<String> UNCHECKED_CHOICES = Set.of(
            PGProperty.REQUIRE_AUTH.getName(), PGProperty.PROTOCOL_VERSION.getName());

    private PgPassThrough() {
    }

    /** The pgJDBC property names that are never passed through. */
    static Set<String> refusedNames() {
        return REFUSED.keySet();
    }

    /** Whether {@code name} is a pgJDBC property (refused or not). */
    static boolean isPgProperty(String name) {
        return PGProperty.forName(name) != null;
    }

    /**
     * Checks a pgJDBC property for pass-through.
     *
     * @throws SQLException 22023 when the property is refused or its value is not one of
     *     pgJDBC's choices for it
     */
    static void check(String name, String value, String origin) throws SQLException {
        String why = REFUSED.get(name);
        if (why == null) {
            why = sessionSetting(name, value);
        }
        if (why != null) {
            throw ConfigErrors.invalid("pgJDBC property " + name + ConfigErrors.originSuffix(origin)
                    + " is not accepted by SynapseDB: " + why);
        }
        PGProperty p = PGProperty.forName(name);
        if (p == null) {
            throw ConfigErrors.invalid("Unknown pgJDBC property '" + name + "'"
                    + ConfigErrors.originSuffix(origin) + ". pgJDBC properties: " + passThroughNames());
        }
        String[] choices = p.getChoices();
        if (choices != null && !UNCHECKED_CHOICES.contains(name)) {
            for (String c : choices) {
                if (c.equalsIgnoreCase(value.trim())) {
                    return;
                }
            }
            boolean secret = name.toLowerCase(Locale.ROOT).contains("password");
            throw ConfigErrors.invalidValue(name, value, secret, origin,
                    "expected one of " + String.join(", ", choices));
        }
    }

    /**
     * Why a property that sets the physical sessions' search_path or standard_conforming_strings
     * is refused, or null. The driver finds unqualified tables in {@code public} and reads text
     * with standard conforming strings; a session that differs would run what the router never saw.
     */
    private static String sessionSetting(String name, String value) {
        String v = value.toLowerCase(Locale.ROOT);
        if (name.equals(PGProperty.CURRENT_SCHEMA.getName()) && !v.isBlank() && !v.trim().equals("public")) {
            return "it sets search_path, and the driver finds unqualified tables in schema public only;"
                    + " qualify table names (schema.table) instead";
        }
        if (name.equals(PGProperty.OPTIONS.getName())
                && (v.contains("search_path") || v.contains("standard_conforming_strings"))) {
            return "options may not set search_path or standard_conforming_strings: the driver reads statements"
                    + " with the defaults (public, on) and routes by that reading";
        }
        return null;
    }

    /** The pgJDBC properties that are passed through, sorted, comma-separated. */
    static String passThroughNames() {
        return Arrays.stream(PGProperty.values()).map(PGProperty::getName)
                .filter(n -> !REFUSED.containsKey(n))
                .sorted(String.CASE_INSENSITIVE_ORDER)
                .collect(Collectors.joining(", "));
    }
}

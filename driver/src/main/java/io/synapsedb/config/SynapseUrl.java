package io.synapsedb.config;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of a {@code jdbc:synapse:} URL, before any meaning is given to them.
 *
 * <pre>
 *   jdbc:synapse://host[:port][,host[:port]...]/database[?key=value&amp;...]
 *   jdbc:synapse:?config=...&amp;key=value      (also jdbc:synapse://?... and jdbc:synapse:///?...)
 *   jdbc:synapse:coordinator=host:port[,host:port...][/database][?key=value&amp;...]
 * </pre>
 *
 * As in pgJDBC, query values and the database are percent-decoded ({@code +} is a space), keys
 * are taken as written, a key without {@code =} has the empty value, and a repeated key keeps
 * its last value. Error messages never echo the URL: it may hold a password.
 */
final class SynapseUrl {

    /** The prefix every URL of this driver starts with. */
    static final String PREFIX = "jdbc:synapse:";

    /** What follows the prefix in the cluster-mode form. */
    static final String COORDINATOR_FORM = "coordinator=";

    private final List<String> hosts;
    private final String database;
    private final Map<String, String> params;
    private final String coordinator;

    private SynapseUrl(List<String> hosts, String database, Map<String, String> params, String coordinator) {
        this.coordinator = coordinator;
        this.hosts = hosts;
        this.database = database;
        this.params = params;
    }

    static boolean accepts(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    /** Host list entries as written, in URL order; empty for the config-file form. */
    List<String> hosts() {
        return hosts;
    }

    /** The decoded database, or {@code null} when the URL names none. */
    String database() {
        return database;
    }

    /** The coordinator members of the {@code coordinator=} form as written, or {@code null}. */
    String coordinator() {
        return coordinator;
    }

    /** Decoded query parameters in URL order. */
    Map<String, String> params() {
        return params;
    }

    static SynapseUrl parse(String url) throws SQLException {
        if (!accepts(url)) {
            throw ConfigErrors.unreadable("Not a SynapseDB URL: it must start with " + PREFIX, null);
        }
        String rest = url.substring(PREFIX.length());
        String query = null;
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        List<String> hosts = new ArrayList<>();
        String database = null;
        String coordinator = null;
        if (rest.startsWith(COORDINATOR_FORM)) {
            String membersAndPath = rest.substring(COORDINATOR_FORM.length());
            int slash = membersAndPath.indexOf('/');
            coordinator = slash >= 0 ? membersAndPath.substring(0, slash) : membersAndPath;
            if (slash >= 0) {
                String path = decode(membersAndPath.substring(slash + 1), "database");
                database = path.isEmpty() ? null : path;
            }
            if (coordinator.isBlank()) {
                throw ConfigErrors.invalid("Invalid URL: " + PREFIX + COORDINATOR_FORM + " names no members; expected "
                        + PREFIX + COORDINATOR_FORM + "host:port[,host:port...]/database");
            }
        } else if (rest.startsWith("//")) {
            String authorityAndPath = rest.substring(2);
            int slash = authorityAndPath.indexOf('/');
            String authority = slash >= 0 ? authorityAndPath.substring(0, slash) : authorityAndPath;
            if (slash >= 0) {
                String path = decode(authorityAndPath.substring(slash + 1), "database");
                database = path.isEmpty() ? null : path;
            }
            if (!authority.isEmpty()) {
                String[] entries = authority.split(",", -1);
                for (int i = 0; i < entries.length; i++) {
                    if (entries[i].isBlank()) {
                        throw ConfigErrors.invalid("Invalid URL: host " + (i + 1) + " of "
                                + entries.length + " in the host list is empty");
                    }
                    if (entries[i].indexOf('@') >= 0) {
                        // Not echoed: user:password@host would put the password in the message.
                        throw ConfigErrors.invalid("Invalid URL: user information (user@host) is"
                                + " not supported in the host list; pass user and password as"
                                + " properties");
                    }
                    hosts.add(entries[i].trim());
                }
            }
        } else if (!rest.isEmpty()) {
            throw ConfigErrors.invalid("Invalid URL: expected " + PREFIX
                    + "//host[:port][,host[:port]...]/database, " + PREFIX + "?config=<file> or " + PREFIX
                    + COORDINATOR_FORM + "host:port[,host:port...]/database");
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (query != null) {
            for (String token : query.split("&")) {
                if (token.isEmpty()) {
                    continue;
                }
                int eq = token.indexOf('=');
                if (eq < 0) {
                    params.put(token, "");
                } else {
                    String key = token.substring(0, eq);
                    params.put(key, decode(token.substring(eq + 1), key));
                }
            }
        }
        return new SynapseUrl(Collections.unmodifiableList(hosts), database,
                Collections.unmodifiableMap(params), coordinator);
    }

    private static String decode(String text, String key) throws SQLException {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // The value itself is not shown: it may be a password.
            // Neither the value nor the decoder's message (which quotes it) is shown: it may be a
            // password.
            throw ConfigErrors.invalid("Invalid URL: the value of " + key
                    + " has a malformed percent-encoding (%XX)");
        }
    }
}

package io.synapsedb.config;

import io.synapsedb.core.NodeAddress;
import java.sql.SQLException;

/**
 * Parses node addresses as written in a URL host list ({@code host[:port]}) or a config file
 * ({@code host[:port][/database]}). IPv6 literals go in brackets, {@code [::1]:5432}; the brackets
 * stay in {@link NodeAddress#host()} so that {@link NodeAddress#jdbcUrl()} remains a valid URL
 * ({@code java.net.InetAddress.getByName} accepts the bracketed form too).
 */
final class NodeAddresses {

    /** PostgreSQL's standard port, used when an address names none. */
    static final int DEFAULT_PORT = 5432;

    private NodeAddresses() {
    }

    /**
     * @param text the address as written
     * @param defaultDatabase database when the text names none
     * @param allowDatabase whether {@code /database} may follow (config file, not URL host list)
     * @param what where the address came from, for error messages ("host 2 of the URL")
     */
    static NodeAddress parse(String text, String defaultDatabase, boolean allowDatabase, String what)
            throws SQLException {
        String s = text.trim();
        String database = defaultDatabase;
        int slash = s.indexOf('/');
        if (slash >= 0) {
            if (!allowDatabase) {
                throw bad(text, what, "a host list entry is host[:port]");
            }
            database = s.substring(slash + 1).trim();
            s = s.substring(0, slash);
            if (database.isEmpty()) {
                throw bad(text, what, "empty database after '/'");
            }
        }
        String host;
        String portText = null;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw bad(text, what, "IPv6 address without closing ']'");
            }
            host = s.substring(0, close + 1);
            String inner = host.substring(1, host.length() - 1);
            if (inner.isEmpty() || !inner.matches("[0-9A-Fa-f:.]+(%[A-Za-z0-9._-]+)?")) {
                throw bad(text, what, "not an IPv6 address inside '[...]'");
            }
            String rest = s.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw bad(text, what, "expected ':port' after ']'");
                }
                portText = rest.substring(1);
            }
        } else {
            int colon = s.indexOf(':');
            if (colon >= 0 && s.indexOf(':', colon + 1) >= 0) {
                throw bad(text, what, "IPv6 addresses must be in brackets, e.g. [::1]:5432");
            }
            host = colon >= 0 ? s.substring(0, colon) : s;
            portText = colon >= 0 ? s.substring(colon + 1) : null;
            if (host.isEmpty()) {
                throw bad(text, what, "empty host");
            }
            // Host names and IPv4 addresses; '%' allows percent-encoded or zone-like names pgJDBC
            // would also pass to the resolver.
            if (!host.matches("[A-Za-z0-9._%-]+")) {
                throw bad(text, what, "invalid host name '" + host + "'");
            }
        }
        int port = DEFAULT_PORT;
        if (portText != null) {
            port = parsePort(portText, text, what);
        }
        if (database == null) {
            throw bad(text, what, "no database: give host:port/database or a default database");
        }
        return new NodeAddress(host, port, database);
    }

    private static int parsePort(String portText, String text, String what) throws SQLException {
        if (!portText.matches("[0-9]{1,5}")) {
            throw bad(text, what, "port must be a number from 1 to 65535");
        }
        int port = Integer.parseInt(portText);
        if (port < 1 || port > 65535) {
            throw bad(text, what, "port must be a number from 1 to 65535");
        }
        return port;
    }

    private static SQLException bad(String text, String what, String why) {
        return ConfigErrors.invalid("Invalid node address '" + text + "' (" + what + "): " + why);
    }

    /** {@code host:port} as {@link #parse} reads it back: an IPv6 literal in brackets. */
    static String hostPort(NodeAddress n) {
        return (n.host().indexOf(':') >= 0 ? "[" + n.host() + "]" : n.host()) + ":" + n.port();
    }
}

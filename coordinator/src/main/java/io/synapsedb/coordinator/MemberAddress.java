package io.synapsedb.coordinator;

import java.util.Objects;

/**
 * One coordinator member: its id and the host and port of its messaging (TCP) and SWIM (UDP) endpoint.
 */
public final class MemberAddress {

    private final String id;
    private final String host;
    private final int port;

    private MemberAddress(String id, String host, int port) {
        this.id = requireText(id, "member id");
        this.host = requireText(host, "host of member " + id);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port of member " + id + " must be 1..65535, got " + port);
        }
        this.port = port;
    }

    /** A member {@code id} reachable at {@code host:port}. */
    public static MemberAddress of(String id, String host, int port) {
        return new MemberAddress(id, host, port);
    }

    /**
     * Parses {@code id@host:port}, the form used on command lines and in YAML lists.
     *
     * @throws IllegalArgumentException naming the text when it is not of that form
     */
    public static MemberAddress parse(String text) {
        Objects.requireNonNull(text, "member address");
        int at = text.indexOf('@');
        int colon = text.lastIndexOf(':');
        if (at <= 0 || colon <= at + 1 || colon == text.length() - 1) {
            throw new IllegalArgumentException("member address '" + text + "' is not of the form id@host:port");
        }
        try {
            return new MemberAddress(text.substring(0, at), text.substring(at + 1, colon),
                    Integer.parseInt(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("member address '" + text + "' has a port that is not a number", e);
        }
    }

    static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        return value;
    }

    public String id() {
        return id;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MemberAddress m && m.id.equals(id) && m.host.equals(host) && m.port == port;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, host, port);
    }

    @Override
    public String toString() {
        return id + "@" + host + ":" + port;
    }
}

package io.synapsedb.coordinator.driver;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

import io.synapsedb.coordinator.CoordinatorConfig;
import io.synapsedb.coordinator.MemberAddress;
import io.synapsedb.coordinator.TlsConfig;
import io.synapsedb.spi.CoordinatorSettings;

/**
 * Turns the driver's {@link CoordinatorSettings} into the {@link CoordinatorConfig} of this JVM's member:
 * <ul>
 * <li>{@code memberId} names one of the members: this JVM is that voting member (embedded mode). It needs
 * every member as {@code id@host:port} (the Raft group is made of their ids), a data directory, and binds to
 * the host and port the list gives it.</li>
 * <li>otherwise a non-voting member with the given id (or {@code app-} and a random suffix) on the given host
 * and port (0: a free one). Members given as {@code host:port} are contact points: the member learns the
 * voters' ids from the cluster when it joins.</li>
 * </ul>
 * Wrong settings fail with SQLState 22023 and a message that names the property.
 */
final class MemberSettings {

    static final String INVALID = "22023";

    private MemberSettings() {
    }

    /** One entry of the member list; {@code id} is null for the {@code host:port} form. */
    record Entry(String id, String host, int port) {
    }

    /**
     * What identifies a shared member: two sessions with equal keys use one member. Holds the TLS passwords
     * (a different password must not reuse a member opened with another), so it never prints them.
     */
    record Key(List<String> members, String memberId, String host, int port, String keyStore, String keyStorePassword,
            String trustStore, String trustStorePassword) {

        static Key of(CoordinatorSettings s) {
            return new Key(s.members(), s.memberId(), s.host(), s.port(), s.keyStore(), s.keyStorePassword(),
                    s.trustStore(), s.trustStorePassword());
        }

        @Override
        public String toString() {
            return "members " + members + ", memberId " + memberId + ", " + host + ":" + port + ", tls "
                    + (keyStore != null);
        }
    }

    static CoordinatorConfig toConfig(CoordinatorSettings s) throws SQLException {
        List<Entry> entries = new ArrayList<>();
        for (String text : s.members()) {
            entries.add(parse(text));
        }
        Entry self = s.memberId() == null ? null
                : entries.stream().filter(e -> s.memberId().equals(e.id())).findFirst().orElse(null);
        CoordinatorConfig.Builder b = CoordinatorConfig.builder();
        try {
            if (self != null) {
                embedded(s, entries, self, b);
            } else {
                String id = s.memberId() == null || s.memberId().isBlank() ? generatedId() : s.memberId();
                b.memberId(id).host(s.host()).port(s.port() == 0 ? freePort(s.host()) : s.port());
                if (entries.stream().allMatch(e -> e.id() != null)) {
                    b.members(entries.stream().map(e -> MemberAddress.of(e.id(), e.host(), e.port())).toList());
                } else {
                    b.contactPoints(entries.stream()
                            .map(e -> InetSocketAddress.createUnresolved(e.host(), e.port())).toList());
                }
            }
            if (s.operationTimeoutMs() > 0) {
                b.operationTimeout(Duration.ofMillis(s.operationTimeoutMs()));
            }
            if (s.startTimeoutMs() > 0) {
                b.startTimeout(Duration.ofMillis(s.startTimeoutMs()));
            }
            tls(s, b);
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new SQLException("coordinator settings for " + s.membersText() + " are invalid: " + e.getMessage(),
                    INVALID, e);
        }
    }

    private static void embedded(CoordinatorSettings s, List<Entry> entries, Entry self, CoordinatorConfig.Builder b)
            throws SQLException {
        for (Entry e : entries) {
            if (e.id() == null) {
                throw new SQLException("coordinatorMemberId '" + self.id() + "' makes this JVM a voting member, which"
                        + " needs every coordinator member as id@host:port; got '" + e.host() + ":" + e.port() + "'",
                        INVALID);
            }
        }
        if (s.dataDir() == null || s.dataDir().isBlank()) {
            throw new SQLException("coordinatorMemberId '" + self.id() + "' makes this JVM a voting member of "
                    + s.membersText() + ": set coordinatorDataDir, where it keeps its Raft log", INVALID);
        }
        if (s.port() != 0 && s.port() != self.port()) {
            throw new SQLException("coordinatorPort " + s.port() + " differs from the port of member '" + self.id()
                    + "' in coordinator (" + self.port() + "): leave coordinatorPort unset for a voting member",
                    INVALID);
        }
        // The voters find this member at the address the list gives it, so it binds there.
        b.memberId(self.id()).host(self.host()).port(self.port())
                .members(entries.stream().map(e -> MemberAddress.of(e.id(), e.host(), e.port())).toList())
                .dataDir(Path.of(s.dataDir()));
    }

    private static void tls(CoordinatorSettings s, CoordinatorConfig.Builder b) throws SQLException {
        if (s.keyStore() == null && s.trustStore() == null) {
            return;
        }
        requireSet(s.keyStore(), "coordinatorKeyStore");
        requireSet(s.keyStorePassword(), "coordinatorKeyStorePassword");
        requireSet(s.trustStore(), "coordinatorTrustStore");
        requireSet(s.trustStorePassword(), "coordinatorTrustStorePassword");
        b.tls(TlsConfig.builder().keyStore(Path.of(s.keyStore()), s.keyStorePassword())
                .trustStore(Path.of(s.trustStore()), s.trustStorePassword()).build());
    }

    private static void requireSet(String value, String property) throws SQLException {
        if (value == null) {
            throw new SQLException("mutual TLS with the coordinator needs coordinatorKeyStore,"
                    + " coordinatorKeyStorePassword, coordinatorTrustStore and coordinatorTrustStorePassword; "
                    + property + " is missing", INVALID);
        }
    }

    /** {@code host:port} or {@code id@host:port} (the voters' own form, {@link MemberAddress#parse}). */
    static Entry parse(String text) throws SQLException {
        Objects.requireNonNull(text, "member");
        String t = text.trim();
        try {
            if (t.indexOf('@') >= 0) {
                MemberAddress a = MemberAddress.parse(t);
                return new Entry(a.id(), a.host(), a.port());
            }
            int colon = t.lastIndexOf(':');
            String host = t.substring(0, Math.max(colon, 0));
            int port = Integer.parseInt(t.substring(colon + 1));
            if (!host.isBlank() && port >= 1 && port <= 65535) {
                return new Entry(null, host, port);
            }
        } catch (IllegalArgumentException e) { // also NumberFormatException
            // reported below
        }
        throw new SQLException("coordinator member '" + text + "' is not of the form host:port or id@host:port",
                INVALID);
    }

    private static String generatedId() {
        return "app-" + Long.toString(ThreadLocalRandom.current().nextLong() >>> 24, 36);
    }

    /** A port free for TCP (messaging) and UDP (SWIM) on {@code host}. */
    static int freePort(String host) throws SQLException {
        try {
            InetAddress address = InetAddress.getByName(host);
            for (int attempt = 0; attempt < 50; attempt++) {
                try (ServerSocket s = new ServerSocket()) {
                    s.bind(new InetSocketAddress(address, 0));
                    try (DatagramSocket d = new DatagramSocket(new InetSocketAddress(address, s.getLocalPort()))) {
                        return d.getLocalPort();
                    } catch (IOException busyUdp) {
                        // the UDP side is taken: try another
                    }
                }
            }
        } catch (IOException e) {
            throw new SQLException("no free port for the coordinator member on coordinatorHost " + host + ": " + e,
                    "08001", e);
        }
        throw new SQLException("no free TCP+UDP port for the coordinator member on coordinatorHost " + host, "08001");
    }
}

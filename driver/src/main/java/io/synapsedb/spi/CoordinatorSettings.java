package io.synapsedb.spi;

import java.util.List;
import java.util.Objects;

/**
 * How a driver joins the coordinator cluster, read from its URL and properties
 * ({@code coordinator}, {@code coordinatorMemberId}, ...).
 *
 * @param members the voting members as written: {@code host:port} or {@code id@host:port}
 * @param memberId this JVM's member id, or {@code null} for a generated one. When it names one of
 *                 {@code members}, this JVM is that voting member (embedded mode); otherwise it
 *                 joins as a member that does not vote.
 * @param host the address this JVM's member binds to and announces
 * @param port its port; 0 picks a free one
 * @param dataDir where an embedded voting member keeps its Raft logs, or {@code null}
 * @param operationTimeoutMs the bound on every read, write and lock request
 * @param startTimeoutMs the bound on joining the cluster
 * @param keyStore mutual-TLS key store (PKCS12 or JKS), or {@code null} for plain messaging
 * @param keyStorePassword its password; never printed
 * @param trustStore mutual-TLS trust store, or {@code null}
 * @param trustStorePassword its password; never printed
 */
public record CoordinatorSettings(List<String> members, String memberId, String host, int port, String dataDir,
        long operationTimeoutMs, long startTimeoutMs, String keyStore, String keyStorePassword, String trustStore,
        String trustStorePassword) {

    public CoordinatorSettings {
        members = List.copyOf(members);
        Objects.requireNonNull(host, "host");
        if (members.isEmpty()) {
            throw new IllegalArgumentException("no coordinator members");
        }
    }

    /** The member list as written, comma-separated: the part of the URL that names the cluster. */
    public String membersText() {
        return String.join(",", members);
    }

    /** Without the passwords. */
    @Override
    public String toString() {
        return "CoordinatorSettings[members=" + membersText() + ", memberId=" + memberId + ", host=" + host
                + ", port=" + port + ", dataDir=" + dataDir + ", operationTimeoutMs=" + operationTimeoutMs
                + ", startTimeoutMs=" + startTimeoutMs + ", tls=" + (keyStore != null) + "]";
    }
}

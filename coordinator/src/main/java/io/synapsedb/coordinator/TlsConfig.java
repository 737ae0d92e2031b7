package io.synapsedb.coordinator;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Mutual TLS for the coordinator's TCP messaging (Raft, primitives, leadership): every member presents
 * the certificate in its key store and trusts the certificates in its trust store (PKCS12 or JKS).
 * <p>
 * SWIM's UDP gossip (membership probes) is <b>not</b> encrypted by Atomix: it carries member ids,
 * addresses and liveness only, never catalog data. Run the coordinator on a private network.
 */
public final class TlsConfig {

    private final Path keyStore;
    private final String keyStorePassword;
    private final Path trustStore;
    private final String trustStorePassword;

    private TlsConfig(Builder b) {
        this.keyStore = Objects.requireNonNull(b.keyStore, "TLS keyStore");
        this.keyStorePassword = Objects.requireNonNull(b.keyStorePassword, "TLS keyStorePassword");
        this.trustStore = Objects.requireNonNull(b.trustStore, "TLS trustStore");
        this.trustStorePassword = Objects.requireNonNull(b.trustStorePassword, "TLS trustStorePassword");
    }

    public static Builder builder() {
        return new Builder();
    }

    public Path keyStore() {
        return keyStore;
    }

    public String keyStorePassword() {
        return keyStorePassword;
    }

    public Path trustStore() {
        return trustStore;
    }

    public String trustStorePassword() {
        return trustStorePassword;
    }

    /** Paths only: passwords never appear in logs. */
    @Override
    public String toString() {
        return "TlsConfig{keyStore=" + keyStore + ", trustStore=" + trustStore + "}";
    }

    /** Builder of {@link TlsConfig}; all four values are required. */
    public static final class Builder {
        private Path keyStore;
        private String keyStorePassword;
        private Path trustStore;
        private String trustStorePassword;

        private Builder() {
        }

        public Builder keyStore(Path path, String password) {
            this.keyStore = path;
            this.keyStorePassword = password;
            return this;
        }

        public Builder trustStore(Path path, String password) {
            this.trustStore = path;
            this.trustStorePassword = password;
            return this;
        }

        public TlsConfig build() {
            return new TlsConfig(this);
        }
    }
}

package io.synapsedb.coordinator.atomix;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;

import io.synapsedb.coordinator.CoordinatorException;
import io.synapsedb.coordinator.TlsConfig;

/**
 * Checks a member's TLS key and trust stores before Atomix opens them. Atomix loads them inside its
 * messaging start and fails with a message that names neither the file nor the reason ("Could not load
 * cluster keystore: {}"); here the member, the file and the reason are named, never the password.
 */
final class TlsStores {

    /** SQLState for a configuration that cannot work: the connection could not be set up at all. */
    private static final String SQLSTATE = "08001";

    private TlsStores() {
    }

    static void check(String memberId, TlsConfig tls) throws CoordinatorException {
        KeyStore keys = load(memberId, "key store", tls.keyStore(), tls.keyStorePassword());
        if (!hasPrivateKey(keys)) {
            throw new CoordinatorException("coordinator member '" + memberId + "': TLS key store " + tls.keyStore()
                    + " holds no private key entry (the member's own certificate and key)", SQLSTATE);
        }
        KeyStore trusted = load(memberId, "trust store", tls.trustStore(), tls.trustStorePassword());
        if (size(trusted) == 0) {
            throw new CoordinatorException("coordinator member '" + memberId + "': TLS trust store " + tls.trustStore()
                    + " is empty: it must hold the certificates (or their CA) of the other members", SQLSTATE);
        }
    }

    private static KeyStore load(String memberId, String what, Path path, String password) throws CoordinatorException {
        // The type Atomix itself uses; on Java 17 a PKCS12 key store also reads JKS files.
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(in, password.toCharArray());
            return store;
        } catch (NoSuchFileException e) {
            throw new CoordinatorException("coordinator member '" + memberId + "': TLS " + what + " " + path
                    + " does not exist", SQLSTATE, e);
        } catch (IOException | GeneralSecurityException e) {
            // A wrong password shows up as an IOException whose cause is an UnrecoverableKeyException.
            throw new CoordinatorException("coordinator member '" + memberId + "': TLS " + what + " " + path
                    + " cannot be read (wrong password, or not a PKCS12/JKS file): " + e.getMessage(), SQLSTATE, e);
        }
    }

    private static boolean hasPrivateKey(KeyStore store) {
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    return true;
                }
            }
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("key store was loaded but cannot be listed", e);
        }
    }

    private static int size(KeyStore store) {
        try {
            return store.size();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("trust store was loaded but cannot be counted", e);
        }
    }
}

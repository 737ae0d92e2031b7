package io.synapsedb.coordinator.driver;

import java.sql.SQLException;

import io.synapsedb.coordinator.Coordinator;
import io.synapsedb.coordinator.CoordinatorConfig;
import io.synapsedb.coordinator.CoordinatorException;
import io.synapsedb.spi.CoordinationProvider;
import io.synapsedb.spi.CoordinationSession;
import io.synapsedb.spi.CoordinatorSettings;

/**
 * The driver's coordinator in cluster mode ({@code jdbc:synapse:coordinator=h1:5679,h2:5679/db}), on Atomix.
 * Registered in {@code META-INF/services/io.synapsedb.spi.CoordinationProvider}.
 * <p>
 * {@link #open} starts one coordinator member per distinct cluster, member id, host, port and TLS settings
 * in this JVM and shares it among the sessions opened with them; it leaves the cluster when the last of
 * those sessions closes. Applications with different member ids get different members, even in one JVM.
 * When the member id names one of the voting members, this JVM is that voter (embedded mode); otherwise the
 * member joins without a vote and needs no data directory. See coordinator/README.md.
 */
public final class AtomixCoordinationProvider implements CoordinationProvider {

    /** One registry per JVM: ServiceLoader may create several provider instances. */
    private static final SharedMembers MEMBERS = new SharedMembers();

    /** For ServiceLoader. */
    public AtomixCoordinationProvider() {
    }

    @Override
    public String name() {
        return "atomix";
    }

    /**
     * @throws SQLException 22023 when the settings are inconsistent (the message names the property), 08001
     *                      when the member cannot join the cluster in the start timeout, 55000 when the JVM
     *                      lacks the {@code --add-opens} flags Atomix needs (the message names them)
     */
    @Override
    public CoordinationSession open(CoordinatorSettings settings) throws SQLException {
        CoordinatorConfig config = MemberSettings.toConfig(settings);
        SharedMembers.Member member = MEMBERS.acquire(MemberSettings.Key.of(settings), () -> start(config, settings));
        return new AtomixCoordinationSession(MEMBERS, member, settings.membersText());
    }

    private static Coordinator start(CoordinatorConfig config, CoordinatorSettings settings) throws SQLException {
        try {
            return Coordinator.start(config);
        } catch (CoordinatorException e) {
            if ("55000".equals(e.getSQLState())) {
                throw e; // the JVM lacks the flags: the message says which
            }
            throw new SQLException("cannot join coordinator cluster " + settings.membersText() + ": "
                    + e.getMessage(), "08001", e);
        } catch (RuntimeException e) {
            // Atomix fails this way on, e.g., an unreadable key store; its messages never hold the passwords
            throw new SQLException("cannot join coordinator cluster " + settings.membersText() + " as member '"
                    + config.memberId() + "': " + e, "08001", e);
        }
    }

    /** How many coordinator members the provider runs in this JVM (diagnostics and tests). */
    static int runningMembers() {
        return MEMBERS.size();
    }
}

package io.synapsedb.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.postgresql.util.ServerErrorMessage;

/** Which failures count against a node's breaker: the node's health, never a statement's fault. */
class FailuresTest {

    /** An error as the server reports it: pgJDBC parses the protocol's fields into a ServerErrorMessage. */
    private static PSQLException reported(String severity, String state, String message) {
        return new PSQLException(new ServerErrorMessage("S" + severity + "\0C" + state + "\0M" + message + "\0"));
    }

    /** The pool's wrapping of a failure to connect, as NodePool and HikariCP nest it. */
    private static SQLException pooled(Throwable cause) {
        SQLTransientConnectionException hikari = new SQLTransientConnectionException(
                "synapse-127.0.0.1-5432 - Connection is not available, request timed out after 5000ms", "08001", cause);
        return new SQLNonTransientConnectionException("cannot connect to node 127.0.0.1:5432/db", "08001", hikari);
    }

    @Test
    void errorsTheServerReportsAboutAStatementNeverCount() {
        assertThat(Failures.isConnectionFailure(reported("ERROR", "08P01", "insufficient data left in message")))
                .as("a protocol error caused by the statement's text").isFalse();
        assertThat(Failures.isConnectionFailure(reported("ERROR", "42601", "syntax error"))).isFalse();
        assertThat(Failures.isConnectionFailure(reported("ERROR", "23505", "duplicate key"))).isFalse();
        assertThat(Failures.isConnectionFailure(reported("ERROR", "57014", "canceling statement"))).isFalse();
        assertThat(Failures.isConnectionFailure(reported("FATAL", "25P03", "idle-in-transaction timeout")))
                .isFalse();
        assertThat(Failures.isConnectionFailure(pooled(reported("FATAL", "28P01", "password authentication"
                + " failed")))).as("a wrong password, through the pool").isFalse();
        assertThat(Failures.isConnectionFailure(pooled(reported("FATAL", "3D000", "database does not exist"))))
                .isFalse();
    }

    @Test
    void serversSayingTheyAreUnavailableCount() {
        for (String state : new String[] {"57P01", "57P02", "57P03", "53300"}) {
            assertThat(Failures.isConnectionFailure(reported("FATAL", state, "going away"))).as(state).isTrue();
            assertThat(Failures.isConnectionFailure(pooled(reported("FATAL", state, "x")))).as(state).isTrue();
        }
    }

    @Test
    void brokenAndRefusedConnectionsCount() {
        assertThat(Failures.isConnectionFailure(new PSQLException("An I/O error occurred while sending to the"
                + " backend.", PSQLState.CONNECTION_FAILURE, new SocketException("Connection reset")))).isTrue();
        assertThat(Failures.isConnectionFailure(pooled(new PSQLException("Connection to 127.0.0.1:5432"
                + " refused.", PSQLState.CONNECTION_UNABLE_TO_CONNECT, new ConnectException("refused"))))).isTrue();
        assertThat(Failures.isConnectionFailure(new EOFException())).isTrue();
        assertThat(Failures.isConnectionFailure(pooled(null))).as("the pool timed out").isTrue();
    }

    @Test
    void clientBookkeepingAndConfigurationDoNotCount() {
        assertThat(Failures.isConnectionFailure(new SQLException("Connection is closed", "08003")))
                .as("a connection used after the pool closed it").isFalse();
        assertThat(Failures.isConnectionFailure(pooled(new PSQLException("The server requested SCRAM-based"
                + " authentication, but no password was provided.", PSQLState.CONNECTION_REJECTED)))).isFalse();
        assertThat(Failures.isConnectionFailure(new SQLException("statement text contains a NUL character",
                "22021"))).isFalse();
    }

    @Test
    void theClassifierReadsStatesAndTheServersFieldsNotMessages() {
        PSQLException noPartition = new PSQLException(new ServerErrorMessage("SERROR\0C23514\0Mno partition of relation"
                + " \"t\" found for row\0RExecFindPartition\0"));
        assertThat(Failures.classify(noPartition)).isEqualTo(Failures.Kind.STALE_ROUTE);
        PSQLException check = new PSQLException(new ServerErrorMessage("SERROR\0C23514\0Mno partition of relation"
                + " (a CHECK of the application's worded alike)\0RExecConstraints\0"));
        assertThat(Failures.classify(check)).as("a CHECK that only reads like a stale route").isEqualTo(
                Failures.Kind.STATEMENT);
        assertThat(Failures.classify(reported("ERROR", "42P01", "relation \"t_s3\" does not exist")))
                .isEqualTo(Failures.Kind.UNDEFINED_TABLE);
        assertThat(Failures.classify(reported("ERROR", "40001", "could not serialize"))).isEqualTo(
                Failures.Kind.RETRY_SAFE);
        assertThat(Failures.classify(reported("ERROR", "40P01", "deadlock detected"))).isEqualTo(
                Failures.Kind.RETRY_SAFE);
        assertThat(Failures.classify(new SocketException("Connection reset"))).isEqualTo(Failures.Kind.CONNECTION);
        assertThat(Failures.classify(reported("ERROR", "23505", "duplicate key"))).isEqualTo(Failures.Kind.STATEMENT);
    }

    @Test
    void errorsChainAsJdbcChainsThem() {
        SQLException first = new SQLException("first", "08006");
        SQLException second = new SQLException("second", "08006");
        assertThat(Failures.chain(null, first) == first).isTrue();
        assertThat(Failures.chain(first, second) == first).isTrue();
        assertThat(first.getNextException() == second).as("setNextException, which HikariCP walks").isTrue();
        assertThat(Failures.chain(first, first).getNextException() == second).isTrue();
    }
}

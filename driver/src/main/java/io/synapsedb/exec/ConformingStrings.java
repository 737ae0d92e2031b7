package io.synapsedb.exec;

import io.synapsedb.core.Errors;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.core.BaseConnection;

/**
 * Keeps {@code standard_conforming_strings} on in every physical connection a logical one uses, so
 * that PostgreSQL reads statement text as the driver's lexer does. Statements that set it
 * otherwise are refused before they run (the analyser's {@code SessionSettings}); this catches what
 * no text shows: a function calling {@code set_config}, a server, database or role default, a
 * pooled connection an earlier user left changed. PostgreSQL reports the setting to pgJDBC with
 * every change, so checking costs a field read.
 */
final class ConformingStrings {

    private static final String TURN_ON = "SET standard_conforming_strings = on";

    private ConformingStrings() {
    }

    /**
     * A connection just taken from the pool: the setting is turned on when the server's default or
     * an earlier user left it off; the driver's sessions always read text this way.
     *
     * @return the pgJDBC session, for {@link #check}
     */
    static BaseConnection taken(Connection c) throws SQLException {
        BaseConnection session = c.unwrap(BaseConnection.class);
        if (!session.getStandardConformingStrings()) {
            try (Statement st = c.createStatement()) {
                st.execute(TURN_ON);
            }
        }
        return session;
    }

    /**
     * Before a held connection is used again: if an earlier statement turned the setting off, it is
     * turned back on (where the transaction still allows) and this use is refused, since the
     * application expected the other reading.
     */
    static void check(Connection c, BaseConnection session, String node) throws SQLException {
        if (session.getStandardConformingStrings()) {
            return;
        }
        try (Statement st = c.createStatement()) {
            st.execute(TURN_ON);
        } catch (SQLException e) {
            // an aborted transaction: its rollback restores the setting
        }
        throw Errors.notSupported("an earlier statement turned standard_conforming_strings off on node " + node
                + " (through a function or set_config the driver could not see); the driver reads statement text"
                + " with it on, so it has turned it back on and did not run this statement");
    }
}

package io.synapsedb.exec;

import io.synapsedb.core.Errors;
import io.synapsedb.core.SqlStates;
import io.synapsedb.sql.StatementPlan;
import java.sql.SQLException;
import java.sql.SQLWarning;

/**
 * Transaction control written as SQL ({@code BEGIN}, {@code COMMIT}, {@code ROLLBACK},
 * savepoints): the session's own transaction operations, exactly as the JDBC API runs them, so
 * that a transaction spanning groups is committed with two-phase commit either way.
 */
final class TransactionControl {

    private TransactionControl() {
    }

    static boolean run(StatementEngine engine, StatementPlan plan) throws SQLException {
        Session session = engine.session();
        switch (plan.transactionOp()) {
            case BEGIN:
                if (session.inTransaction()) {
                    engine.execution().addWarning(new SQLWarning("there is already a transaction in progress",
                            SqlStates.ACTIVE_SQL_TRANSACTION));
                } else {
                    session.setAutoCommit(false);
                }
                break;
            case COMMIT:
                session.commit();
                session.setAutoCommit(true);
                break;
            case ROLLBACK:
                session.rollback();
                session.setAutoCommit(true);
                break;
            case SAVEPOINT:
                session.setSavepoint(plan.savepointName());
                break;
            case RELEASE_SAVEPOINT:
                session.releaseSavepoint(session.savepointNamed(plan.savepointName()));
                break;
            case ROLLBACK_TO_SAVEPOINT:
                session.rollback(session.savepointNamed(plan.savepointName()));
                break;
            default:
                throw Errors.notSupported("PREPARE TRANSACTION, COMMIT PREPARED and ROLLBACK PREPARED are the"
                        + " driver's own; use the JDBC transaction API");
        }
        engine.execution().finishCount(0);
        return false;
    }
}

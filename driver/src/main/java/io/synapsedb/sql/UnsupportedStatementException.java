package io.synapsedb.sql;

/**
 * The analyser read the statement but cannot describe it to the router (for example an INSERT row
 * whose shard key is an expression); the plan becomes {@link StatementKind#UNPARSED} with this
 * message, which the driver refuses with.
 */
final class UnsupportedStatementException extends Exception {

    private static final long serialVersionUID = 1L;

    UnsupportedStatementException(String message) {
        super(message, null, false, false);
    }
}

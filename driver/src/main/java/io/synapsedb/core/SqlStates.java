package io.synapsedb.core;

/**
 * Every SQLState the driver raises or reacts to, in one place, by PostgreSQL's condition names
 * (Appendix A of its manual) or, for the few that are JDBC's own, the SQL standard's. Messages say
 * what happened; the state says what an application can do about it.
 */
public final class SqlStates {

    private SqlStates() {
    }

    // Class 01: warnings

    /** A warning of the driver's own (a commit a group has not confirmed yet). */
    public static final String WARNING = "01000";

    // Class 02, 07, 24: statement and cursor use (JDBC)

    /** No row (a cursor or result past its end). */
    public static final String NO_DATA = "02000";
    /** A parameter the statement does not have. */
    public static final String WRONG_PARAMETER_COUNT = "07001";
    /** A result or cursor used in a state that does not allow it. */
    public static final String INVALID_CURSOR_STATE = "24000";
    /** {@code executeUpdate} or a batch entry returned a result set. */
    public static final String RESULT_SET_NOT_EXPECTED = "0100E";

    // Class 08: connection exceptions

    /** The node could not be reached, or its breaker fails calls fast. */
    public static final String UNABLE_TO_CONNECT = "08001";
    /** The connection was closed (by the application, or before anything was sent). */
    public static final String CONNECTION_DOES_NOT_EXIST = "08003";
    /** The server refused the session (for want of a password). */
    public static final String CONNECTION_REJECTED = "08004";
    /** The connection broke while in use. */
    public static final String CONNECTION_FAILURE = "08006";
    /** A commit whose outcome is unknown: check before retrying. */
    public static final String TRANSACTION_RESOLUTION_UNKNOWN = "08007";
    /** The class of every connection exception. */
    public static final String CONNECTION_EXCEPTION_CLASS = "08";

    // Class 0A

    /** A statement or feature the driver cannot run correctly across groups. */
    public static final String FEATURE_NOT_SUPPORTED = "0A000";
    /** The class of unsupported features. */
    public static final String FEATURE_NOT_SUPPORTED_CLASS = "0A";

    // Class 22: data exceptions

    /** The class of every data exception (whose messages quote the offending input). */
    public static final String DATA_EXCEPTION_CLASS = "22";
    /** A value out of its type's range (a shard key among them). */
    public static final String NUMERIC_VALUE_OUT_OF_RANGE = "22003";
    /** A value that cannot be cast (JDBC getters). */
    public static final String INVALID_CHARACTER_VALUE_FOR_CAST = "22018";
    /** A NUL character in statement text. */
    public static final String CHARACTER_NOT_IN_REPERTOIRE = "22021";
    /** A bad configuration value or property. */
    public static final String INVALID_PARAMETER_VALUE = "22023";
    /** A LIMIT that is not a row count. */
    public static final String INVALID_ROW_COUNT_IN_LIMIT_CLAUSE = "2201W";
    /** An OFFSET that is not a row count. */
    public static final String INVALID_ROW_COUNT_IN_RESULT_OFFSET_CLAUSE = "2201X";
    /** Text that does not read as the expected type. */
    public static final String INVALID_TEXT_REPRESENTATION = "22P02";

    // Class 23: integrity constraints

    /** The class of every integrity constraint violation. */
    public static final String INTEGRITY_CONSTRAINT_VIOLATION_CLASS = "23";
    /** A missing value, an INSERT without its shard key among them. */
    public static final String NOT_NULL_VIOLATION = "23502";
    /** A CHECK failed; the server's partition routing refusing a row has this state too. */
    public static final String CHECK_VIOLATION = "23514";

    // Classes 25, 3B, 3F: transactions, savepoints, schemas

    /** The class of invalid transaction states. */
    public static final String INVALID_TRANSACTION_STATE_CLASS = "25";
    /** Not allowed inside a transaction block. */
    public static final String ACTIVE_SQL_TRANSACTION = "25001";
    /** Not allowed outside a transaction block. */
    public static final String NO_ACTIVE_SQL_TRANSACTION = "25P01";
    /** The transaction already failed: only a rollback helps. */
    public static final String IN_FAILED_SQL_TRANSACTION = "25P02";
    /** A savepoint that does not exist or belongs to another connection. */
    public static final String INVALID_SAVEPOINT_SPECIFICATION = "3B001";
    /** A schema that does not exist. */
    public static final String INVALID_SCHEMA_NAME = "3F000";

    // Class 40: transaction rollback

    /** The class of rolled-back transactions: a retry is safe. */
    public static final String TRANSACTION_ROLLBACK_CLASS = "40";
    /** Rolled back; nothing was committed, a retry is safe. */
    public static final String SERIALIZATION_FAILURE = "40001";
    /** Chosen as a deadlock's victim. */
    public static final String DEADLOCK_DETECTED = "40P01";

    // Class 42: syntax and access rules

    /** A general syntax or access-rule violation. */
    public static final String SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION = "42000";
    /** Bad SQL text (null, or unreadable where it must be read). */
    public static final String SYNTAX_ERROR = "42601";
    /** An identifier longer than PostgreSQL keeps. */
    public static final String NAME_TOO_LONG = "42622";
    /** A column that does not exist. */
    public static final String UNDEFINED_COLUMN = "42703";
    /** A value of the wrong type (a shard key bound with a Java type that cannot be it). */
    public static final String DATATYPE_MISMATCH = "42804";
    /** A function that does not exist (a {@code synapse.*} call the driver does not know). */
    public static final String UNDEFINED_FUNCTION = "42883";
    /** A relation that does not exist (a moved slot's partition among them). */
    public static final String UNDEFINED_TABLE = "42P01";
    /** A table definition that cannot be distributed. */
    public static final String INVALID_TABLE_DEFINITION = "42P16";
    /** An object that does not exist (a prepared transaction settled meanwhile). */
    public static final String UNDEFINED_OBJECT = "42704";

    // Classes 53, 55, 57: resources, prerequisites, operator intervention

    /** The server has no session left. */
    public static final String TOO_MANY_CONNECTIONS = "53300";
    /** The class of missing prerequisites and unavailable objects. */
    public static final String PREREQUISITE_STATE_CLASS = "55";
    /** A prerequisite is missing ({@code max_prepared_transactions = 0}, a coordinator). */
    public static final String OBJECT_NOT_IN_PREREQUISITE_STATE = "55000";
    /** A lock wait ran out ({@code ddlLockTimeoutMs}, {@code lock_timeout}). */
    public static final String LOCK_NOT_AVAILABLE = "55P03";
    /** Cancelled (a query timeout, {@code Statement.cancel}). */
    public static final String QUERY_CANCELED = "57014";
    /** The server is shutting down. */
    public static final String ADMIN_SHUTDOWN = "57P01";
    /** The server crashed. */
    public static final String CRASH_SHUTDOWN = "57P02";
    /** The server is starting and takes no sessions yet. */
    public static final String CANNOT_CONNECT_NOW = "57P03";

    // Class XX and JDBC's HY

    /** A fault inside the driver: a bug, please report it. */
    public static final String INTERNAL_ERROR = "XX000";
    /** Stored data that cannot be read (a catalog row the driver does not understand). */
    public static final String DATA_CORRUPTED = "XX001";
    /** A general error of the JDBC API. */
    public static final String GENERAL_ERROR = "HY000";
    /** A JDBC call in an order that does not allow it (a closed statement). */
    public static final String FUNCTION_SEQUENCE_ERROR = "HY010";
    /** An invalid argument of a JDBC call. */
    public static final String INVALID_ATTRIBUTE_VALUE = "HY024";

    /** True when {@code state} is in the class (the first two characters) {@code stateClass}. */
    public static boolean inClass(String state, String stateClass) {
        return state != null && state.startsWith(stateClass);
    }
}

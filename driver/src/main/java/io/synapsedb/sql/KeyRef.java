package io.synapsedb.sql;

/**
 * Where a value of the shard key comes from: a literal in the SQL text, a bind parameter, or an
 * array bind parameter ({@code key = ANY(?)}). Values stay bind parameters; the driver never
 * pastes them into SQL.
 */
public sealed interface KeyRef {

    /**
     * A literal written in the SQL. {@code value} is a {@link Long} for integer literals, a
     * {@link String} for string literals (also {@code '...'::uuid}), or {@code null} for SQL NULL.
     */
    record Literal(Object value) implements KeyRef { }

    /** A JDBC {@code ?} parameter; {@code index} is 1-based, as in {@code setXxx(index, ...)}. */
    record Param(int index) implements KeyRef { }

    /** {@code key = ANY(?)}: every element of the array bound at {@code index} (1-based) is a key. */
    record ArrayParam(int index) implements KeyRef { }
}

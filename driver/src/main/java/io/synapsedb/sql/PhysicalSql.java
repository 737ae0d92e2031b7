package io.synapsedb.sql;

/**
 * SQL text to send to one group, with the map from its bind parameters to the logical statement's.
 *
 * @param sql the text, with JDBC {@code ?} markers
 * @param paramMap {@code paramMap[i]} tells what to bind at physical parameter {@code i + 1}: a
 *     positive value is the 1-based logical parameter index; a negative value {@code -(r + 1)} is the
 *     generated shard-key value of row {@code r} (0-based index into {@link InsertShape#rowKeys()})
 */
public record PhysicalSql(String sql, int[] paramMap) {

    /** The physical parameter that carries the generated key of row {@code row}. */
    public static int generatedKeyOf(int row) {
        return -(row + 1);
    }
}

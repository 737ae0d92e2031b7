package io.synapsedb.sql;

/**
 * A named object of the SQL session that a statement creates, uses or drops: a prepared statement
 * ({@code PREPARE}, {@code EXECUTE}, {@code DEALLOCATE}) or a cursor ({@code DECLARE},
 * {@code FETCH}/{@code MOVE}, {@code CLOSE}). The driver runs such statements on the home group
 * only, and only for objects it saw created there from a statement that touches no declared table,
 * so that using one later cannot reach a declared table behind the driver's back.
 *
 * @param type prepared statement or cursor
 * @param name the object's normalised name; {@code null} for {@code DEALLOCATE ALL} / {@code CLOSE ALL}
 * @param action what the statement does with it
 */
public record SessionObject(Type type, String name, Action action) {

    /** What kind of object. */
    public enum Type { PREPARED_STATEMENT, CURSOR }

    /** What the statement does with it. */
    public enum Action { CREATE, USE, DROP }
}

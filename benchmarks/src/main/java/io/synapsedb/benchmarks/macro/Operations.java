package io.synapsedb.benchmarks.macro;

import java.sql.SQLException;

/**
 * The operations of the workloads, as one configuration runs them. Every operation takes its
 * connection from the configuration's pool and gives it back, as an application would. Operations
 * check their answers (a missing row, an unsorted scan or a lost update fails the run), so a
 * configuration cannot look fast by being wrong. Implementations are thread-safe.
 */
public interface Operations {

    /** {@code SELECT ... WHERE ycsb_key = ?}: one row. */
    void read(long key) throws SQLException;

    /** {@code UPDATE ... SET field0 = ? WHERE ycsb_key = ?}: one row. */
    void update(long key, String field0) throws SQLException;

    /**
     * {@code SELECT ... WHERE ycsb_key >= ? ORDER BY ycsb_key LIMIT ?}: the next {@code limit} keys
     * from {@code start}, in order.
     *
     * @return the number of rows
     */
    int scan(long start, int limit) throws SQLException;

    /**
     * Moves {@code amount} from {@code from}'s balance to {@code to}'s in one transaction, locking
     * the rows in key order so that concurrent transfers never deadlock.
     */
    void transfer(long from, long to, long amount) throws SQLException;

    /**
     * {@code SELECT ... ORDER BY ycsb_key DESC LIMIT 10} over the whole table.
     *
     * @return the largest key
     */
    long top10() throws SQLException;

    /**
     * {@code SELECT ... WHERE cat = ?}: every row of category {@code cat} (about ten, on any
     * groups; see {@link Categories}), through the index on {@code cat}.
     *
     * @return the number of rows
     */
    int lookup(int cat) throws SQLException;

    /** Inserts keys {@code firstKey .. firstKey+count-1} into the insert table as one JDBC batch. */
    void insertBatch(long firstKey, int count, String field) throws SQLException;

    /** The group (node index) holding {@code key} in this configuration's placement. */
    int groupOf(long key);

    /** How many groups this configuration's rows are spread over. */
    int groups();
}

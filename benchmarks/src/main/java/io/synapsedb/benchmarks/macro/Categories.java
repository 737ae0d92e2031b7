package io.synapsedb.benchmarks.macro;

/**
 * The {@code cat} column of the YCSB table, the key of the secondary-index lookup: row {@code k}
 * is in category {@code k mod count}, with {@code count = rows / 10}, so that a category holds
 * about ten rows spread over the whole key space (and so over every group), and a lookup's
 * answer can be checked without asking a server.
 */
public final class Categories {

    /** Rows per category, about. */
    static final int ROWS_PER_CATEGORY = 10;

    private final long rows;
    private final long count;

    /** @param rows rows loaded (keys 0..rows-1) */
    public Categories(long rows) {
        if (rows <= 0) {
            throw new IllegalArgumentException("rows must be positive: " + rows);
        }
        this.rows = rows;
        this.count = Math.max(1, rows / ROWS_PER_CATEGORY);
    }

    /** How many categories there are. */
    public long count() {
        return count;
    }

    /** The category of row {@code key}. */
    public int of(long key) {
        return (int) Math.floorMod(key, count);
    }

    /** How many of the loaded rows are in category {@code cat}. */
    public long rowsIn(int cat) {
        return rows / count + (cat < rows % count ? 1 : 0);
    }
}

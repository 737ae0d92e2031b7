package io.synapsedb.catalog;

/** Finds a declared table by its normalised name; the analyser sees the catalog only through this. */
@FunctionalInterface
public interface TableLookup {

    /** The declared table, or {@code null} when the name is not declared (it lives on the home group). */
    TableInfo find(String normalizedName);

    /**
     * The normalised names of the declared tables in {@code schema} ({@code public} for the
     * unqualified ones); none by default. The analyser refuses renaming or dropping such a schema.
     */
    default java.util.List<String> inSchema(String schema) {
        return java.util.List.of();
    }
}

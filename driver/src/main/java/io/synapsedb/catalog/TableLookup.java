package io.synapsedb.catalog;

/** Finds a declared table by its normalised name; the analyser sees the catalog only through this. */
@FunctionalInterface
public interface TableLookup {

    /** The declared table, or {@code null} when the name is not declared (it lives on the home group). */
    TableInfo find(String normalizedName);
}

package io.synapsedb.sql;

/** DDL the catalog must follow. */
public enum DdlOp {
    CREATE_TABLE,
    DROP_TABLE,
    /** Any other DDL: the catalog does not change. */
    OTHER
}

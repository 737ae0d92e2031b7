/**
 * Vector columns and distributed k-nearest-neighbour search (pgvector where a node has it, a plain
 * PostgreSQL fallback where it does not). Not built yet.
 */
package io.synapsedb.vector;

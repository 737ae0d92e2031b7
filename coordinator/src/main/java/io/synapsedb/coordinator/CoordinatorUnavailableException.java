package io.synapsedb.coordinator;

/**
 * The coordinator could not be reached or has no quorum, and the operation was certainly <b>not</b>
 * applied (it was refused before reaching the Raft log), or a member could not join the cluster in time.
 * SQLState {@code 08006}.
 */
public class CoordinatorUnavailableException extends CoordinatorException {

    private static final long serialVersionUID = 1L;

    public CoordinatorUnavailableException(String message, Throwable cause) {
        super(message, "08006", cause);
    }
}

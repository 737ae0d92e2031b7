package io.synapsedb.coordinator;

/**
 * A coordinator operation did not complete within its timeout (typically: no quorum). Its outcome is
 * <b>unknown</b>: a write may still be applied later, when a quorum returns. Every write of this API is
 * idempotent, so the caller may repeat it, or read to learn what happened. SQLState {@code 08007}
 * (transaction resolution unknown).
 */
public class CoordinatorTimeoutException extends CoordinatorException {

    private static final long serialVersionUID = 1L;

    public CoordinatorTimeoutException(String message, Throwable cause) {
        super(message, "08007", cause);
    }
}

package io.synapsedb.coordinator;

/** A distributed lock stayed held by another holder for the whole wait. SQLState {@code 55P03}. */
public class LockTimeoutException extends CoordinatorException {

    private static final long serialVersionUID = 1L;

    public LockTimeoutException(String message) {
        super(message, "55P03");
    }
}

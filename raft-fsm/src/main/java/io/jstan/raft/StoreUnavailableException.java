package io.jstan.raft;

/**
 * An operation refused because the store failed and cannot be read yet (see {@link StoreRecovery}).
 * The failure is told once when it happens, so callers need not log each operation refused.
 */
public final class StoreUnavailableException extends RuntimeException {

    StoreUnavailableException(String reason) {
        super("store unavailable: " + reason, null, false, false);
    }

    /** Whether {@code failure} is, or comes of, such a refusal. */
    public static boolean causedBy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StoreUnavailableException) {
                return true;
            }
        }
        return false;
    }
}

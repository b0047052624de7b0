package io.jstan.raft;

/**
 * An operation refused, or not known to be committed, because this node is not (or no longer) the
 * leader. Its texts are nats-streaming-server's (from its Raft library), which a client may see.
 */
public final class NotLeaderException extends RuntimeException {
    static final String NOT_LEADER = "node is not the leader";
    static final String LEADERSHIP_LOST = "leadership lost while committing log";

    NotLeaderException(String message) {
        super(message, null, false, false);
    }

    /**
     * Whether {@code failure} comes of this node not leading: expected while leadership moves, and
     * told once then, so callers need not log each operation it failed.
     */
    public static boolean causedBy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof NotLeaderException) {
                return true;
            }
        }
        return false;
    }
}

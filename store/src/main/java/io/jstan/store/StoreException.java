package io.jstan.store;

/** A store operation that failed; {@link #kind()} tells why, with nats-streaming-server's texts. */
public class StoreException extends RuntimeException {

    /** Why a store operation failed. */
    public enum Kind {
        TOO_MANY_CHANNELS("too many channels"),
        TOO_MANY_SUBSCRIPTIONS("too many subscriptions per channel"),
        NOT_SUPPORTED("not supported"),
        ALREADY_EXISTS("already exists"),
        NOT_FOUND("not found"),
        /** The storage itself failed: I/O error, corrupt or unreadable data. */
        FAILED("store failure");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    private final Kind kind;

    public StoreException(Kind kind) {
        super(kind.text());
        this.kind = kind;
    }

    public StoreException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether {@code e} says that the storage itself failed, rather than that one change was refused. */
    public static boolean isStorageFailure(Throwable e) {
        return e instanceof StoreException failure && failure.kind == Kind.FAILED;
    }
}

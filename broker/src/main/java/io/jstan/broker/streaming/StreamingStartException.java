package io.jstan.broker.streaming;

/** The streaming engine cannot start; the message says why, for the log. */
public final class StreamingStartException extends RuntimeException {
    public StreamingStartException(String message) {
        super(message);
    }

    public StreamingStartException(String message, Throwable cause) {
        super(message, cause);
    }
}

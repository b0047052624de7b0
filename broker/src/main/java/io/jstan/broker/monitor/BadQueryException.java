package io.jstan.broker.monitor;

/** A query value an endpoint cannot use; answered with 400 and this one-line message. */
final class BadQueryException extends RuntimeException {
    BadQueryException(String message) {
        super(message, null, false, false);
    }
}

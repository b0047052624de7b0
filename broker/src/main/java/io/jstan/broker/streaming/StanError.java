package io.jstan.broker.streaming;

import io.jstan.store.StoreException;

/**
 * A request refused with one of the protocol's error texts, which clients show as is. Thrown by
 * the engine, and by applying an operation that cannot be applied (the same on every node).
 */
final class StanError extends RuntimeException {
    static final String INVALID_SUBJECT = "stan: invalid subject";
    static final String INVALID_START = "stan: invalid start position";
    static final String INVALID_SUB = "stan: invalid subscription";
    static final String CLIENT_ALREADY_REGISTERED = "stan: clientID already registered";
    static final String MISSING_CLIENT = "stan: clientID missing";
    static final String INVALID_CLIENT_ID = "stan: invalid clientID: only alphanumeric and `-` or `_` characters allowed";
    static final String INVALID_ACK_WAIT = "stan: invalid ack wait time, should be >= 1s";
    static final String INVALID_MAX_INFLIGHT = "stan: invalid MaxInflight, should be >= 1";
    static final String INVALID_CONNECT_REQUEST = "stan: invalid connection request";
    static final String INVALID_PUBLISH_REQUEST = "stan: invalid publish request";
    static final String INVALID_SUB_REQUEST = "stan: invalid subscription request";
    static final String INVALID_UNSUB_REQUEST = "stan: invalid unsubscribe request";
    static final String INVALID_CLOSE_REQUEST = "stan: invalid close request";
    static final String DUPLICATE_DURABLE = "stan: duplicate durable registration";
    static final String INVALID_DURABLE_NAME = "stan: durable name of a durable queue subscriber can't contain the character ':'";
    static final String UNKNOWN_CLIENT = "stan: unknown clientID";
    static final String UNKNOWN_CHANNEL = "stan: unknown channel";
    static final String CLIENT_REPLACED = "client has been replaced or is no longer registered";

    StanError(String text) {
        super(text, null, false, false);
    }

    /** The text for the client: a StanError's own, a store's refusal, or a generic one. */
    static String textOf(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && !(cause instanceof StanError) && !(cause instanceof StoreException)) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }
}

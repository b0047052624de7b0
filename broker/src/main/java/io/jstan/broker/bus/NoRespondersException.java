package io.jstan.broker.bus;

/**
 * A request found no subscriber on its subject: the NATS server said so at once, so the request
 * fails now instead of waiting out its timeout.
 */
public final class NoRespondersException extends Exception {
    public NoRespondersException(String subject) {
        super("no responders on " + subject);
    }
}

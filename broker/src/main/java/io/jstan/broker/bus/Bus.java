package io.jstan.broker.bus;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * How server-side components (the streaming engine) talk NATS: subscribe, publish and
 * request. Backed by the embedded server's router in process, or by a client connection
 * to an external NATS server; the components cannot tell which.
 */
public interface Bus extends AutoCloseable {
    /** Subscribes to a subject (wildcards allowed); {@code queue} may be null. */
    BusSubscription subscribe(String subject, String queue, MessageHandler handler);

    /** Publishes a message; {@code reply} may be null. */
    void publish(String subject, String reply, byte[] data);

    /**
     * Sends a request and completes with the first reply; exceptionally with a
     * {@link NoRespondersException} when nothing subscribes to the subject, or with a
     * TimeoutException when no reply comes in time (or the bus closes).
     */
    CompletableFuture<byte[]> request(String subject, byte[] data, Duration timeout);

    /**
     * Returns once the NATS server has everything this bus sent before, subscriptions included:
     * a message published to it from then on reaches them. False when the server did not
     * confirm in time.
     */
    boolean flush(Duration timeout);

    /** A subject unique to this bus, for replies. */
    String newInbox();

    @Override
    void close();
}

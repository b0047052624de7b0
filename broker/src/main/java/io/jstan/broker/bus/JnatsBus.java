package io.jstan.broker.bus;

import io.jstan.broker.nats.Subjects;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.nats.client.support.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link Bus} on an external NATS server ({@code -ns}): one jnats connection, which
 * reconnects by itself and restores the subscriptions when it does.
 *
 * <p>Every subscription's handler runs on one thread, the bus's message dispatcher, in the
 * order the server sent the messages: a publisher's messages reach a handler in the order
 * they were published. Replies to requests come on a second dispatcher, so that a handler may
 * wait for a reply without blocking its delivery.
 */
public final class JnatsBus implements Bus {
    private static final Logger LOG = LoggerFactory.getLogger(JnatsBus.class);
    /** As nats-streaming-server's own connections: never give up, and try again soon. */
    private static final int RECONNECT_FOREVER = -1;
    private static final Duration RECONNECT_WAIT = Duration.ofMillis(250);
    /** jnats's pending limits, 0 meaning none: the streaming engine must not lose a message to them. */
    private static final long UNLIMITED = 0;

    private final Connection connection;
    private final Dispatcher messages;
    private final String replyPrefix;
    private final AtomicLong nextReply = new AtomicLong();
    private final PendingRequests pendingRequests = new PendingRequests();

    private JnatsBus(Connection connection) {
        this.connection = connection;
        this.messages = withoutPendingLimits(connection.createDispatcher());
        this.replyPrefix = connection.createInbox() + ".";
        withoutPendingLimits(connection.createDispatcher()).subscribe(replyPrefix + "*", this::onReply);
    }

    /**
     * Connects to the NATS server(s) of {@code options}, which carry the servers, TLS and
     * credentials. The bus adds its own settings: reconnect for ever, and its own connection
     * and error listeners, which log what happens to the connection (replacing any in
     * {@code options}).
     */
    public static JnatsBus connect(Options options) throws IOException, InterruptedException {
        ConnectionLogger logger = new ConnectionLogger();
        Options busOptions = new Options.Builder(options)
                .maxReconnects(RECONNECT_FOREVER)
                .reconnectWait(RECONNECT_WAIT)
                .connectionListener(logger)
                .errorListener(logger)
                .build();
        return new JnatsBus(Nats.connect(busOptions));
    }

    @Override
    public BusSubscription subscribe(String subject, String queue, MessageHandler handler) {
        if (!Subjects.isValidSubscribeSubject(subject)) {
            throw new IllegalArgumentException("invalid subject: " + subject);
        }
        io.nats.client.MessageHandler delivery = message -> deliver(subject, handler, message);
        Subscription subscription = queue == null
                ? messages.subscribe(subject, delivery)
                : messages.subscribe(subject, queue, delivery);
        return new DispatcherSubscription(messages, subscription);
    }

    @Override
    public void publish(String subject, String reply, byte[] data) {
        requireLiteralSubject(subject);
        connection.publish(subject, reply, data);
    }

    @Override
    public CompletableFuture<byte[]> request(String subject, byte[] data, Duration timeout) {
        requireLiteralSubject(subject);
        String replySubject = replyPrefix + nextReply.incrementAndGet();
        CompletableFuture<byte[]> reply = pendingRequests.expectReply(replySubject, subject, timeout);
        try {
            connection.publish(subject, replySubject, data);
        } catch (RuntimeException e) {
            reply.completeExceptionally(e);
            throw e;
        }
        return reply;
    }

    @Override
    public boolean flush(Duration timeout) {
        try {
            connection.flush(timeout);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String newInbox() {
        return connection.createInbox();
    }

    /** Sends what was published, closes the connection (and with it the dispatchers), then fails the waiting requests. */
    @Override
    public void close() {
        try {
            flushPublished();
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pendingRequests.busClosed();
    }

    /** jnats drops on close what it has not written yet; a publish made before close must still go out. */
    private void flushPublished() throws InterruptedException {
        if (connection.getStatus() != Connection.Status.CONNECTED) {
            return;
        }
        try {
            connection.flush(connection.getOptions().getConnectionTimeout());
        } catch (TimeoutException e) {
            LOG.warn("Closing the connection to NATS Server before it took all that was published: {}", e.getMessage());
        }
    }

    private void onReply(Message reply) {
        if (reply.isStatusMessage() && reply.getStatus().getCode() == Status.NO_RESPONDERS_CODE) {
            pendingRequests.noResponders(reply.getSubject());
        } else {
            pendingRequests.reply(reply.getSubject(), reply.getData());
        }
    }

    /**
     * A status message is nats-server telling a publisher that nobody listens on its subject,
     * sent to the publish's reply subject: nobody published it, so no handler gets it (as with
     * the in-process bus). A handler that throws is logged; delivery goes on.
     */
    private static void deliver(String subscribed, MessageHandler handler, Message message) {
        if (message.isStatusMessage()) {
            return;
        }
        try {
            handler.onMessage(message.getSubject(), message.getReplyTo(), message.getData());
        } catch (RuntimeException e) {
            LOG.error("Handler of {} failed on a message to {}", subscribed, message.getSubject(), e);
        }
    }

    private static void requireLiteralSubject(String subject) {
        if (!Subjects.isValidLiteralSubject(subject)) {
            throw new IllegalArgumentException("invalid publish subject: " + subject);
        }
    }

    private static Dispatcher withoutPendingLimits(Dispatcher dispatcher) {
        dispatcher.setPendingLimits(UNLIMITED, UNLIMITED);
        return dispatcher;
    }

    /** Unsubscribing twice, or after the bus closed (which dropped every subscription), does nothing. */
    private static final class DispatcherSubscription implements BusSubscription {
        private final Dispatcher dispatcher;
        private final Subscription subscription;
        private final AtomicBoolean subscribed = new AtomicBoolean(true);

        DispatcherSubscription(Dispatcher dispatcher, Subscription subscription) {
            this.dispatcher = dispatcher;
            this.subscription = subscription;
        }

        @Override
        public void unsubscribe() {
            if (subscribed.getAndSet(false) && subscription.isActive()) {
                dispatcher.unsubscribe(subscription);
            }
        }
    }
}

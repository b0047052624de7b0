package io.jstan.broker.nats;

import io.jstan.broker.bus.Bus;
import io.jstan.broker.bus.BusSubscription;
import io.jstan.broker.bus.MessageHandler;
import io.jstan.broker.bus.PendingRequests;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link Bus} of the embedded server: subscriptions go straight into the server's router,
 * and publishing is a call on the caller's thread, with no socket in between. Handlers run
 * on the thread of whoever published (a client's event loop or an in-process publisher).
 */
final class InternalBus implements Bus {
    private static final Logger LOG = LoggerFactory.getLogger(InternalBus.class);

    private final NatsServer server;
    private final String inboxPrefix = "_INBOX." + UUID.randomUUID().toString().replace("-", "") + ".";
    private final AtomicLong nextInbox = new AtomicLong();
    private final PendingRequests pendingRequests = new PendingRequests();
    private final BusSubscription replies;
    private final PublisherMatchCache matches;

    InternalBus(NatsServer server) {
        this.server = server;
        this.matches = new PublisherMatchCache(server.router());
        this.replies = subscribe(inboxPrefix + "*", null, (subject, reply, data) -> pendingRequests.reply(subject, data));
    }

    @Override
    public BusSubscription subscribe(String subject, String queue, MessageHandler handler) {
        if (!Subjects.isValidSubscribeSubject(subject)) {
            throw new IllegalArgumentException("invalid subject: " + subject);
        }
        HandlerSubscriber subscriber = new HandlerSubscriber(handler);
        Subscription subscription = new Subscription(subscriber, subject, queue, "internal");
        server.router().add(subscription);
        return () -> server.router().remove(subscription);
    }

    @Override
    public void publish(String subject, String reply, byte[] data) {
        route(subject, reply, data);
    }

    @Override
    public CompletableFuture<byte[]> request(String subject, byte[] data, Duration timeout) {
        String inbox = newInbox();
        CompletableFuture<byte[]> reply = pendingRequests.expectReply(inbox, subject, timeout);
        if (!route(subject, inbox, data)) {
            pendingRequests.noResponders(inbox);
        }
        return reply;
    }

    /** Delivers to the matching subscriptions; false when there are none. */
    private boolean route(String subject, String reply, byte[] data) {
        if (!Subjects.isValidLiteralSubject(subject)) {
            throw new IllegalArgumentException("invalid publish subject: " + subject);
        }
        return server.dispatcher().dispatch(null, matches, subject, reply, Unpooled.wrappedBuffer(data), 0);
    }

    /** Subscriptions and publishes reach the router before the calls return: nothing to wait for. */
    @Override
    public boolean flush(Duration timeout) {
        return true;
    }

    @Override
    public String newInbox() {
        return inboxPrefix + nextInbox.incrementAndGet();
    }

    @Override
    public void close() {
        replies.unsubscribe();
        pendingRequests.busClosed();
    }

    /**
     * Adapts a {@link MessageHandler} to the router: headers are dropped, the payload copied out.
     * A handler that throws is logged and otherwise ignored: the exception would reach the
     * publisher, which would lose its connection and the rest of the fan-out over a bug of ours.
     */
    private record HandlerSubscriber(MessageHandler handler) implements Subscriber {
        @Override
        public void deliver(Subscription subscription, String subject, String reply, ByteBuf message, int headerLength) {
            byte[] data = ByteBufUtil.getBytes(message, message.readerIndex() + headerLength,
                    message.readableBytes() - headerLength);
            try {
                handler.onMessage(subject, reply, data);
            } catch (RuntimeException e) {
                LOG.error("In-process handler of {} failed on a message to {}", subscription.subject(), subject, e);
            }
        }

        @Override
        public boolean echo() {
            return true;
        }

        @Override
        public void ended(Subscription subscription) {
        }
    }
}

package io.jstan.broker.monitor;

import io.jstan.broker.streaming.ChannelView;
import io.jstan.broker.streaming.StreamingOptions;
import io.jstan.broker.streaming.StreamingServer;
import io.jstan.broker.streaming.SubscriptionView;
import io.jstan.broker.testing.StanClients;
import io.jstan.store.ChannelLimits;
import io.jstan.store.StoreLimits;
import io.jstan.store.memory.MemoryStore;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.Subscription;
import io.nats.streaming.SubscriptionOptions;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import static io.jstan.broker.testing.ClientWaits.await;
import static io.jstan.broker.testing.StanClients.bytes;

/**
 * A NATS server with monitoring, and a streaming server on a MEMORY store attached to it, with activity
 * to report. Client "alpha" holds the durable "audit" on "orders", acking what it gets, and a member of
 * queue group "workers" on "prices" with max in flight 2 and manual acks, acking nothing. Client "beta"
 * publishes three messages to "orders" and two to "prices", so "workers" is stalled with two pending.
 * The store limits are the defaults, with max age 1h, max channels 10 and "orders" capped at 500 messages.
 */
final class MonitoredStreaming implements AutoCloseable {
    static final String ALPHA = "alpha";
    static final String BETA = "beta";
    static final String ORDERS = "orders";
    static final String PRICES = "prices";
    static final String DURABLE = "audit";
    static final String QUEUE = "workers";
    static final String[] ORDER_PAYLOADS = {"order-1", "order-2", "order-3"};
    static final String[] PRICE_PAYLOADS = {"price-1", "price-22"};
    static final int QUEUE_MAX_IN_FLIGHT = 2;
    static final int ACK_WAIT_SECONDS = 30;
    static final StoreLimits LIMITS = StoreLimits.builder()
            .maxChannels(10)
            .global(ChannelLimits.DEFAULTS.withMaxAge(Duration.ofHours(1)))
            .channel(ORDERS, ChannelLimits.INHERIT.withMaxMsgs(500))
            .build();

    private final MonitoredNatsServer nats;
    private final MemoryStore store;
    private final StreamingServer streaming;
    private StreamingConnection alpha;
    private StreamingConnection beta;
    private Subscription audit;

    private MonitoredStreaming(MonitoredNatsServer nats, MemoryStore store, StreamingServer streaming) {
        this.nats = nats;
        this.store = store;
        this.streaming = streaming;
    }

    /** The servers alone, the streaming server not attached to the monitor yet, and no activity. */
    static MonitoredStreaming startUnattached() throws Exception {
        MonitoredNatsServer nats = MonitoredNatsServer.start();
        MemoryStore store = new MemoryStore();
        StreamingServer streaming = StreamingServer.start(nats.server().bus(), store, new StreamingOptions().storeLimits(LIMITS));
        return new MonitoredStreaming(nats, store, streaming);
    }

    /** The servers, attached, once the activity has reached the server: every message delivered, alpha's acks applied. */
    static MonitoredStreaming startWithActivity() throws Exception {
        MonitoredStreaming monitored = startUnattached();
        try {
            monitored.attach();
            monitored.makeActivity();
        } catch (Exception | AssertionError e) {
            monitored.close();
            throw e;
        }
        return monitored;
    }

    void attach() {
        nats.monitoring().serveStreaming(streaming);
    }

    private void makeActivity() throws Exception {
        StanClients clients = new StanClients(nats.natsUrl());
        alpha = clients.connect(ALPHA);
        beta = clients.connect(BETA);
        StanClients.Received audited = StanClients.Received.acking();
        audit = alpha.subscribe(ORDERS, audited, new SubscriptionOptions.Builder()
                .durableName(DURABLE).manualAcks().deliverAllAvailable().build());
        StanClients.Received worked = new StanClients.Received();
        alpha.subscribe(PRICES, QUEUE, worked, new SubscriptionOptions.Builder()
                .manualAcks().maxInFlight(QUEUE_MAX_IN_FLIGHT).ackWait(Duration.ofSeconds(ACK_WAIT_SECONDS)).build());
        for (String payload : ORDER_PAYLOADS) {
            beta.publish(ORDERS, bytes(payload));
        }
        for (String payload : PRICE_PAYLOADS) {
            beta.publish(PRICES, bytes(payload));
        }
        audited.await(ORDER_PAYLOADS.length);
        worked.await(PRICE_PAYLOADS.length);
        await(() -> pendingAcks(ORDERS) == 0, "alpha's acks of the orders are applied");
    }

    private long pendingAcks(String channelName) {
        return streaming.channels().stream()
                .filter(channel -> channel.name().equals(channelName))
                .flatMap(channel -> channel.subscriptions().stream())
                .mapToLong(SubscriptionView::pendingCount)
                .sum();
    }

    /** Closes (without unsubscribing) the durable "audit": it stays, offline. */
    void takeDurableOffline() throws Exception {
        audit.close();
        await(() -> channel(ORDERS).subscriptions().get(0).offline(), "the durable is offline");
    }

    /** A subscription of alpha's to "orders" that acks nothing within its one-second ack wait: its messages come again soon. */
    void redeliverSoon() throws Exception {
        alpha.subscribe(ORDERS, new StanClients.Received(), new SubscriptionOptions.Builder()
                .manualAcks().ackWait(Duration.ofSeconds(1)).deliverAllAvailable().build());
    }

    ChannelView channel(String name) {
        return streaming.channels().stream().filter(channel -> channel.name().equals(name)).findFirst().orElseThrow();
    }

    /** The sum of the payload lengths published. */
    static long payloadBytes() {
        long bytes = 0;
        for (String payload : ORDER_PAYLOADS) {
            bytes += bytes(payload).length;
        }
        for (String payload : PRICE_PAYLOADS) {
            bytes += bytes(payload).length;
        }
        return bytes;
    }

    MonitoredNatsServer nats() {
        return nats;
    }

    StreamingServer streaming() {
        return streaming;
    }

    /** Closes the clients, then the servers even when a client fails to close. */
    @Override
    public void close() throws IOException, TimeoutException {
        try {
            if (beta != null) {
                beta.close();
            }
            if (alpha != null) {
                alpha.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            streaming.close();
            store.close();
            nats.close();
        }
    }
}

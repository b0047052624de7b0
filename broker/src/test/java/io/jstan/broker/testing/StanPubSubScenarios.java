package io.jstan.broker.testing;

import io.nats.streaming.AckHandler;
import io.nats.streaming.Message;
import io.nats.streaming.NatsStreaming;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.SubscriptionOptions;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;

import static io.jstan.broker.testing.StanClients.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Publishing and subscribing with the official java-nats-streaming client, unmodified: every
 * start position, ordering, many async publishes, and the requests the server refuses. Runs
 * against any server with the default streaming options.
 */
public final class StanPubSubScenarios {
    private final StanClients clients;

    public StanPubSubScenarios(StanClients clients) {
        this.clients = clients;
    }

    public void subscriberReceivesPublishedMessagesInOrder() throws Exception {
        try (StreamingConnection connection = clients.connect()) {
            StanClients.Received received = new StanClients.Received();
            connection.subscribe("orders", received);
            for (int i = 1; i <= 10; i++) {
                connection.publish("orders", bytes("order " + i));
            }
            List<Message> messages = received.await(10);
            assertEquals(LongStream.rangeClosed(1, 10).boxed().toList(), received.sequences());
            assertEquals("order 1", StanClients.text(messages.get(0)));
            assertEquals("orders", messages.get(0).getSubject());
            assertTrue(messages.get(0).getTimestamp() > 0, "a timestamp is set");
        }
    }

    public void newOnlyStartsAfterTheLastStoredMessage() throws Exception {
        try (StreamingConnection connection = clients.connect()) {
            publish(connection, "news", 3);
            StanClients.Received received = new StanClients.Received();
            connection.subscribe("news", received);
            connection.publish("news", bytes("fresh"));
            received.await(1);
            assertEquals(List.of("fresh"), received.texts());
        }
    }

    public void lastReceivedStartsWithTheLastStoredMessage() throws Exception {
        try (StreamingConnection connection = clients.connect()) {
            publish(connection, "last", 3);
            StanClients.Received received = new StanClients.Received();
            connection.subscribe("last", received, new SubscriptionOptions.Builder().startWithLastReceived().build());
            connection.publish("last", bytes("4"));
            received.await(2);
            assertEquals(List.of(3L, 4L), received.sequences());
        }
    }

    public void sequenceStartBeginsAtThatSequence() throws Exception {
        try (StreamingConnection connection = clients.connect()) {
            publish(connection, "seq", 5);
            StanClients.Received received = new StanClients.Received();
            connection.subscribe("seq", received, new SubscriptionOptions.Builder().startAtSequence(3).build());
            received.await(3);
            assertEquals(List.of(3L, 4L, 5L), received.sequences());
        }
    }

    public void timeStartBeginsAtTheFirstMessageStoredSinceThen() throws Exception {
        try (StreamingConnection connection = clients.connect()) {
            connection.publish("time", bytes("before"));
            StanClients.Received all = new StanClients.Received();
            connection.subscribe("time", all, new SubscriptionOptions.Builder().deliverAllAvailable().build());
            long firstStamp = all.await(1).get(0).getTimestamp();
            Instant boundary = Instant.ofEpochSecond(0, firstStamp).plusMillis(20);
            ClientWaits.await(() -> Instant.now().isAfter(boundary.plusMillis(20)), "the clock passes the boundary");
            connection.publish("time", bytes("after 1"));
            connection.publish("time", bytes("after 2"));
            StanClients.Received since = new StanClients.Received();
            connection.subscribe("time", since, new SubscriptionOptions.Builder().startAtTime(boundary).build());
            since.await(2);
            assertEquals(List.of("after 1", "after 2"), since.texts());
        }
    }

    public void deliverAllStartsAtTheFirstMessage() throws Exception {
        try (StreamingConnection connection = clients.connect()) {
            publish(connection, "all", 4);
            StanClients.Received received = new StanClients.Received();
            connection.subscribe("all", received, new SubscriptionOptions.Builder().deliverAllAvailable().build());
            received.await(4);
            assertEquals(List.of(1L, 2L, 3L, 4L), received.sequences());
        }
    }

    /** 100,000 async publishes: every one acknowledged without error, every one delivered, in order. */
    public void manyAsyncPublishesAreAllAckedAndDeliveredInOrder() throws Exception {
        int count = 100_000;
        try (StreamingConnection connection = NatsStreaming.connect(StanClients.CLUSTER_ID, "bulk-publisher",
                clients.options().maxPubAcksInFlight(4096).build())) {
            StanClients.Received received = new StanClients.Received();
            connection.subscribe("bulk", received, new SubscriptionOptions.Builder().maxInFlight(4096).build());
            AtomicInteger acked = new AtomicInteger();
            AtomicReference<String> firstError = new AtomicReference<>();
            AckHandler onAck = (guid, error) -> {
                if (error != null) {
                    firstError.compareAndSet(null, error.getMessage());
                }
                acked.incrementAndGet();
            };
            for (int i = 0; i < count; i++) {
                connection.publish("bulk", bytes(Integer.toString(i)), onAck);
            }
            ClientWaits.await(Duration.ofSeconds(60), () -> acked.get() == count, () -> "all acked (" + acked.get() + ")");
            assertNull(firstError.get());
            ClientWaits.await(Duration.ofSeconds(60), () -> received.count() == count, () -> "all delivered (" + received.count() + ")");
            List<Message> messages = received.messages();
            for (int i = 0; i < count; i++) {
                assertEquals(i + 1, messages.get(i).getSequence());
                assertEquals(Integer.toString(i), StanClients.text(messages.get(i)));
            }
        }
    }

    public void invalidChannelNamesAreRefused() throws Exception {
        try (StreamingConnection connection = clients.connect()) {
            IOException publish = assertThrows(IOException.class, () -> connection.publish("bad..name", bytes("x")));
            assertEquals("stan: invalid publish request", publish.getMessage());
            IOException subscribe = assertThrows(IOException.class, () -> connection.subscribe("wild.*", new StanClients.Received()));
            assertEquals("stan: invalid subject", subscribe.getMessage());
        }
    }

    public void aChannelNameDifferingOnlyByCaseIsRefused() throws Exception {
        try (StreamingConnection connection = clients.connect()) {
            connection.publish("Orders.EU", bytes("first"));
            IOException refused = assertThrows(IOException.class, () -> connection.publish("orders.eu", bytes("second")));
            assertEquals("rejecting channel \"orders.eu\" because channel \"Orders.EU\" alreay exists (different cases not allowed)",
                    refused.getMessage());
        }
    }

    public void aSecondConnectWithALiveClientsIdIsRefused() throws Exception {
        try (StreamingConnection first = clients.connect("twin")) {
            IOException refused = assertThrows(IOException.class, () -> clients.connect("twin"));
            assertEquals("stan: clientID already registered", refused.getMessage());
            first.publish("still.works", bytes("yes"));
        }
    }

    public void connectingWithAWrongClusterIdTimesOut() {
        IOException timeout = assertThrows(IOException.class, () -> NatsStreaming.connect("no-such-cluster", "lost",
                clients.options().connectWait(Duration.ofMillis(500)).build()));
        assertTrue(timeout.getMessage().contains("connect request timeout"), timeout.getMessage());
    }

    private static void publish(StreamingConnection connection, String channel, int count) throws Exception {
        for (int i = 1; i <= count; i++) {
            connection.publish(channel, bytes(Integer.toString(i)));
        }
    }
}

package io.jstan.broker.testing;

import io.jstan.store.proto.ConnectResponse;
import io.jstan.store.proto.MsgProto;
import io.nats.streaming.Message;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.Subscription;
import io.nats.streaming.SubscriptionOptions;

import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.LongStream;

import static io.jstan.broker.testing.StanClients.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Delivery as java-nats-streaming users rely on it: redelivery after AckWait, MaxInFlight, queue
 * groups, durables and durable queue groups. Runs against any server with the default options.
 */
public final class StanDeliveryScenarios {
    private static final Duration ONE_SECOND = Duration.ofSeconds(1);

    private final StanClients clients;

    public StanDeliveryScenarios(StanClients clients) {
        this.clients = clients;
    }

    public void unacknowledgedMessageIsRedeliveredAfterAckWait() throws Exception {
        try (StreamingConnection connection = clients.connect()) {
            StanClients.Received received = new StanClients.Received();
            connection.subscribe("redo", received, new SubscriptionOptions.Builder()
                    .manualAcks().ackWait(ONE_SECOND).build());
            connection.publish("redo", bytes("again"));
            List<Message> messages = received.await(2);
            assertFalse(messages.get(0).isRedelivered());
            assertTrue(messages.get(1).isRedelivered());
            assertEquals(1, messages.get(1).getSequence());
            assertEquals("again", StanClients.text(messages.get(1)));
        }
    }

    /** Each redelivery carries the count of redeliveries so far; the official client does not show it, so read the wire. */
    public void redeliveryCountGrowsWithEachRedelivery() throws Exception {
        try (StanRaw raw = new StanRaw(clients.natsUrl())) {
            ConnectResponse connection = raw.connectDeaf("counter");
            io.nats.client.Subscription inbox = raw.nats().subscribe("_INBOX.counted");
            raw.subscribe("counter", "counted", "_INBOX.counted", 1);
            raw.publish(connection, "counter", "counted", "count me");
            for (int expected = 0; expected <= 2; expected++) {
                io.nats.client.Message delivered = inbox.nextMessage(ClientWaits.WAIT);
                MsgProto message = MsgProto.parseFrom(delivered.getData());
                assertEquals(1, message.getSequence());
                assertEquals(expected > 0, message.getRedelivered());
                assertEquals(expected, message.getRedeliveryCount());
            }
        }
    }

    /**
     * Three unacknowledged messages fill a window of three: the rest waits. A second subscription
     * of the same connection, served after the first, shows the server had them all to offer.
     */
    public void maxInFlightHoldsBackDeliveryUntilAcked() throws Exception {
        try (StreamingConnection connection = clients.connect()) {
            StanClients.Received window = new StanClients.Received();
            connection.subscribe("window", window, new SubscriptionOptions.Builder()
                    .manualAcks().maxInFlight(3).ackWait(Duration.ofSeconds(30)).build());
            for (int i = 1; i <= 10; i++) {
                connection.publish("window", bytes(Integer.toString(i)));
            }
            StanClients.Received witness = new StanClients.Received();
            connection.subscribe("window", witness, new SubscriptionOptions.Builder().deliverAllAvailable().build());
            witness.await(10);
            window.await(3);
            assertEquals(List.of(1L, 2L, 3L), window.sequences());

            window.messages().get(0).ack();
            window.await(4);
            assertEquals(4L, window.sequences().get(3));
        }
    }

    public void acknowledgingFreesTheWindowForTheRest() throws Exception {
        try (StreamingConnection connection = clients.connect()) {
            StanClients.Received received = StanClients.Received.acking();
            connection.subscribe("one.by.one", received, new SubscriptionOptions.Builder()
                    .manualAcks().maxInFlight(1).build());
            for (int i = 1; i <= 20; i++) {
                connection.publish("one.by.one", bytes(Integer.toString(i)));
            }
            received.await(20);
            assertEquals(LongStream.rangeClosed(1, 20).boxed().toList(), received.sequences());
        }
    }

    public void queueGroupGivesEachMessageToOneMember() throws Exception {
        try (StreamingConnection a = clients.connect(); StreamingConnection b = clients.connect()) {
            StanClients.Received first = new StanClients.Received();
            StanClients.Received second = new StanClients.Received();
            a.subscribe("work", "workers", first);
            b.subscribe("work", "workers", second);
            for (int i = 1; i <= 20; i++) {
                a.publish("work", bytes(Integer.toString(i)));
            }
            ClientWaits.await(() -> first.count() + second.count() >= 20, "the group received 20 messages");
            Set<Long> all = new TreeSet<>(first.sequences());
            all.addAll(second.sequences());
            assertEquals(20, all.size(), "no message went to both members");
            assertEquals(20, first.count() + second.count());
            assertTrue(first.count() > 0 && second.count() > 0, "both members got work");
        }
    }

    public void leavingMembersUnacknowledgedMessagesGoToTheOthers() throws Exception {
        try (StreamingConnection a = clients.connect(); StreamingConnection b = clients.connect()) {
            StanClients.Received hoarder = new StanClients.Received();
            StanClients.Received worker = new StanClients.Received();
            Subscription leaving = a.subscribe("jobs", "crew", hoarder, new SubscriptionOptions.Builder()
                    .manualAcks().ackWait(Duration.ofSeconds(30)).build());
            b.subscribe("jobs", "crew", worker);
            for (int i = 1; i <= 10; i++) {
                b.publish("jobs", bytes(Integer.toString(i)));
            }
            ClientWaits.await(() -> hoarder.count() + worker.count() >= 10, "the crew received 10 messages");
            assertTrue(hoarder.count() > 0, () -> "the leaving member holds unacknowledged messages: hoarder " + hoarder.sequences() + " worker " + worker.sequences());
            leaving.unsubscribe();
            ClientWaits.await(() -> new HashSet<>(worker.sequences()).size() == 10, "the worker has every message");
            Set<Long> handedOver = new HashSet<>(hoarder.sequences());
            assertTrue(worker.messages().stream()
                    .filter(message -> handedOver.contains(message.getSequence()))
                    .allMatch(Message::isRedelivered), "handed-over messages come flagged as redelivered");
        }
    }

    public void durableResumesAfterItsLastAcknowledgedMessage() throws Exception {
        SubscriptionOptions durable = new SubscriptionOptions.Builder().durableName("ledger").deliverAllAvailable()
                .manualAcks().build();
        try (StreamingConnection connection = clients.connect("bookkeeper")) {
            StanClients.Received received = StanClients.Received.acking();
            Subscription sub = connection.subscribe("entries", received, durable);
            for (int i = 1; i <= 5; i++) {
                connection.publish("entries", bytes(Integer.toString(i)));
            }
            received.await(5);
            sub.close();
        }
        try (StreamingConnection publisher = clients.connect()) {
            for (int i = 6; i <= 8; i++) {
                publisher.publish("entries", bytes(Integer.toString(i)));
            }
        }
        try (StreamingConnection connection = clients.connect("bookkeeper")) {
            StanClients.Received resumed = StanClients.Received.acking();
            connection.subscribe("entries", resumed, durable);
            connection.publish("entries", bytes("9"));
            resumed.await(4);
            assertEquals(List.of(6L, 7L, 8L, 9L), resumed.sequences());
        }
    }

    /** Messages sent and not acknowledged before the close come again, flagged, before new ones. */
    public void durableResumesWithWhatItDidNotAcknowledge() throws Exception {
        SubscriptionOptions durable = new SubscriptionOptions.Builder().durableName("careful")
                .deliverAllAvailable().manualAcks().ackWait(Duration.ofSeconds(30)).build();
        try (StreamingConnection connection = clients.connect("reader")) {
            StanClients.Received received = new StanClients.Received();
            connection.subscribe("pages", received, durable);
            for (int i = 1; i <= 5; i++) {
                connection.publish("pages", bytes(Integer.toString(i)));
            }
            List<Message> pages = received.await(5);
            for (Message page : pages.subList(0, 3)) {
                page.ack();
            }
            connection.getNatsConnection().flush(ClientWaits.WAIT);
        }
        try (StreamingConnection connection = clients.connect("reader")) {
            StanClients.Received resumed = StanClients.Received.acking();
            connection.subscribe("pages", resumed, durable);
            connection.publish("pages", bytes("6"));
            List<Message> messages = resumed.await(3);
            assertEquals(List.of(4L, 5L, 6L), resumed.sequences());
            assertTrue(messages.get(0).isRedelivered() && messages.get(1).isRedelivered());
            assertFalse(messages.get(2).isRedelivered());
        }
    }

    public void durableUnsubscribeDeletesItsPosition() throws Exception {
        SubscriptionOptions durable = new SubscriptionOptions.Builder().durableName("once").deliverAllAvailable().build();
        try (StreamingConnection connection = clients.connect("forgetful")) {
            StanClients.Received received = new StanClients.Received();
            Subscription sub = connection.subscribe("notes", received, durable);
            for (int i = 1; i <= 3; i++) {
                connection.publish("notes", bytes(Integer.toString(i)));
            }
            received.await(3);
            sub.unsubscribe();
            StanClients.Received again = new StanClients.Received();
            connection.subscribe("notes", again, durable);
            again.await(3);
            assertEquals(List.of(1L, 2L, 3L), again.sequences());
        }
    }

    public void aDurableCannotBeRegisteredTwice() throws Exception {
        SubscriptionOptions durable = new SubscriptionOptions.Builder().durableName("solo").build();
        try (StreamingConnection connection = clients.connect()) {
            connection.subscribe("solo", new StanClients.Received(), durable);
            IOException refused = assertThrows(IOException.class, () -> connection.subscribe("solo", new StanClients.Received(), durable));
            assertEquals("stan: duplicate durable registration", refused.getMessage());
        }
    }

    public void durableQueueGroupOutlivesItsLastMembersClose() throws Exception {
        SubscriptionOptions durable = new SubscriptionOptions.Builder().durableName("shift").deliverAllAvailable()
                .manualAcks().build();
        try (StreamingConnection connection = clients.connect()) {
            StanClients.Received received = StanClients.Received.acking();
            connection.subscribe("tasks", "night", received, durable);
            for (int i = 1; i <= 3; i++) {
                connection.publish("tasks", bytes(Integer.toString(i)));
            }
            received.await(3);
        }
        try (StreamingConnection publisher = clients.connect()) {
            publisher.publish("tasks", bytes("4"));
            publisher.publish("tasks", bytes("5"));
        }
        try (StreamingConnection connection = clients.connect()) {
            StanClients.Received next = StanClients.Received.acking();
            connection.subscribe("tasks", "night", next, durable);
            next.await(2);
            assertEquals(List.of(4L, 5L), next.sequences());
        }
    }
}

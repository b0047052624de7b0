package io.jstan.broker.testing;

import io.jstan.store.proto.ConnectResponse;
import io.jstan.store.proto.MsgProto;
import io.nats.client.Subscription;
import io.nats.streaming.Message;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.SubscriptionOptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static io.jstan.broker.testing.StanClients.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How a queue group shares its messages, as nats-streaming-server does it: each new message goes
 * to the member with the fewest unacknowledged messages that has room under its MaxInFlight and
 * whose client answers heartbeats (on a tie, the members take turns), and a message whose AckWait
 * expires goes again to the member then picked, flagged as redelivered. The same for plain and
 * durable queue groups.
 *
 * <p>Each member is a connection of its own, as a worker process would be. Messages are published
 * one at a time where the split depends on what each member holds when a message arrives.
 */
public final class StanQueueGroupScenarios {
    private static final String GROUP = "workers";
    private static final Duration LONG_ACK_WAIT = Duration.ofSeconds(30);
    private static final Duration SHORT_ACK_WAIT = Duration.ofSeconds(1);
    /** The heartbeat settings {@link #aMemberWhoseClientMissedAHeartbeatIsPassedOver} needs. */
    public static final Duration HEARTBEAT_INTERVAL = Duration.ofMillis(250);
    public static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(1);

    private final StanClients clients;
    private final boolean durable;

    /** {@code durable}: the members join a durable queue group. */
    public StanQueueGroupScenarios(StanClients clients, boolean durable) {
        this.clients = clients;
        this.durable = durable;
    }

    /**
     * Members that ack everything take turns: a stream of ten messages per member is split ten
     * each.
     */
    public void healthyMembersShareALiveStreamEvenly(int memberCount) throws Exception {
        List<StreamingConnection> connections = new ArrayList<>();
        try {
            List<StanClients.Received> members = new ArrayList<>();
            for (int i = 0; i < memberCount; i++) {
                StreamingConnection connection = clients.connect();
                connections.add(connection);
                StanClients.Received received = StanClients.Received.acking();
                connection.subscribe("stream", GROUP, received, member().manualAcks().build());
                members.add(received);
            }
            int count = 10 * memberCount;
            publishOneAtATime("stream", count, () -> members.stream().mapToInt(StanClients.Received::count).sum(),
                    connections.get(0), connections.toArray(StreamingConnection[]::new));
            assertEquals(Collections.nCopies(memberCount, 10), members.stream().map(StanClients.Received::count).toList(),
                    () -> "split " + members.stream().map(StanClients.Received::sequences).toList());
            assertAllDistinct(count, members.toArray(StanClients.Received[]::new));
        } finally {
            for (StreamingConnection connection : connections) {
                connection.close();
            }
        }
    }

    /**
     * A burst of messages published without waiting, each going to the member holding fewer
     * unacknowledged ones: with both members acking only once the burst is in, 102 messages split
     * 51/51.
     */
    public void membersShareABurstEvenly() throws Exception {
        try (StreamingConnection a = clients.connect(); StreamingConnection b = clients.connect()) {
            StanClients.Received first = new StanClients.Received();
            StanClients.Received second = new StanClients.Received();
            a.subscribe("backlog", GROUP, first, member().manualAcks().ackWait(LONG_ACK_WAIT).build());
            b.subscribe("backlog", GROUP, second, member().manualAcks().ackWait(LONG_ACK_WAIT).build());
            CountDownLatch acked = new CountDownLatch(102);
            for (int i = 1; i <= 102; i++) {
                a.publish("backlog", bytes(Integer.toString(i)), (guid, error) -> acked.countDown());
            }
            assertTrue(acked.await(ClientWaits.WAIT.toMillis(), TimeUnit.MILLISECONDS), "every message is stored");
            ClientWaits.await(() -> first.count() + second.count() >= 102, "the group received 102 messages");
            assertEquals(List.of(51, 51), List.of(first.count(), second.count()));
            assertAllDistinct(102, first, second);
            for (Message message : first.messages()) {
                message.ack();
            }
            for (Message message : second.messages()) {
                message.ack();
            }
        }
    }

    /**
     * A member that holds an unacknowledged message gets no new one while the other member holds
     * fewer: the other, acking each, gets the rest.
     */
    public void aSlowMemberGetsNoNewMessageWhileTheOtherHoldsFewer() throws Exception {
        try (StreamingConnection a = clients.connect(); StreamingConnection b = clients.connect()) {
            StanClients.Received slow = new StanClients.Received();
            StanClients.Received fast = StanClients.Received.acking();
            a.subscribe("chores", GROUP, slow, member().manualAcks().ackWait(LONG_ACK_WAIT).build());
            b.subscribe("chores", GROUP, fast, member().manualAcks().build());
            publishOneAtATime("chores", 20, () -> slow.count() + fast.count(), b, b);
            assertEquals(List.of(1L), slow.sequences(), () -> "the other member got " + fast.sequences());
            assertAllDistinct(20, slow, fast);
        }
    }

    /**
     * A member that never acks does not keep its message: once its AckWait expires, the message
     * goes to the member then holding fewer, flagged as redelivered, and not to it again.
     */
    public void aMemberThatNeverAcksHasItsMessagesRedeliveredToAnother() throws Exception {
        try (StreamingConnection a = clients.connect(); StreamingConnection b = clients.connect()) {
            StanClients.Received stuck = new StanClients.Received();
            StanClients.Received worker = StanClients.Received.acking();
            a.subscribe("orders", GROUP, stuck, member().manualAcks().ackWait(SHORT_ACK_WAIT).build());
            b.subscribe("orders", GROUP, worker, member().manualAcks().build());
            publishOneAtATime("orders", 6, () -> stuck.count() + worker.count(), b, b);
            assertEquals(List.of(1L), stuck.sequences(), () -> "the worker got " + worker.sequences());

            ClientWaits.await(() -> receivedSequences(worker).size() == 6,
                    "the worker has every message (it got " + worker.sequences() + ")");
            Message taken = worker.messages().get(5);
            assertEquals(1L, taken.getSequence());
            assertTrue(taken.isRedelivered());
            assertEquals(List.of(1L), stuck.sequences(), "nothing was redelivered to the stuck member");
        }
    }

    /**
     * A member with MaxInFlight 1 that does not ack gets nothing more while it holds its message,
     * whatever the other member holds; once its AckWait expires the message goes to the other one.
     */
    public void aMemberWithMaxInFlightOneHoldsOneMessageAtMost() throws Exception {
        try (StreamingConnection a = clients.connect(); StreamingConnection b = clients.connect()) {
            StanClients.Received single = new StanClients.Received();
            StanClients.Received worker = new StanClients.Received();
            a.subscribe("parcels", GROUP, single, member().manualAcks().maxInFlight(1).ackWait(SHORT_ACK_WAIT).build());
            b.subscribe("parcels", GROUP, worker, member().manualAcks().ackWait(LONG_ACK_WAIT).build());
            publishOneAtATime("parcels", 10, () -> single.count() + worker.count(), b);
            assertEquals(List.of(1L), single.sequences(), () -> "the other member got " + worker.sequences());
            assertEquals(LongStream.rangeClosed(2, 10).boxed().toList(), worker.sequences());

            ClientWaits.await(() -> receivedSequences(worker).size() == 10,
                    "the held message goes to the other member (it got " + worker.sequences() + ")");
            Message redelivered = worker.messages().get(9);
            assertEquals(1L, redelivered.getSequence());
            assertTrue(redelivered.isRedelivered());
            assertEquals(1, single.count(), () -> "the member with MaxInFlight 1 got " + single.sequences());
        }
    }

    /**
     * A member's connection closes while it holds unacknowledged messages: they go to the
     * remaining member with room, flagged as redelivered, not to the member whose MaxInFlight is
     * full.
     */
    public void aLeavingMembersMessagesGoToTheMemberWithRoom() throws Exception {
        try (StreamingConnection full = clients.connect(); StreamingConnection worker = clients.connect()) {
            StanClients.Received holdingOne = new StanClients.Received();
            full.subscribe("tickets", GROUP, holdingOne, member().manualAcks().maxInFlight(1).ackWait(LONG_ACK_WAIT).build());
            worker.publish("tickets", bytes("1"));
            holdingOne.await(1);

            StanClients.Received taken = StanClients.Received.acking();
            try (StreamingConnection leaver = clients.connect()) {
                StanClients.Received held = new StanClients.Received();
                leaver.subscribe("tickets", GROUP, held, member().manualAcks().ackWait(LONG_ACK_WAIT).build());
                for (int i = 2; i <= 5; i++) {
                    worker.publish("tickets", bytes(Integer.toString(i)));
                }
                held.await(4);
                assertEquals(List.of(2L, 3L, 4L, 5L), held.sequences());
                worker.subscribe("tickets", GROUP, taken, member().manualAcks().build());
            }
            taken.await(4);
            assertEquals(Set.of(2L, 3L, 4L, 5L), receivedSequences(taken),
                    () -> "the member with MaxInFlight 1 got " + holdingOne.sequences());
            assertTrue(taken.messages().stream().allMatch(Message::isRedelivered));
            assertEquals(List.of(1L), holdingOne.sequences());
        }
    }

    /**
     * The count of redeliveries belongs to the group: a message that passes from member to member
     * (each with MaxInFlight 1, neither acking) comes with the count going on. The official client
     * does not show it, so read the wire.
     */
    public void redeliveryCountGoesOnFromMemberToMember() throws Exception {
        try (StanRaw raw = new StanRaw(clients.natsUrl())) {
            ConnectResponse connection = raw.connectDeaf("alpha");
            raw.connectDeaf("beta");
            Subscription alpha = raw.nats().subscribe("_INBOX.alpha");
            Subscription beta = raw.nats().subscribe("_INBOX.beta");
            String queue = durable ? "shift" : "";
            raw.subscribe("alpha", "relay", "_INBOX.alpha", 1,
                    request -> request.setQGroup(GROUP).setDurableName(queue).setMaxInFlight(1));
            raw.subscribe("beta", "relay", "_INBOX.beta", 1,
                    request -> request.setQGroup(GROUP).setDurableName(queue).setMaxInFlight(1));
            raw.publish(connection, "alpha", "relay", "baton");
            for (int count = 0; count <= 3; count++) {
                Subscription holder = count % 2 == 0 ? alpha : beta;
                MsgProto message = MsgProto.parseFrom(ClientWaits.next(holder, "delivery " + count).getData());
                assertEquals(1, message.getSequence());
                assertEquals(count > 0, message.getRedelivered());
                assertEquals(count, message.getRedeliveryCount());
            }
        }
    }

    /**
     * A member whose client missed a heartbeat is passed over while another member has room, even
     * one holding more unacknowledged messages. Needs a server with {@link #HEARTBEAT_INTERVAL},
     * {@link #HEARTBEAT_TIMEOUT} and a hb_fail_count that keeps the silent client registered
     * meanwhile.
     */
    public void aMemberWhoseClientMissedAHeartbeatIsPassedOver() throws Exception {
        try (StanRaw raw = new StanRaw(clients.natsUrl()); StreamingConnection b = clients.connect()) {
            StanClients.Received busy = new StanClients.Received();
            b.subscribe("alerts", GROUP, busy, member().manualAcks().ackWait(LONG_ACK_WAIT).build());
            raw.connectDeaf("silent");
            Subscription heartbeats = raw.nats().subscribe("_INBOX.deaf.silent");
            Subscription silentInbox = raw.nats().subscribe("_INBOX.silent");
            String queue = durable ? "shift" : "";
            raw.subscribe("silent", "alerts", "_INBOX.silent", 30,
                    request -> request.setQGroup(GROUP).setDurableName(queue));
            // Heartbeats go out every interval, answered or not: this one comes after the first timed out.
            long beatsUntilAFailure = 2 + HEARTBEAT_TIMEOUT.toMillis() / HEARTBEAT_INTERVAL.toMillis();
            for (long beat = 1; beat <= beatsUntilAFailure; beat++) {
                ClientWaits.next(heartbeats, "heartbeat " + beat);
            }

            publishOneAtATime("alerts", 3, () -> busy.count() + (int) silentInbox.getPendingMessageCount(), b);
            assertEquals(0, silentInbox.getPendingMessageCount(), "messages sent to the silent member");
            assertEquals(List.of(1L, 2L, 3L), busy.sequences());
        }
    }

    private SubscriptionOptions.Builder member() {
        SubscriptionOptions.Builder options = new SubscriptionOptions.Builder();
        return durable ? options.durableName("shift") : options;
    }

    /**
     * Publishes {@code count} messages, each once the group received the one before and the
     * members' acks of it reached the server (a PING round trip on each member's connection).
     */
    private static void publishOneAtATime(String channel, int count, IntSupplier received,
                                          StreamingConnection publisher, StreamingConnection... members) throws Exception {
        for (int i = 1; i <= count; i++) {
            publisher.publish(channel, bytes(Integer.toString(i)));
            int expected = i;
            ClientWaits.await(() -> received.getAsInt() >= expected, "message " + i + " reaches a member");
            for (StreamingConnection member : members) {
                member.getNatsConnection().flush(ClientWaits.WAIT);
            }
        }
    }

    private static Set<Long> receivedSequences(StanClients.Received received) {
        return new HashSet<>(received.sequences());
    }

    private static void assertAllDistinct(int count, StanClients.Received... members) {
        Set<Long> all = new TreeSet<>();
        int total = 0;
        for (StanClients.Received member : members) {
            all.addAll(member.sequences());
            total += member.count();
        }
        assertEquals(count, total, "each message went to one member once");
        assertEquals(LongStream.rangeClosed(1, count).boxed().collect(Collectors.toCollection(TreeSet::new)), all);
    }
}

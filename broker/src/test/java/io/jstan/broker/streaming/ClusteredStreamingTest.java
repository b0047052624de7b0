package io.jstan.broker.streaming;

import io.jstan.broker.streaming.InProcessCluster.Node;
import io.jstan.broker.testing.StanClients;
import io.jstan.broker.testing.TestDirectories;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.SubscriptionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.stream.LongStream;

import static io.jstan.broker.testing.ClientWaits.await;
import static io.jstan.broker.testing.StanClients.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Three clustered nodes in this JVM, with the official java-nats-streaming client connected to a
 * node's NATS server: one node serves, all hold the same data, and the cluster goes on when a node
 * stops.
 */
@Timeout(120)
class ClusteredStreamingTest {
    @RegisterExtension
    final InProcessCluster cluster = new InProcessCluster();

    @Test
    void aClientOfAFollowerPublishesAndSubscribesThroughTheLeader() throws Exception {
        cluster.start(3);
        Node follower = cluster.follower();
        try (StreamingConnection connection = follower.clients().connect()) {
            publish(connection, "orders", 1, 10);
            StanClients.Received received = new StanClients.Received();
            connection.subscribe("orders", received, new SubscriptionOptions.Builder().deliverAllAvailable().build());
            received.await(10);
            assertEquals(LongStream.rangeClosed(1, 10).boxed().toList(), received.sequences());
        }
        assertEquals(1, cluster.running().stream().filter(Node::serves).count(), "only the leader serves");
        awaitSameMessages("orders", 10);
    }

    @Test
    void whenTheLeaderStopsAnotherServesWithEverythingAcknowledged() throws Exception {
        cluster.start(3);
        Node first = cluster.awaitLeader();
        Node follower = cluster.follower();
        try (StreamingConnection connection = follower.clients().connect("survivor")) {
            StanClients.Received received = StanClients.Received.acking();
            connection.subscribe("orders", received, new SubscriptionOptions.Builder()
                    .durableName("dur").manualAcks().deliverAllAvailable().build());
            publish(connection, "orders", 1, 20);
            received.await(20);

            first.stop();
            Node second = cluster.awaitLeader();
            assertNotEquals(first, second);
            publish(connection, "orders", 21, 40);
            await(() -> received.texts().stream().distinct().count() == 40, "the durable gets all 40 messages");
            List<String> texts = received.texts().stream().distinct().toList();
            assertEquals(LongStream.rangeClosed(1, 40).mapToObj(i -> "order " + i).toList(), texts,
                    "the durable gets every message, in order (a redelivery may repeat one)");
        }
        awaitSameMessages("orders", 40);
    }

    @Test
    void aStoppedFollowerCatchesUpWhenItComesBack() throws Exception {
        cluster.start(3);
        Node follower = cluster.follower();
        follower.stop();
        Node leader = cluster.awaitLeader();
        try (StreamingConnection connection = leader.clients().connect()) {
            publish(connection, "orders", 1, 50);
        }
        cluster.restart(follower);
        awaitSameMessages("orders", 50);
    }

    @Test
    void aFollowerThatLostItsDirectoriesRejoinsFromASnapshot() throws Exception {
        cluster.start(3);
        Node leader = cluster.awaitLeader();
        Node follower = cluster.follower();
        try (StreamingConnection connection = leader.clients().connect()) {
            publish(connection, "orders", 1, 30);
        }
        leader.raft().snapshot().get();
        cluster.running().stream().filter(node -> node != leader).forEach(node -> snapshot(node));
        follower.stop();
        TestDirectories.deleteRecursively(follower.storeDir);
        TestDirectories.deleteRecursively(follower.logDir);
        cluster.restart(follower);
        awaitSameMessages("orders", 30);
    }

    private static void snapshot(Node node) {
        try {
            node.raft().snapshot().get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void publish(StreamingConnection connection, String channel, int from, int to) throws Exception {
        for (int i = from; i <= to; i++) {
            connection.publish(channel, bytes("order " + i));
        }
    }

    /** Every running node's store holds {@code count} messages on the channel. */
    private void awaitSameMessages(String channel, long count) {
        await(() -> cluster.running().stream().allMatch(node -> messages(node, channel) == count),
                "every node holds " + count + " messages on " + channel);
    }

    private static long messages(Node node, String channel) {
        return node.streaming().channels().stream().filter(view -> view.name().equals(channel))
                .mapToLong(ChannelView::messages).findFirst().orElse(0);
    }
}

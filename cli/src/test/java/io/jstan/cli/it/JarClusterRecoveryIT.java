package io.jstan.cli.it;

import io.jstan.broker.testing.ClientWaits;
import io.jstan.broker.testing.StanClients;
import io.jstan.broker.testing.TestDirectories;
import io.jstan.cli.it.JarCluster.Member;
import io.nats.client.Connection;
import io.nats.streaming.NatsStreaming;
import io.nats.streaming.Options;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.Subscription;
import io.nats.streaming.SubscriptionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.IntStream;

import static io.jstan.broker.testing.StanClients.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A cluster of jars comes back from what a machine does to it: every node killed at once, a
 * follower killed while the others go on, a follower that lost its directories. Each time every
 * acknowledged message and every durable position is there, on every node.
 */
@Timeout(600)
class JarClusterRecoveryIT {
    private static final Duration CAUGHT_UP = Duration.ofSeconds(60);
    private static final String CHANNEL = "orders";

    @TempDir
    Path dir;

    @Test
    void allNodesKilledAtOnceComeBackWithEveryMessageAndDurablePosition() throws Exception {
        try (JarCluster cluster = JarCluster.start(dir, 3)) {
            // The durable is the client ID's: the same client ID resumes it.
            try (Connection nats = cluster.connect("reader"); StreamingConnection client = connect(nats, "reader")) {
                publish(client, 1, 100);
                consumeDurable(client, 60);
            }
            for (Member member : cluster.running()) {
                member.kill();
            }
            for (Member member : cluster.members()) {
                member.start();
            }
            cluster.awaitServed();
            try (Connection nats = cluster.connect("reader"); StreamingConnection client = connect(nats, "reader")) {
                StanClients.Received rest = StanClients.Received.acking();
                client.subscribe(CHANNEL, rest, new SubscriptionOptions.Builder().durableName("dur").manualAcks().build());
                rest.await(40);
                assertEquals(IntStream.rangeClosed(61, 100).mapToObj(i -> "order " + i).toList(), rest.texts(),
                        "the durable resumes after its last ack");
                publish(client, 101, 110);
            }
            cluster.awaitChannelEverywhere(CHANNEL, 110, CAUGHT_UP);
        }
    }

    @Test
    void aKilledFollowerCatchesUpWithWhatItMissed() throws Exception {
        try (JarCluster cluster = JarCluster.start(dir, 3)) {
            Member leader = cluster.awaitLeader();
            Member follower = cluster.running().stream().filter(m -> m != leader).findFirst().orElseThrow();
            follower.kill();
            try (Connection nats = cluster.connect("publisher"); StreamingConnection client = connect(nats, "publisher")) {
                publish(client, 1, 300);
            }
            follower.start();
            cluster.awaitChannelEverywhere(CHANNEL, 300, CAUGHT_UP);
        }
    }

    @Test
    void aFollowerThatLostItsDirectoriesRejoinsFromASnapshot() throws Exception {
        try (JarCluster cluster = JarCluster.start(dir, 3, "--cluster_trailing_logs", "0")) {
            try (Connection nats = cluster.connect("publisher"); StreamingConnection client = connect(nats, "publisher")) {
                // Two snapshots: SOFAJRaft trims the log up to the one before the last.
                publish(client, 1, 100);
                snapshotEveryNode(cluster);
                publish(client, 101, 200);
                snapshotEveryNode(cluster);
            }
            Member leader = cluster.awaitLeader();
            Member follower = cluster.running().stream().filter(m -> m != leader).findFirst().orElseThrow();
            follower.stop();
            TestDirectories.deleteRecursively(follower.dir);
            follower.start();
            cluster.awaitChannelEverywhere(CHANNEL, 200, CAUGHT_UP);
            assertTrue(follower.jar().output().contains("Raft: restoring the store from the snapshot"),
                    () -> "the follower installed a snapshot:\n" + follower.jar().output());
        }
    }

    private static void snapshotEveryNode(JarCluster cluster) throws Exception {
        try (JstanJar tool = JstanJar.launch("cluster", "-s", cluster.members().get(0).url(), "snapshot")) {
            assertEquals(0, tool.awaitExit(CAUGHT_UP), tool::output);
        }
    }

    private static StreamingConnection connect(Connection nats, String clientId) throws Exception {
        return NatsStreaming.connect(StanClients.CLUSTER_ID, clientId, new Options.Builder().natsConn(nats)
                .connectWait(Duration.ofSeconds(10)).pubAckWait(Duration.ofSeconds(10)).build());
    }

    private static void publish(StreamingConnection client, int from, int to) throws Exception {
        for (int i = from; i <= to; i++) {
            client.publish(CHANNEL, bytes("order " + i));
        }
    }

    /**
     * A durable that acks the first {@code count} messages, then closes (keeping its position); what
     * the server sends it before the close stays unacknowledged.
     */
    private static void consumeDurable(StreamingConnection client, int count) throws Exception {
        StanClients.Received first = StanClients.Received.ackingFirst(count);
        Subscription durable = client.subscribe(CHANNEL, first, new SubscriptionOptions.Builder()
                .durableName("dur").manualAcks().maxInFlight(1).deliverAllAvailable().build());
        first.await(count);
        durable.close();
        assertEquals(IntStream.rangeClosed(1, count).mapToObj(i -> "order " + i).toList(), first.texts().subList(0, count));
    }
}

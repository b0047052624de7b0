package io.jstan.cli.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.jstan.broker.testing.ClientWaits;
import io.jstan.broker.testing.StanClients;
import io.jstan.cli.it.JarCluster.Member;
import io.nats.client.Connection;
import io.nats.streaming.Message;
import io.nats.streaming.NatsStreaming;
import io.nats.streaming.Options;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.SubscriptionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.jstan.broker.testing.StanClients.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A cluster of three jars rides through ten {@code kill -9}s of its leader while an async publisher
 * and a durable subscriber run, connected through NATS to whichever node is up: every
 * acknowledged message is stored once, in sequence, on every node, and the durable gets it.
 */
@Timeout(900)
class JarClusterFailoverIT {
    private static final int LEADER_KILLS = 10;
    /** Acknowledged publishes to wait for before each kill, and at the end: publishing resumed. */
    private static final int ACKS_BETWEEN_KILLS = 300;
    private static final Duration RESUMED = Duration.ofSeconds(60);
    private static final String CHANNEL = "orders";

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedMessageSurvivesRepeatedLeaderKills() throws Exception {
        try (JarCluster cluster = JarCluster.start(dir, 3);
             Connection publisherNats = cluster.connect("publisher");
             Connection subscriberNats = cluster.connect("subscriber")) {
            StreamingConnection subscriber = NatsStreaming.connect(StanClients.CLUSTER_ID, "subscriber", options(subscriberNats));
            Set<String> delivered = ConcurrentHashMap.newKeySet();
            subscriber.subscribe(CHANNEL, message -> {
                try {
                    message.ack();
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
                delivered.add(StanClients.text(message));
            }, new SubscriptionOptions.Builder().durableName("dur").manualAcks().deliverAllAvailable()
                    .ackWait(Duration.ofSeconds(2)).build());

            StreamingConnection publisher = NatsStreaming.connect(StanClients.CLUSTER_ID, "publisher", options(publisherNats));
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicBoolean publishing = new AtomicBoolean(true);
            Thread publishes = new Thread(() -> publishUntilStopped(publisher, acknowledged, publishing), "publisher");
            publishes.start();

            for (int kill = 0; kill < LEADER_KILLS; kill++) {
                awaitMoreAcks(acknowledged, ACKS_BETWEEN_KILLS);
                Member leader = cluster.awaitLeader();
                leader.kill();
                cluster.awaitLeaderOtherThan(leader);
                leader.start();
            }
            awaitMoreAcks(acknowledged, ACKS_BETWEEN_KILLS);
            publishing.set(false);
            publishes.join();

            ClientWaits.await(RESUMED, () -> delivered.containsAll(acknowledged),
                    () -> "the durable gets every acknowledged message (" + missing(acknowledged, delivered) + " missing)");
            assertStoredOnceInSequence(cluster, acknowledged);
            ClientWaits.await(RESUMED, () -> sameChannelOnEveryNode(cluster), () -> "every node holds the same channel");
            subscriber.close();
            publisher.close();
        }
    }

    private static Options options(Connection nats) {
        return new Options.Builder().natsConn(nats).connectWait(Duration.ofSeconds(10)).pubAckWait(Duration.ofSeconds(5))
                .maxPubAcksInFlight(256).build();
    }

    /** Publishes asynchronously; a message counts once its PubAck came back without an error. */
    private static void publishUntilStopped(StreamingConnection publisher, Set<String> acknowledged, AtomicBoolean publishing) {
        for (int i = 0; publishing.get(); i++) {
            String payload = "order " + i;
            try {
                publisher.publish(CHANNEL, bytes(payload), (guid, error) -> {
                    if (error == null) {
                        acknowledged.add(payload);
                    }
                });
            } catch (Exception e) {
                // Not acknowledged: the test only holds the cluster to the messages it acknowledged.
            }
        }
    }

    private static void awaitMoreAcks(Set<String> acknowledged, int more) {
        int target = acknowledged.size() + more;
        ClientWaits.await(RESUMED, () -> acknowledged.size() >= target,
                () -> "publishing resumes (" + acknowledged.size() + " of " + target + " acknowledged)");
    }

    private static long missing(Set<String> acknowledged, Set<String> delivered) {
        return acknowledged.stream().filter(payload -> !delivered.contains(payload)).count();
    }

    /** Read from the start by a new subscriber: sequences 1, 2, 3... each payload once, every acknowledged one there. */
    private static void assertStoredOnceInSequence(JarCluster cluster, Set<String> acknowledged) throws Exception {
        long last = lastSequence(cluster.awaitServed());
        try (Connection nats = cluster.connect("reader");
             StreamingConnection reader = NatsStreaming.connect(StanClients.CLUSTER_ID, "reader", options(nats))) {
            StanClients.Received all = new StanClients.Received();
            reader.subscribe(CHANNEL, all, new SubscriptionOptions.Builder().deliverAllAvailable().build());
            ClientWaits.await(RESUMED, () -> all.count() >= last, () -> "the reader gets all " + last + " messages");
            List<Message> messages = all.messages();
            Set<String> stored = new HashSet<>();
            for (int i = 0; i < messages.size(); i++) {
                assertEquals(i + 1, messages.get(i).getSequence(), "sequences follow each other");
                assertTrue(stored.add(StanClients.text(messages.get(i))), "stored twice: " + StanClients.text(messages.get(i)));
            }
            assertTrue(stored.containsAll(acknowledged), missing(acknowledged, stored) + " acknowledged messages lost");
        }
    }

    private static long lastSequence(Member member) {
        JsonNode channel = member.monitoring("/streaming/channelsz?channel=" + CHANNEL);
        return channel == null ? -1 : channel.path("last_seq").asLong(-1);
    }

    private static boolean sameChannelOnEveryNode(JarCluster cluster) {
        return cluster.running().stream().map(JarClusterFailoverIT::lastSequence).distinct().count() == 1;
    }
}

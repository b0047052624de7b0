package io.jstan.cli.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.jstan.broker.testing.ClientWaits;
import io.jstan.broker.testing.StanClients;
import io.jstan.broker.testing.TestDirectories;
import io.jstan.cli.it.JarCluster.Member;
import io.jstan.store.sql.PostgresTestServer;
import io.jstan.store.sql.SqlStoreOptions;
import io.jstan.store.sql.TestDatabaseServer;
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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.jstan.broker.testing.StanClients.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A cluster of three jars, each node's SQL store in a PostgreSQL database of its own: the leader is
 * killed ({@code kill -9}) under an async publisher, and every acknowledged message is there once, in
 * sequence, after the failover. The killed node then comes back on an empty database with no Raft
 * directory, as on a new machine, and gets everything from the new leader's snapshot, the log before
 * it being trimmed.
 */
@Timeout(300)
class JarSqlClusterIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String CHANNEL = "orders";

    @TempDir
    Path dir;

    private final TestDatabaseServer server = PostgresTestServer.shared();
    private final Map<String, SqlStoreOptions> databases = new ConcurrentHashMap<>();

    @Test
    void everyAcknowledgedMessageSurvivesTheLeadersKillAndANodeOnAnEmptyDatabaseRejoinsFromASnapshot() throws Exception {
        try (JarCluster cluster = JarCluster.withStores(dir, 3, this::sqlStore, "--cluster_trailing_logs", "0");
             Connection nats = cluster.connect("publisher")) {
            StreamingConnection publisher = NatsStreaming.connect(StanClients.CLUSTER_ID, "publisher", options(nats));
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicBoolean publishing = new AtomicBoolean(true);
            Thread publishes = new Thread(() -> publishUntilStopped(publisher, acknowledged, publishing), "publisher");
            publishes.start();
            // Two snapshots under load: SOFAJRaft trims the log up to the one before the last.
            awaitMoreAcks(acknowledged, 300);
            snapshotEveryNode(cluster);
            awaitMoreAcks(acknowledged, 300);
            snapshotEveryNode(cluster);
            Member killed = cluster.awaitLeader();
            killed.kill();
            cluster.awaitLeaderOtherThan(killed);
            awaitMoreAcks(acknowledged, 300);
            publishing.set(false);
            publishes.join();
            // Acknowledged once every publish before it was answered.
            publisher.publish(CHANNEL, bytes("end"));
            publisher.close();
            long last = assertStoredOnceInSequence(cluster, acknowledged);

            databases.put(killed.id, server.newDatabase());
            TestDirectories.deleteRecursively(killed.dir);
            killed.start();
            cluster.awaitChannelEverywhere(CHANNEL, last, WAIT);
            assertTrue(killed.jar().output().contains("Raft: restoring the store from the snapshot"),
                    () -> "the node installed the leader's snapshot:\n" + killed.jar().output());
        }
    }

    /** The node's store: its own database, and the Raft log in its directory. */
    private List<String> sqlStore(Member member) {
        SqlStoreOptions database = databases.computeIfAbsent(member.id, id -> server.newDatabase());
        return List.of("-st", "SQL", "--sql_driver", "postgres", "--sql_source", server.natsStreamingSource(database),
                "--cluster_log_path", member.dir.resolve("raft").toString());
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
        ClientWaits.await(WAIT, () -> acknowledged.size() >= target,
                () -> "publishing goes on (" + acknowledged.size() + " of " + target + " acknowledged)");
    }

    /** Read from the start: sequences 1, 2, 3... each payload once, every acknowledged one there; returns the last sequence. */
    private static long assertStoredOnceInSequence(JarCluster cluster, Set<String> acknowledged) throws Exception {
        long last = lastSequence(cluster.awaitServed());
        try (Connection nats = cluster.connect("reader");
             StreamingConnection reader = NatsStreaming.connect(StanClients.CLUSTER_ID, "reader", options(nats))) {
            StanClients.Received all = new StanClients.Received();
            reader.subscribe(CHANNEL, all, new SubscriptionOptions.Builder().deliverAllAvailable().build());
            ClientWaits.await(WAIT, () -> all.count() >= last, () -> "the reader gets all " + last + " messages");
            List<Message> messages = all.messages();
            Set<String> stored = new HashSet<>();
            for (int i = 0; i < messages.size(); i++) {
                assertEquals(i + 1, messages.get(i).getSequence(), "sequences follow each other");
                assertTrue(stored.add(StanClients.text(messages.get(i))), "stored twice: " + StanClients.text(messages.get(i)));
            }
            long lost = acknowledged.stream().filter(payload -> !stored.contains(payload)).count();
            assertEquals(0, lost, "acknowledged messages lost");
        }
        return last;
    }

    private static void snapshotEveryNode(JarCluster cluster) throws Exception {
        try (JstanJar tool = JstanJar.launch("cluster", "-s", cluster.running().get(0).url(), "snapshot")) {
            assertEquals(0, tool.awaitExit(WAIT), tool::output);
        }
    }

    private static long lastSequence(Member member) {
        JsonNode channel = member.monitoring("/streaming/channelsz?channel=" + CHANNEL);
        return channel == null ? -1 : channel.path("last_seq").asLong(-1);
    }
}

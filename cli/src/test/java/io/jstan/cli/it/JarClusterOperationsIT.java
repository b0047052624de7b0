package io.jstan.cli.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.jstan.broker.testing.ClientWaits;
import io.jstan.broker.testing.ReferenceNatsServer;
import io.jstan.broker.testing.StanClients;
import io.jstan.cli.it.JarCluster.Member;
import io.nats.client.Connection;
import io.nats.streaming.NatsStreaming;
import io.nats.streaming.Options;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.SubscriptionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static io.jstan.broker.testing.StanClients.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Running a cluster of jars: forming it by bootstrap and join, changing its members and its leader
 * with {@code jstan cluster}, restarting its nodes one by one with SIGTERM without a publish
 * failing, and a leader cut off ({@code SIGSTOP}) whose place is taken.
 */
@Timeout(600)
class JarClusterOperationsIT {
    private static final Duration TOOL = Duration.ofSeconds(60);
    private static final String CHANNEL = "orders";

    @TempDir
    Path dir;

    @Test
    void nodesWithoutPeersJoinABootstrappedOne() throws Exception {
        try (JarCluster cluster = JarCluster.bootstrapped(dir, 3)) {
            ClientWaits.await(JarCluster.ELECTED, () -> cluster.statuses().stream().allMatch(s -> s.getMembersCount() == 3),
                    () -> "every node has three members: " + cluster.statuses());
            String status = tool(cluster, "status");
            assertTrue(status.contains("leader a"), status);
            for (String id : List.of("a", "b", "c")) {
                assertTrue(status.lines().anyMatch(line -> line.startsWith(id + " ")), () -> id + " listed:\n" + status);
            }
            assertPublishAndRead(cluster, 20);
        }
    }

    @Test
    void monitoringShowsEachNodesRoleAndTheCluster() throws Exception {
        try (JarCluster cluster = JarCluster.start(dir, 3)) {
            Member leader = cluster.awaitLeader();
            assertPublishAndRead(cluster, 5);
            cluster.awaitCaughtUp();
            for (Member member : cluster.running()) {
                JsonNode serverz = member.monitoring("/streaming/serverz");
                assertEquals("CLUSTERED", serverz.path("state").asText());
                assertEquals(member.id, serverz.path("node_id").asText());
                assertEquals(member == leader ? "Leader" : "Follower", serverz.path("role").asText());
            }
            JsonNode clusterz = cluster.members().get(1).monitoring("/streaming/clusterz");
            assertEquals(leader.id, clusterz.path("leader").asText(), clusterz::toPrettyString);
            assertEquals(3, clusterz.path("peers").size(), clusterz::toPrettyString);
            for (JsonNode peer : clusterz.path("peers")) {
                assertTrue(peer.path("reachable").asBoolean(), clusterz::toPrettyString);
                assertEquals(0, peer.path("lag").asLong(), clusterz::toPrettyString);
            }
            String metrics = leader.jar() == null ? "" : metrics(leader);
            assertTrue(metrics.contains("jstan_raft_leader 1.0"), metrics);
            assertTrue(metrics.lines().anyMatch(line -> line.startsWith("jstan_raft_proposals_total ")), metrics);
        }
    }

    @Test
    void aNodeIsReadyWithALeaderAndItsLogApplied() throws Exception {
        try (JarCluster cluster = JarCluster.start(dir, 3)) {
            Member leader = cluster.awaitServed();
            for (Member member : cluster.members()) {
                awaitReadiness(member, "200 ready");
            }
            List<Member> followers = cluster.members().stream().filter(m -> m != leader).toList();
            Member restarted = followers.get(0);
            Member alone = followers.get(1);
            leader.kill();
            restarted.kill();
            awaitReadiness(alone, "503 not ready: no leader");
            restarted.start();
            cluster.awaitServed();
            awaitReadiness(alone, "200 ready");
            awaitReadiness(restarted, "200 ready");
        }
    }

    private static void awaitReadiness(Member member, String answer) {
        ClientWaits.await(JarCluster.ELECTED, () -> member.plainMonitoring("/streaming/isready").equals(answer),
                () -> member + " answers " + answer + " on /streaming/isready, not " + member.plainMonitoring("/streaming/isready"));
    }

    private static String metrics(Member member) throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + member.monitorPort + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    @Test
    void theCliMovesLeadershipAndRemovesAndAddsAMember() throws Exception {
        try (JarCluster cluster = JarCluster.start(dir, 3, "--cluster_allow_add_remove_node")) {
            Member leader = cluster.awaitLeader();
            Member other = cluster.running().stream().filter(m -> m != leader).findFirst().orElseThrow();
            tool(cluster, "transfer", other.id);
            assertEquals(other, cluster.awaitLeaderOtherThan(leader));

            Member removed = leader;
            tool(cluster, "remove", removed.id);
            ClientWaits.await(JarCluster.ELECTED, () -> cluster.statuses().stream()
                    .filter(s -> !s.getNodeId().equals(removed.id)).allMatch(s -> s.getMembersCount() == 2),
                    () -> "the others have two members: " + cluster.statuses());
            assertPublishAndRead(cluster, 10);

            tool(cluster, "add", removed.id + "@" + removed.raftAddress());
            ClientWaits.await(JarCluster.ELECTED, () -> cluster.statuses().stream().allMatch(s -> s.getMembersCount() == 3),
                    () -> "every node has three members again: " + cluster.statuses());
            cluster.awaitCaughtUp();
        }
    }

    @Test
    void aRollingRestartBySigtermFailsNoPublish() throws Exception {
        try (ReferenceNatsServer nats = ReferenceNatsServer.start();
             JarCluster cluster = JarCluster.onExternalNats(dir, 3, nats.url())) {
            try (Connection connection = cluster.connect("publisher");
                 StreamingConnection publisher = NatsStreaming.connect(StanClients.CLUSTER_ID, "publisher",
                         new Options.Builder().natsConn(connection).pubAckWait(Duration.ofSeconds(10)).build())) {
                List<String> published = new ArrayList<>();
                Set<String> acknowledged = ConcurrentHashMap.newKeySet();
                AtomicReference<String> failure = new AtomicReference<>();
                AtomicBoolean running = new AtomicBoolean(true);
                Thread publishing = new Thread(() -> {
                    for (int i = 0; running.get() && failure.get() == null; i++) {
                        String payload = "order " + i;
                        try {
                            publisher.publish(CHANNEL, bytes(payload));
                            published.add(payload);
                            acknowledged.add(payload);
                        } catch (Exception e) {
                            failure.compareAndSet(null, payload + ": " + e);
                        }
                    }
                }, "publisher");
                publishing.start();
                for (Member member : cluster.members()) {
                    awaitMoreAcks(acknowledged, 100, failure);
                    member.stop();
                    member.start();
                    cluster.awaitLeader();
                    cluster.awaitCaughtUp();
                }
                awaitMoreAcks(acknowledged, 100, failure);
                running.set(false);
                publishing.join();
                assertNull(failure.get(), "a publish failed");
                assertStoredInOrder(publisher, published);
            }
        }
    }

    @Test
    void aFrozenLeaderIsReplacedAndStepsDownWhenItComesBack() throws Exception {
        try (JarCluster cluster = JarCluster.start(dir, 3)) {
            Member frozen = cluster.awaitLeader();
            List<Member> others = cluster.running().stream().filter(m -> m != frozen).toList();
            try (Connection nats = io.nats.client.Nats.connect(others.get(0).url());
                 StreamingConnection client = connect(nats, "survivor")) {
                frozen.jar().freeze();
                ClientWaits.await(JarCluster.ELECTED, () -> statusesOf(cluster, others).stream()
                        .anyMatch(s -> s.getRole().equals("Leader")), () -> "the others elect: " + cluster.roles());
                for (int i = 1; i <= 20; i++) {
                    client.publish(CHANNEL, bytes("order " + i));
                }
                frozen.jar().thaw();
                Member leader = cluster.awaitLeader();
                assertNotEquals(frozen, leader, "the frozen leader stepped down");
                cluster.awaitCaughtUp();
                StanClients.Received all = new StanClients.Received();
                client.subscribe(CHANNEL, all, new SubscriptionOptions.Builder().deliverAllAvailable().build());
                all.await(20);
                assertEquals(JarClusterOperationsIT.orders(1, 20), all.texts());
            }
        }
    }

    private static List<io.jstan.raft.proto.NodeStatus> statusesOf(JarCluster cluster, List<Member> members) {
        return cluster.statuses().stream().filter(s -> members.stream().anyMatch(m -> m.id.equals(s.getNodeId()))).toList();
    }

    private static String tool(JarCluster cluster, String... action) throws Exception {
        List<String> args = new ArrayList<>(List.of("cluster", "-s", cluster.awaitLeader().url()));
        args.addAll(List.of(action));
        try (JstanJar tool = JstanJar.launch(args.toArray(String[]::new))) {
            assertEquals(0, tool.awaitExit(TOOL), tool::output);
            return tool.output();
        }
    }

    private static StreamingConnection connect(Connection nats, String clientId) throws Exception {
        return NatsStreaming.connect(StanClients.CLUSTER_ID, clientId, new Options.Builder().natsConn(nats)
                .connectWait(Duration.ofSeconds(10)).pubAckWait(Duration.ofSeconds(10)).build());
    }

    private static void assertPublishAndRead(JarCluster cluster, int count) throws Exception {
        try (Connection nats = cluster.connect("reader"); StreamingConnection client = connect(nats, "reader")) {
            for (int i = 1; i <= count; i++) {
                client.publish("check", bytes("check " + i));
            }
            StanClients.Received all = new StanClients.Received();
            client.subscribe("check", all, new SubscriptionOptions.Builder().deliverAllAvailable().build());
            all.await(count);
            assertEquals(count, all.texts().stream().filter(text -> text.startsWith("check ")).distinct().count());
        }
    }

    private static void awaitMoreAcks(Set<String> acknowledged, int more, AtomicReference<String> failure) {
        int target = acknowledged.size() + more;
        ClientWaits.await(JarCluster.ELECTED, () -> acknowledged.size() >= target || failure.get() != null,
                () -> acknowledged.size() + " of " + target + " acknowledged");
        assertNull(failure.get(), "a publish failed");
    }

    private static void assertStoredInOrder(StreamingConnection client, List<String> published) {
        StanClients.Received all = new StanClients.Received();
        try {
            client.subscribe(CHANNEL, all, new SubscriptionOptions.Builder().deliverAllAvailable().build());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        all.await(published.size());
        List<String> stored = all.texts();
        for (int i = 0; i < published.size(); i++) {
            int at = i;
            assertEquals(published.get(i), stored.get(i), () -> "sequence " + (at + 1) + " around "
                    + stored.subList(Math.max(0, at - 3), Math.min(stored.size(), at + 4)));
        }
        assertEquals(published.size(), stored.size(), "stored once each");
    }

    static List<String> orders(int from, int to) {
        List<String> orders = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            orders.add("order " + i);
        }
        return orders;
    }
}

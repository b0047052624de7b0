package io.jstan.cli.it;

import io.jstan.broker.testing.MeshScenarios;
import io.jstan.broker.testing.RawConversation;
import io.jstan.broker.testing.ReferenceNatsServer;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static io.jstan.broker.testing.ClientWaits.assertRoundTrip;
import static io.jstan.broker.testing.ClientWaits.await;
import static io.jstan.broker.testing.ClientWaits.bytes;
import static io.jstan.broker.testing.ClientWaits.next;
import static io.jstan.broker.testing.ClientWaits.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * jstan processes started with --cluster and --routes, as users run them: three meshed from a
 * partial route list (A lists B, B lists C), one killed with kill -9 while messages flow and
 * started again, a mesh mixed with Debian's nats-server, and bad input on the route port.
 */
@Timeout(180)
class JarRoutesIT {
    private static final String CLUSTER = "it-mesh";

    /** A server of the mesh: its own streaming cluster ID, so that the three streaming servers do not answer for each other. */
    private static JstanJar member(String name, String... routes) throws Exception {
        List<String> args = new ArrayList<>(List.of("-cid", name, "--cluster", "nats://127.0.0.1:-1",
                "--cluster_name", CLUSTER));
        if (routes.length > 0) {
            args.addAll(List.of("--routes", String.join(",", routes)));
        }
        return JstanJar.local(args.toArray(String[]::new));
    }

    @Test
    void threeServersMeshFromAPartialRouteListAndClientsSeeOneNetwork() throws Exception {
        JstanJar c = member("c");
        JstanJar b = member("b", c.routeUrl());
        JstanJar a = member("a", b.routeUrl());
        try {
            MeshScenarios mesh = new MeshScenarios(List.of(a.port(), b.port(), c.port()));
            mesh.messagesCrossEveryRouteOnce();
            mesh.subscribersOnEveryServerGetEachMessageOnce();
            mesh.wildcardsMatchAcrossServers();
            mesh.queueGroupGetsEachMessageOnceOverTheMesh();
            mesh.requestReplyAcrossServers();
            mesh.requestNobodyListensToFailsWithNoResponders();
            mesh.headersCrossServers();
            assertTrue(a.output().contains("Listening for route connections on 127.0.0.1:"), a.output());
            assertTrue(a.output().contains("Cluster name is " + CLUSTER), a.output());
            assertTrue(a.output().contains("  Cluster:  " + CLUSTER), "in the banner, as nats-server's:\n" + a.output());
            assertTrue(a.output().contains(" - rid:") && a.output().contains(" - Route connection created"), a.output());
        } finally {
            JstanJar.closeAll(a, b, c);
        }
    }

    @Test
    void aClientToldTheMeshReconnectsElsewhereWhenItsServerIsKilled() throws Exception {
        JstanJar c = member("c");
        JstanJar b = member("b", c.routeUrl());
        JstanJar a = member("a", b.routeUrl());
        try (Connection client = Nats.connect(new Options.Builder().server(a.url()).maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(50)).build());
             Connection subscriber = connect(c)) {
            await(() -> knownServers(client) == 3, "the client was told the three servers' URLs");
            Subscription sub = subscriber.subscribe("reconnect.after");
            a.kill();
            await(() -> client.getStatus() == Connection.Status.CONNECTED
                    && URI.create(client.getConnectedUrl()).getPort() != a.port(), "the client reconnected to another server");
            MeshScenarios.awaitInterest(subscriber, client);
            client.publish("reconnect.after", bytes("from elsewhere"));
            assertEquals("from elsewhere", text(next(sub, "the message published after the reconnect")));
        } finally {
            JstanJar.closeAll(a, b, c);
        }
    }

    /**
     * While B publishes steadily to subscribers on C, A is killed: C gets every message, in order,
     * with no gap longer than a route reconnect would take; A, started again on its ports, rejoins.
     */
    @Test
    void killingOneOfThreeNeverPausesTheOtherTwoAndItRejoins() throws Exception {
        JstanJar c = member("c");
        JstanJar b = member("b", c.routeUrl());
        JstanJar a = member("a", b.routeUrl());
        JstanJar restarted = null;
        try (Connection publisher = connect(b); Connection subscriber = connect(c); Connection onA = connect(a)) {
            new MeshScenarios(List.of(a.port(), b.port(), c.port())).messagesCrossEveryRouteOnce();
            Subscription sub = subscriber.subscribe("flow");
            onA.subscribe("flow");
            MeshScenarios.awaitInterest(subscriber, publisher);
            AtomicBoolean publishing = new AtomicBoolean(true);
            AtomicInteger published = new AtomicInteger();
            Thread flow = new Thread(() -> {
                while (publishing.get()) {
                    publisher.publish("flow", bytes(Integer.toString(published.incrementAndGet())));
                    LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
                }
            }, "flow-publisher");
            flow.start();
            long longestGapNanos = 0;
            int received = 0;
            long last = System.nanoTime();
            boolean killed = false;
            while (received < 3000) {
                Message message = next(sub, "flow message " + (received + 1));
                long now = System.nanoTime();
                longestGapNanos = killed ? Math.max(longestGapNanos, now - last) : longestGapNanos;
                last = now;
                assertEquals(Integer.toString(++received), text(message), "in order, none lost");
                if (received == 1000) {
                    a.kill();
                    killed = true;
                }
            }
            publishing.set(false);
            flow.join();
            assertTrue(longestGapNanos < Duration.ofSeconds(1).toNanos(),
                    "C got B's messages without a pause while A died; longest gap " + longestGapNanos / 1_000_000 + " ms");

            restarted = JstanJar.start("-a", "127.0.0.1", "-p", Integer.toString(a.port()), "-cid", "a",
                    "--cluster", "nats://127.0.0.1:" + a.routePort(), "--cluster_name", CLUSTER, "--routes", b.routeUrl());
            new MeshScenarios(List.of(restarted.port(), b.port(), c.port())).messagesCrossEveryRouteOnce();
        } finally {
            JstanJar.closeAll(restarted, a, b, c);
        }
    }

    /** jstan A lists nats-server B, B lists jstan C: one network, gossip through nats-server included. */
    @Test
    void aMeshMixedWithNatsServer() throws Exception {
        JstanJar c = member("c");
        try (ReferenceNatsServer natsServer = ReferenceNatsServer.start("--cluster", "nats://127.0.0.1:-1",
                "--cluster_name", CLUSTER, "--routes", c.routeUrl())) {
            JstanJar a = member("a", natsServer.routeUrl());
            try {
                MeshScenarios mesh = new MeshScenarios(List.of(a.port(), natsServer.port(), c.port()));
                mesh.messagesCrossEveryRouteOnce();
                mesh.subscribersOnEveryServerGetEachMessageOnce();
                mesh.queueGroupGetsEachMessageOnceOverTheMesh();
                mesh.requestReplyAcrossServers();
                mesh.headersCrossServers();
            } finally {
                JstanJar.closeAll(a);
            }
        } finally {
            JstanJar.closeAll(c);
        }
    }

    /** Garbage, a client on the route port, wrong credentials and an oversized RMSG: the route is refused, clients go on. */
    @Test
    void badInputOnTheRoutePortIsRefusedWithNatsServersErrors() throws Exception {
        JstanJar server = JstanJar.localWithConfig("max_payload: 1024", "--cluster", "nats://ruser:rpass@127.0.0.1:-1",
                "--cluster_name", CLUSTER);
        try (Connection client = connect(server)) {
            String peer = "CONNECT {\"user\":\"ruser\",\"pass\":\"rpass\",\"name\":\"NPEER\",\"headers\":true,\"cluster\":\""
                    + CLUSTER + "\"}\r\nINFO {\"server_id\":\"NPEER\",\"server_name\":\"peer\",\"port\":1,\"cluster\":\""
                    + CLUSTER + "\"} \r\n";
            assertRefused(server, "GARBAGE\r\n", "-ERR 'Authorization Violation'\r\n");
            assertRefused(server, peer + "GARBAGE\r\n", "-ERR 'Unknown Protocol Operation'\r\n");
            assertRefused(server, "CONNECT {\"lang\":\"java\",\"version\":\"2.26.2\"}\r\n", "-ERR 'attempted to connect to route port'\r\n");
            assertRefused(server, peer.replace("rpass", "wrong"), "-ERR 'Authorization Violation'\r\n");
            assertRefused(server, peer + "RMSG $G foo 5000\r\n", "-ERR 'Maximum Payload Violation'\r\n");
            assertRoundTrip(client, "after.bad.routes", "client traffic goes on");
            assertTrue(server.output().contains("Router connection closed: Authentication Failure"), server.output());
            assertTrue(server.output().contains("Router connection closed: Protocol Violation"), server.output());
        } finally {
            server.close();
        }
    }

    private static void assertRefused(JstanJar server, String sent, String error) throws Exception {
        try (RawConversation route = RawConversation.open(server.routePort())) {
            List<String> replies = route.exchangeUntilClosed(sent);
            assertEquals(List.of(error, RawConversation.CLOSED), replies.subList(replies.size() - 2, replies.size()),
                    "replies to " + RawConversation.escape(sent) + ": " + replies);
        }
    }

    private static int knownServers(Connection client) {
        List<String> urls = client.getServerInfo().getConnectURLs();
        return urls == null ? 0 : urls.size();
    }

    private static Connection connect(JstanJar server) throws Exception {
        return Nats.connect(new Options.Builder().server(server.url()).noReconnect().build());
    }
}

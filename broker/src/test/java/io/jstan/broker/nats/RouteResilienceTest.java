package io.jstan.broker.nats;

import io.jstan.broker.testing.MeshScenarios;
import io.jstan.broker.testing.RawConversation;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.jstan.broker.testing.ClientWaits.WAIT;
import static io.jstan.broker.testing.ClientWaits.assertRoundTrip;
import static io.jstan.broker.testing.ClientWaits.await;
import static io.jstan.broker.testing.ClientWaits.bytes;
import static io.jstan.broker.testing.ClientWaits.next;
import static io.jstan.broker.testing.ClientWaits.publishInBatches;
import static io.jstan.broker.testing.ClientWaits.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Routes that stall, misbehave or go away never take client traffic with them, and the mesh heals. */
class RouteResilienceTest {
    private static final String PEER_HANDSHAKE = "CONNECT {\"echo\":true,\"name\":\"NSTALLED\",\"headers\":true,\"cluster\":\"mesh\"}\r\n"
            + "INFO {\"server_id\":\"NSTALLED\",\"server_name\":\"stalled\",\"proto\":2,\"host\":\"127.0.0.1\",\"port\":1,"
            + "\"headers\":true,\"cluster\":\"mesh\"} \r\n";

    @RegisterExtension
    final InProcessMesh mesh = new InProcessMesh();

    @Test
    void aRouteThatStopsReadingIsClosedAsASlowConsumerWhileClientsGoOn() throws Exception {
        NatsServer server = mesh.start(List.of(), options -> options.maxPending(4 * 1024 * 1024));
        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new InetSocketAddress("127.0.0.1", server.clusterPort()));
            stalled.getOutputStream().write((PEER_HANDSHAKE + "RS+ $G >\r\n").getBytes(StandardCharsets.US_ASCII));
            await(() -> server.routeCount() == 1, "the stalled peer is a route with interest in everything");
            try (Connection subscriber = connect(server.port()); Connection publisher = connect(server.port())) {
                Subscription sub = subscriber.subscribe("stall.>");
                subscriber.flush(WAIT);
                int count = 40_000;
                // In batches, so that the subscriber, which reads, never falls max_pending behind.
                publishInBatches(publisher, "stall.x", count, new byte[1024]);
                for (int i = 0; i < count; i++) {
                    next(sub, "message " + i + " for the local subscriber");
                }
                await(() -> server.routeCount() == 0, "the route that does not read is closed");
                assertTrue(server.stats().slowConsumers() >= 1, "counted as a slow consumer");
                assertRoundTrip(publisher, "stall.after", "still served");
            }
        }
    }

    /**
     * A publisher faster than the route (max_pending kept small so that it shows at once) is held
     * back while the route drains, instead of driving the route into a slow-consumer close.
     */
    @Test
    void aFloodAcrossARouteArrivesWholeAsThePublisherIsHeldBack() throws Exception {
        List<NatsServer> servers = new ArrayList<>();
        servers.add(mesh.start(List.of(), options -> options.maxPending(512 * 1024)));
        servers.add(mesh.start(List.of(InProcessMesh.routeUrl(servers.get(0))), options -> options.maxPending(512 * 1024)));
        InProcessMesh.awaitFullMesh(servers);
        try (Connection publisher = connect(servers.get(0).port()); Connection subscriber = connect(servers.get(1).port())) {
            AtomicInteger received = new AtomicInteger();
            subscriber.createDispatcher(message -> received.incrementAndGet()).subscribe("flood");
            MeshScenarios.awaitInterest(subscriber, publisher);
            int count = 300_000;
            byte[] payload = new byte[128];
            for (int i = 0; i < count; i++) {
                publisher.publish("flood", payload);
            }
            publisher.flush(WAIT);
            await(() -> received.get() == count, "all " + count + " messages crossed the route");
            assertEquals(1, servers.get(0).routeCount(), "the route was never closed");
            assertEquals(0, servers.get(0).stats().slowConsumers() + servers.get(1).stats().slowConsumers());
        }
    }

    @Test
    void anOversizedRoutedMessageClosesTheRouteWithMaximumPayloadViolation() throws Exception {
        NatsServer server = mesh.start(List.of(), options -> options.maxPayload(1024));
        try (Connection client = connect(server.port());
             RawConversation route = RawConversation.open(server.clusterPort())) {
            List<String> replies = route.exchangeUntilClosed(PEER_HANDSHAKE + "RMSG $G foo 5000\r\n");
            assertEquals(List.of("-ERR 'Maximum Payload Violation'\r\n", RawConversation.CLOSED),
                    replies.subList(replies.size() - 2, replies.size()), "after the server's interest: " + replies);
            assertRoundTrip(client, "oversized.after", "client traffic goes on");
        }
    }

    @Test
    void aClientToldTheMeshReconnectsToAnotherServerWhenItsOwnStops() throws Exception {
        List<NatsServer> servers = mesh.startThreeFromPartialList();
        NatsServer first = servers.get(0);
        int firstPort = first.port();
        try (Connection client = Nats.connect(new Options.Builder().server("nats://127.0.0.1:" + firstPort)
                .maxReconnects(-1).reconnectWait(Duration.ofMillis(20)).build());
             Connection watcher = connect(servers.get(1).port());
             Connection subscriber = connect(servers.get(2).port())) {
            List<String> everyServer = servers.stream().map(s -> "127.0.0.1:" + s.port()).sorted().toList();
            await(() -> connectUrls(client).equals(everyServer),
                    "the client was told the URLs of the three servers");
            Subscription sub = subscriber.subscribe("reconnect.after");
            first.close();
            await(() -> client.getStatus() == Connection.Status.CONNECTED
                    && URI.create(client.getConnectedUrl()).getPort() != firstPort, "the client reconnected to another server");
            MeshScenarios.awaitInterest(subscriber, client);
            client.publish("reconnect.after", bytes("hello from elsewhere"));
            assertEquals("hello from elsewhere", text(next(sub, "the message published after the reconnect")));
            List<String> remaining = everyServer.stream().filter(url -> !url.endsWith(":" + firstPort)).toList();
            await(() -> connectUrls(watcher).equals(remaining),
                    "clients were told the stopped server is gone");
        }
    }

    @Test
    void aServerThatComesBackOnItsPortRejoinsTheMesh() throws Exception {
        List<NatsServer> servers = mesh.startThreeFromPartialList();
        NatsServer last = servers.get(2);
        int routePort = last.clusterPort();
        last.close();
        await(() -> servers.get(0).routeCount() == 1 && servers.get(1).routeCount() == 1, "the others dropped its routes");
        new MeshScenarios(InProcessMesh.clientPorts(servers.subList(0, 2))).messagesCrossEveryRouteOnce();
        NatsServer back = mesh.start(List.of(), options -> options.cluster().port(routePort));
        List<NatsServer> healed = List.of(servers.get(0), servers.get(1), back);
        InProcessMesh.awaitFullMesh(healed);
        new MeshScenarios(InProcessMesh.clientPorts(healed)).messagesCrossEveryRouteOnce();
    }

    /** The connect_urls of the server's last INFO, sorted; empty before any. */
    private static List<String> connectUrls(Connection client) {
        List<String> urls = client.getServerInfo().getConnectURLs();
        return urls == null ? List.of() : urls.stream().sorted().toList();
    }

    private static Connection connect(int port) throws Exception {
        return Nats.connect(new Options.Builder().server("nats://127.0.0.1:" + port).noReconnect().build());
    }
}

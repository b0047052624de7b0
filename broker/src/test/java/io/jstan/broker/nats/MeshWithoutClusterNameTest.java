package io.jstan.broker.nats;

import io.jstan.broker.testing.MeshScenarios;
import io.jstan.broker.testing.ReferenceNatsServer;
import io.jstan.store.testing.FreePorts;
import io.nats.client.Connection;
import io.nats.client.api.ServerInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.jstan.broker.testing.ClientWaits.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Three servers none of which is given a cluster name, meshed from partial route lists (A dials
 * nobody, B dials A, C dials B): jstan servers only, or with Debian's nats-server in any of the
 * three places, started in every order. Each server makes a name up and they settle on one as
 * nats-server 2.9 servers do, so that jnats clients see one NATS network.
 */
class MeshWithoutClusterNameTest {
    private static final List<String> START_ORDERS = List.of("ABC", "ACB", "BAC", "BCA", "CAB", "CBA");
    /** Long enough for a few rounds of routes closed on a name conflict and dialled again a second later. */
    private static final Duration CONVERGENCE = Duration.ofSeconds(20);

    @RegisterExtension
    final InProcessMesh mesh = new InProcessMesh();
    private final List<ReferenceNatsServer> natsServers = new ArrayList<>();

    /** Where nats-server is in the mesh; jstan servers are in the other places. */
    enum NatsServerAt { NOWHERE, A, B, C }

    @AfterEach
    void stopNatsServers() {
        natsServers.forEach(ReferenceNatsServer::close);
    }

    static Stream<Arguments> placementsAndStartOrders() {
        return Stream.of(NatsServerAt.values())
                .flatMap(natsServerAt -> START_ORDERS.stream().map(order -> Arguments.of(natsServerAt, order)));
    }

    @ParameterizedTest(name = "nats-server at {0}, started in the order {1}")
    @MethodSource("placementsAndStartOrders")
    void theServersSettleOnOneNameAndFormOneNetwork(NatsServerAt natsServerAt, String startOrder) throws Exception {
        int[] routePorts = FreePorts.next(3);
        Integer[] clientPorts = new Integer[3];
        for (char place : startOrder.toCharArray()) {
            int index = place - 'A';
            List<URI> routes = index == 0 ? List.of() : List.of(routeUrl(routePorts[index - 1]));
            clientPorts[index] = natsServerAt.name().equals(String.valueOf(place))
                    ? startNatsServer(routePorts[index], routes)
                    : startJstan(routePorts[index], routes);
        }
        MeshScenarios scenarios = new MeshScenarios(List.of(clientPorts));
        List<String> everyServer = Stream.of(clientPorts).map(port -> "127.0.0.1:" + port).sorted().toList();
        await(CONVERGENCE, () -> isOneNetwork(scenarios, everyServer),
                () -> "the servers agree on a cluster name and each tells clients of all three: " + describe(scenarios));

        scenarios.messagesReach(0, 2);
        scenarios.requestReplyAcrossServers();
        for (int server = 0; server < 3; server++) {
            assertEquals(everyServer, view(scenarios, server).connectUrls(), "connect_urls of server " + server);
        }
    }

    private int startJstan(int routePort, List<URI> routes) {
        return mesh.start(routes, options -> options.cluster().name(null).port(routePort)).port();
    }

    private int startNatsServer(int routePort, List<URI> routes) throws IOException {
        List<String> args = new ArrayList<>(List.of("--cluster", "nats://127.0.0.1:" + routePort));
        if (!routes.isEmpty()) {
            args.addAll(List.of("--routes", routes.get(0).toString()));
        }
        ReferenceNatsServer server = ReferenceNatsServer.start(args.toArray(String[]::new));
        natsServers.add(server);
        return server.port();
    }

    private static URI routeUrl(int port) {
        return URI.create("nats-route://127.0.0.1:" + port);
    }

    /** What a client connecting to a server is told: the cluster's name and the client URLs of the mesh. */
    private record View(String cluster, List<String> connectUrls) {
    }

    private static View view(MeshScenarios scenarios, int server) throws Exception {
        try (Connection client = scenarios.connect(server)) {
            ServerInfo info = client.getServerInfo();
            List<String> urls = info.getConnectURLs() == null ? List.of() : info.getConnectURLs().stream().sorted().toList();
            return new View(info.getCluster(), urls);
        }
    }

    private static List<View> views(MeshScenarios scenarios) throws Exception {
        List<View> views = new ArrayList<>();
        for (int server = 0; server < 3; server++) {
            views.add(view(scenarios, server));
        }
        return views;
    }

    private static String describe(MeshScenarios scenarios) {
        try {
            return views(scenarios).toString();
        } catch (Exception e) {
            return "(a server could not be asked: " + e + ")";
        }
    }

    private static boolean isOneNetwork(MeshScenarios scenarios, List<String> everyServer) throws Exception {
        List<View> views = views(scenarios);
        return views.stream().allMatch(view -> view.connectUrls().equals(everyServer)
                && view.cluster() != null && view.cluster().equals(views.get(0).cluster()));
    }
}

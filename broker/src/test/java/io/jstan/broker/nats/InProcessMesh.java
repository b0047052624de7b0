package io.jstan.broker.nats;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static io.jstan.broker.testing.ClientWaits.await;

/**
 * In-process servers on 127.0.0.1 with route listeners on random ports, for one test, closed after
 * it: register with {@code @RegisterExtension}, then {@link #start} servers, each with the routes
 * the test gives it.
 */
final class InProcessMesh implements AfterEachCallback {
    static final String CLUSTER = "mesh";
    private final List<NatsServer> servers = new ArrayList<>();

    /** Starts a server that dials {@code routes} (route URLs), with whatever else {@code settings} sets. */
    NatsServer start(List<URI> routes, Consumer<NatsServerOptions> settings) {
        NatsServerOptions options = new NatsServerOptions().host("127.0.0.1").port(NatsServerOptions.RANDOM_PORT);
        options.cluster().host("127.0.0.1").port(NatsServerOptions.RANDOM_PORT).name(CLUSTER).routes(routes);
        settings.accept(options);
        NatsServer server = new NatsServer(options);
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        servers.add(server);
        return server;
    }

    NatsServer start(URI... routes) {
        return start(List.of(routes), options -> { });
    }

    /** Three servers meshed from a partial list: A lists B, B lists C. */
    List<NatsServer> startThreeFromPartialList() {
        NatsServer c = start();
        NatsServer b = start(routeUrl(c));
        NatsServer a = start(routeUrl(b));
        List<NatsServer> mesh = List.of(a, b, c);
        awaitFullMesh(mesh);
        return mesh;
    }

    static URI routeUrl(NatsServer server) {
        return URI.create("nats-route://127.0.0.1:" + server.clusterPort());
    }

    static void awaitFullMesh(List<NatsServer> mesh) {
        await(() -> mesh.stream().allMatch(s -> s.routeCount() == mesh.size() - 1),
                "every server has a route to each of the " + (mesh.size() - 1) + " others");
    }

    static List<Integer> clientPorts(List<NatsServer> mesh) {
        return mesh.stream().map(NatsServer::port).toList();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        servers.forEach(NatsServer::close);
        servers.clear();
    }
}

package io.jstan.broker.nats;

import io.jstan.broker.testing.MeshScenarios;
import io.jstan.broker.testing.ReferenceNatsServer;
import io.jstan.broker.testing.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import static io.jstan.broker.testing.ClientWaits.await;

/** Routes with credentials and with TLS (certificates verified both ways), between jstan servers and with nats-server. */
class RouteSecurityTest {
    @RegisterExtension
    final InProcessMesh mesh = new InProcessMesh();
    @TempDir
    Path certificates;

    @Test
    void routesWithCredentialsMeshAndCarryMessages() throws Exception {
        Consumer<NatsServerOptions> credentials = options -> options.cluster().user("ruser").password("rpass");
        NatsServer c = mesh.start(List.of(), credentials);
        NatsServer b = mesh.start(List.of(withCredentials(c)), credentials);
        NatsServer a = mesh.start(List.of(withCredentials(b)), credentials);
        InProcessMesh.awaitFullMesh(List.of(a, b, c));
        new MeshScenarios(InProcessMesh.clientPorts(List.of(a, b, c))).messagesCrossEveryRouteOnce();
    }

    @Test
    void wrongCredentialsKeepTheRouteOut() throws Exception {
        NatsServer guarded = mesh.start(List.of(), options -> options.cluster().user("ruser").password("rpass"));
        NatsServer intruder = mesh.start(URI.create("nats-route://ruser:wrong@127.0.0.1:" + guarded.clusterPort()));
        try (ReferenceNatsServer witness = ReferenceNatsServer.start("--cluster", "nats://127.0.0.1:-1",
                "--cluster_name", InProcessMesh.CLUSTER, "--routes", "nats-route://ruser:rpass@127.0.0.1:" + guarded.clusterPort())) {
            await(() -> guarded.routeCount() == 1, "the server with the right credentials got in");
            await(() -> intruder.routeCount() == 0 && guarded.routeCount() == 1,
                    "the one with the wrong credentials stays out");
        }
    }

    @Test
    void tlsRoutesBetweenJstanServers() throws Exception {
        Consumer<NatsServerOptions> tls = tls(TestCertificates.writeTo(certificates));
        NatsServer b = mesh.start(List.of(), tls);
        NatsServer a = mesh.start(List.of(InProcessMesh.routeUrl(b)), tls);
        InProcessMesh.awaitFullMesh(List.of(a, b));
        new MeshScenarios(InProcessMesh.clientPorts(List.of(a, b))).messagesCrossEveryRouteOnce();
    }

    @Test
    void tlsRoutesWithNatsServerBothWays() throws Exception {
        TestCertificates certs = TestCertificates.writeTo(certificates);
        String tlsBlock = "tls { cert_file: \"" + certs.routeCert() + "\", key_file: \"" + certs.routeKey()
                + "\", ca_file: \"" + certs.caCert() + "\" }";
        NatsServer jstan = mesh.start(List.of(), tls(certs));
        try (ReferenceNatsServer natsServer = ReferenceNatsServer.startWithConfig("cluster { name: " + InProcessMesh.CLUSTER
                + ", listen: \"127.0.0.1:-1\", routes: [\"nats-route://127.0.0.1:" + jstan.clusterPort() + "\"], " + tlsBlock + " }")) {
            NatsServer dialling = mesh.start(List.of(URI.create(natsServer.routeUrl())), tls(certs));
            await(() -> jstan.routeCount() == 2 && dialling.routeCount() == 2, "nats-server and both jstan servers meshed over TLS");
            new MeshScenarios(List.of(jstan.port(), natsServer.port(), dialling.port())).messagesCrossEveryRouteOnce();
        }
    }

    private static Consumer<NatsServerOptions> tls(TestCertificates certs) {
        return options -> options.cluster().tlsCert(certs.routeCert()).tlsKey(certs.routeKey()).tlsCaCert(certs.caCert());
    }

    private static URI withCredentials(NatsServer server) {
        return URI.create("nats-route://ruser:rpass@127.0.0.1:" + server.clusterPort());
    }
}

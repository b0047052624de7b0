package io.jstan.broker.nats;

import io.jstan.broker.testing.MeshScenarios;
import io.jstan.broker.testing.ReferenceNatsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.util.List;

import static io.jstan.broker.testing.ClientWaits.await;

/**
 * jstan and Debian's nats-server routed together, whichever dials, and a mixed mesh of three
 * formed by gossip across both: jnats clients on either side see one NATS network.
 */
class RouteWithNatsServerTest {
    @RegisterExtension
    final InProcessMesh mesh = new InProcessMesh();
    private ReferenceNatsServer natsServer;

    /** Which side solicits the route. */
    enum Dialler { JSTAN, NATS_SERVER }

    @AfterEach
    void stopNatsServer() {
        if (natsServer != null) {
            natsServer.close();
        }
    }

    private MeshScenarios pair(Dialler dialler) throws Exception {
        NatsServer jstan;
        if (dialler == Dialler.JSTAN) {
            natsServer = ReferenceNatsServer.start("--cluster", "nats://127.0.0.1:-1", "--cluster_name", InProcessMesh.CLUSTER);
            jstan = mesh.start(URI.create(natsServer.routeUrl()));
        } else {
            jstan = mesh.start();
            natsServer = ReferenceNatsServer.start("--cluster", "nats://127.0.0.1:-1", "--cluster_name", InProcessMesh.CLUSTER,
                    "--routes", InProcessMesh.routeUrl(jstan).toString());
        }
        await(() -> jstan.routeCount() == 1, "jstan has its route to nats-server");
        return new MeshScenarios(List.of(jstan.port(), natsServer.port()));
    }

    @ParameterizedTest
    @EnumSource(Dialler.class)
    void messagesCrossTheRouteOnceBothWays(Dialler dialler) throws Exception {
        pair(dialler).messagesCrossEveryRouteOnce();
    }

    @ParameterizedTest
    @EnumSource(Dialler.class)
    void subscribersOnBothServersGetEachMessageOnce(Dialler dialler) throws Exception {
        pair(dialler).subscribersOnEveryServerGetEachMessageOnce();
    }

    @ParameterizedTest
    @EnumSource(Dialler.class)
    void wildcardsMatchAcrossTheRoute(Dialler dialler) throws Exception {
        pair(dialler).wildcardsMatchAcrossServers();
    }

    @ParameterizedTest
    @EnumSource(Dialler.class)
    void queueGroupGetsEachMessageOnceOverBothServers(Dialler dialler) throws Exception {
        pair(dialler).queueGroupGetsEachMessageOnceOverTheMesh();
    }

    @ParameterizedTest
    @EnumSource(Dialler.class)
    void requestReplyAcrossTheRoute(Dialler dialler) throws Exception {
        pair(dialler).requestReplyAcrossServers();
    }

    @ParameterizedTest
    @EnumSource(Dialler.class)
    void requestNobodyListensToFailsWithNoResponders(Dialler dialler) throws Exception {
        pair(dialler).requestNobodyListensToFailsWithNoResponders();
    }

    @ParameterizedTest
    @EnumSource(Dialler.class)
    void headersCrossTheRoute(Dialler dialler) throws Exception {
        pair(dialler).headersCrossServers();
    }

    /** jstan A lists nats-server B, B lists jstan C: gossip through nats-server meshes A and C. */
    @Test
    void gossipThroughNatsServerMeshesTwoJstanServers() throws Exception {
        NatsServer c = mesh.start();
        natsServer = ReferenceNatsServer.start("--cluster", "nats://127.0.0.1:-1", "--cluster_name", InProcessMesh.CLUSTER,
                "--routes", InProcessMesh.routeUrl(c).toString());
        NatsServer a = mesh.start(URI.create(natsServer.routeUrl()));
        await(() -> a.routeCount() == 2 && c.routeCount() == 2, "both jstan servers have routes to the two others");
        MeshScenarios scenarios = new MeshScenarios(List.of(a.port(), natsServer.port(), c.port()));
        scenarios.messagesCrossEveryRouteOnce();
        scenarios.queueGroupGetsEachMessageOnceOverTheMesh();
    }
}

package io.jstan.broker.nats;

import io.jstan.broker.testing.MeshScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static io.jstan.broker.testing.ClientWaits.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Three in-process servers meshed from a partial route list (A lists B, B lists C), used by jnats clients. */
class RouteMeshTest {
    @RegisterExtension
    final InProcessMesh mesh = new InProcessMesh();

    private MeshScenarios scenarios() {
        return new MeshScenarios(InProcessMesh.clientPorts(mesh.startThreeFromPartialList()));
    }

    @Test
    void gossipMakesAFullMeshOfAPartialRouteList() {
        List<NatsServer> servers = mesh.startThreeFromPartialList();
        for (NatsServer server : servers) {
            assertEquals(2, server.routes(false).size(), "one route to each other server, duplicates dropped");
        }
    }

    @Test
    void serversWithoutAClusterNameAgreeOnOne() throws Exception {
        NatsServer b = mesh.start(List.of(), options -> options.cluster().name(null));
        NatsServer a = mesh.start(List.of(InProcessMesh.routeUrl(b)), options -> options.cluster().name(null));
        InProcessMesh.awaitFullMesh(List.of(a, b));
        assertEquals(a.clusterName(), b.clusterName(), "one of the made-up names won");
        new MeshScenarios(InProcessMesh.clientPorts(List.of(a, b))).messagesCrossEveryRouteOnce();
    }

    @Test
    void aServerLeavingTheMeshTakesNoInterestOfTheOthersWithIt() throws Exception {
        NatsServer hub = mesh.start();
        NatsServer b = mesh.start(InProcessMesh.routeUrl(hub));
        NatsServer c = mesh.start(InProcessMesh.routeUrl(hub));
        InProcessMesh.awaitFullMesh(List.of(hub, b, c));
        // The hub's in-process requests get their replies on an inbox subscribed before any route existed.
        io.jstan.broker.bus.BusSubscription echo = b.bus().subscribe("echo", null, (subject, reply, data) -> b.bus().publish(reply, null, data));
        await(() -> hub.bus().request("echo", new byte[] {1}, java.time.Duration.ofSeconds(1)).handle((r, e) -> e == null).get(),
                "the hub's request is answered");
        c.close();
        await(() -> hub.routeCount() == 1 && b.routeCount() == 1, "the others drop their route to the server that left");
        assertEquals(1, hub.bus().request("echo", new byte[] {1}, java.time.Duration.ofSeconds(5)).get().length,
                "the hub's request is still answered across the route that stayed");
        echo.unsubscribe();
    }

    @Test
    void messagesCrossEveryRouteOnce() throws Exception {
        scenarios().messagesCrossEveryRouteOnce();
    }

    @Test
    void subscribersOnEveryServerGetEachMessageOnce() throws Exception {
        scenarios().subscribersOnEveryServerGetEachMessageOnce();
    }

    @Test
    void wildcardsMatchAcrossServers() throws Exception {
        scenarios().wildcardsMatchAcrossServers();
    }

    @Test
    void queueGroupGetsEachMessageOnceOverTheMesh() throws Exception {
        scenarios().queueGroupGetsEachMessageOnceOverTheMesh();
    }

    @Test
    void requestReplyAcrossServers() throws Exception {
        scenarios().requestReplyAcrossServers();
    }

    @Test
    void requestNobodyListensToFailsWithNoResponders() throws Exception {
        scenarios().requestNobodyListensToFailsWithNoResponders();
    }

    @Test
    void headersCrossServers() throws Exception {
        scenarios().headersCrossServers();
    }
}

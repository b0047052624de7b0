package io.jstan.broker.nats;

import io.jstan.broker.testing.MeshScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

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

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

package io.jstan.broker.nats;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.api.ServerInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What jnats learns from the server's INFO, and gates its features on. */
class ServerInfoClientTest {
    private NatsServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = new NatsServer(new NatsServerOptions().host("127.0.0.1").port(NatsServerOptions.RANDOM_PORT)
                .serverName("info-test").maxPayload(4096));
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void infoDescribesThisServerAndThisClient() throws Exception {
        String url = "nats://127.0.0.1:" + server.port();
        try (Connection first = Nats.connect(url); Connection second = Nats.connect(url)) {
            ServerInfo info = first.getServerInfo();

            assertEquals(server.serverId(), info.getServerId());
            assertEquals("info-test", info.getServerName());
            assertEquals(server.port(), info.getPort(), "the port bound, not the random-port marker");
            assertEquals(4096, info.getMaxPayload());
            assertEquals(1, info.getProtocolVersion());
            assertTrue(info.isHeadersSupported());
            assertTrue(info.isSameOrNewerThanVersion("2.2.0"), "new enough for headers and no_responders");
            assertFalse(info.isAuthRequired());
            assertFalse(info.isTLSRequired());
            assertEquals("127.0.0.1", info.getClientIp());
            assertNotEquals(info.getClientId(), second.getServerInfo().getClientId());
        }
    }
}

package io.jstan.broker.nats;

import io.jstan.broker.testing.RawConversation;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.jstan.broker.testing.ClientWaits.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The closed client connections the server keeps for /connz, with nats-server's reasons for the closes
 * that need a server set up for them (TLS: in TlsClientTest; the others are compared with nats-server
 * itself in the monitor's ClosedConnectionsComparisonTest).
 */
class ClosedConnectionsTest {
    @RegisterExtension
    final InProcessServer nats = new InProcessServer();

    @Test
    void wrongCredentialsAndNoCredentialsInTimeAreAuthenticationFailureAndTimeout() throws Exception {
        NatsServer server = nats.start(new NatsServerOptions().user("alice").password("s3cret")
                .authTimeout(Duration.ofMillis(200)));
        try (RawConversation wrong = RawConversation.open(server.port())) {
            wrong.exchangeUntilClosed("CONNECT {\"user\":\"alice\",\"pass\":\"wrong\"}\r\n");
        }
        try (RawConversation silent = RawConversation.open(server.port())) {
            silent.exchangeUntilClosed("");
        }
        assertEquals(List.of("Authentication Failure", "Authentication Timeout"), reasons(server, 2));
    }

    @Test
    void aClientThatStopsAnsweringPingsIsAStaleConnection() throws Exception {
        NatsServer server = nats.start(new NatsServerOptions().pingInterval(Duration.ofMillis(50)).maxPingsOut(1));
        try (RawConversation mute = RawConversation.open(server.port())) {
            mute.exchangeUntilClosed("CONNECT {\"verbose\":false}\r\n");
        }
        assertEquals(List.of("Stale Connection"), reasons(server, 1));
    }

    @Test
    void clientsOpenWhenTheServerStopsCloseForServerShutdown() throws Exception {
        NatsServer server = nats.server();
        Connection client = Nats.connect(new Options.Builder()
                .server("nats://127.0.0.1:" + server.port()).noReconnect().build());
        Instant beforeShutdown = Instant.now();
        server.close();
        client.close();
        List<ConnectionInfo> closed = server.closedConnections();
        assertEquals(1, closed.size());
        assertEquals("Server Shutdown", closed.get(0).reason());
        assertFalse(closed.get(0).stop().isBefore(beforeShutdown));
    }

    @Test
    void onlyTheMostRecentlyClosedAreKept() {
        ClosedConnections ring = new ClosedConnections(2);
        for (long cid = 1; cid <= 3; cid++) {
            ring.add(closed(cid));
        }
        assertEquals(List.of(2L, 3L), ring.snapshot().stream().map(ConnectionInfo::cid).toList(), "the oldest pushed out");
    }

    private static ConnectionInfo closed(long cid) {
        Instant now = Instant.now();
        return new ConnectionInfo(cid, "127.0.0.1", 4222, now, now, 0, 0, 0, 0, 0, 0, null, null, null, null, null,
                List.of(), now, CloseReason.CLIENT_CLOSED);
    }

    private static List<String> reasons(NatsServer server, int count) {
        await(() -> server.closedConnections().size() == count, count + " connections closed");
        return server.closedConnections().stream().map(ConnectionInfo::reason).toList();
    }
}

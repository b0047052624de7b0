package io.jstan.broker.nats;

import io.jstan.broker.testing.LimitScenarios;
import io.jstan.broker.testing.NonReadingSubscriber;
import io.jstan.broker.testing.RawConversation;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static io.jstan.broker.testing.ClientWaits.WAIT;
import static io.jstan.broker.testing.ClientWaits.await;
import static io.jstan.broker.testing.ClientWaits.publishInBatches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The limits that protect the server and its other clients: connections, stale clients, slow consumers. */
class LimitsClientTest {
    /** verbose is on unless the client turns it off, as in nats-server. */
    private static final String QUIET_CONNECT = "CONNECT {\"verbose\":false}\r\n";

    @RegisterExtension
    final InProcessServer nats = new InProcessServer();
    private NatsServer server;

    @Test
    void connectionBeyondMaxConnectionsIsRefused() throws Exception {
        server = nats.start(new NatsServerOptions().maxConnections(2));

        try (Connection first = connect(); Connection second = connect()) {
            assertThrows(IOException.class, () -> connect().close());
            try (RawConversation raw = RawConversation.open(server.port())) {
                assertEquals(List.of("-ERR 'maximum connections exceeded'\r\n", RawConversation.CLOSED),
                        raw.exchangeUntilClosed(""));
            }
            assertEquals(Connection.Status.CONNECTED, first.getStatus());
            assertEquals(Connection.Status.CONNECTED, second.getStatus());
        }

        await(() -> server.connectionCount() == 0, "closed connections free their slots");
        try (Connection again = connect()) {
            assertEquals(Connection.Status.CONNECTED, again.getStatus());
        }
    }

    @Test
    void clientThatNeverAnswersPingIsClosedAsStale() throws Exception {
        server = nats.start(new NatsServerOptions().pingInterval(Duration.ofMillis(100)).maxPingsOut(2));

        try (RawConversation raw = RawConversation.open(server.port())) {
            assertEquals(List.of("PING\r\n", "PING\r\n", "-ERR 'Stale Connection'\r\n", RawConversation.CLOSED),
                    raw.exchangeUntilClosed(QUIET_CONNECT));
        }
    }

    @Test
    void subscriberThatNeverReadsIsCutOffAtMaxPendingWhileOthersKeepFlowing() throws Throwable {
        server = nats.start(new NatsServerOptions().maxPending(64 * 1024).maxPayload(64 * 1024));

        new LimitScenarios(server.port()).subscriberThatNeverReadsIsCutOffWhileOthersKeepFlowing(1024, () -> {
            assertEquals(1, server.stats().slowConsumers());
            await(() -> server.router().all().stream().noneMatch(s -> s.subject().equals(LimitScenarios.FIREHOSE)),
                    "the slow consumer's subscription is gone");
        });
    }

    @Test
    void subscriberThatStopsReadingIsClosedAfterTheWriteDeadline() throws Exception {
        server = nats.start(new NatsServerOptions().writeDeadline(Duration.ofMillis(200)));

        try (NonReadingSubscriber slow = NonReadingSubscriber.subscribe(server.port(), "data");
             Connection publisher = connect()) {
            // About 8 MB: beyond the socket buffers and the server's own write buffer, far below max_pending.
            publishInBatches(publisher, "data", 1000, new byte[8 * 1024]);

            await(() -> server.stats().slowConsumers() == 1, "the write deadline was exceeded");
            assertTrue(slow.isClosedWithin(WAIT), "the slow consumer is disconnected");
            assertEquals(Connection.Status.CONNECTED, publisher.getStatus());
        }
    }

    private Connection connect() throws Exception {
        return Nats.connect(new Options.Builder().server("nats://127.0.0.1:" + server.port()).noReconnect().build());
    }
}

package io.jstan.broker.nats;

import io.jstan.broker.testing.RawConversation;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Verbose mode: the server acknowledges every CONNECT, PUB, SUB and UNSUB with +OK. */
class VerboseClientTest {
    private static final String OK = "+OK\r\n";
    private static final Duration WAIT = Duration.ofSeconds(5);

    private NatsServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = new NatsServer(new NatsServerOptions().host("127.0.0.1").port(NatsServerOptions.RANDOM_PORT));
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void jnatsWorksInVerboseMode() throws Exception {
        Options options = new Options.Builder().server("nats://127.0.0.1:" + server.port()).verbose().build();
        try (Connection nc = Nats.connect(options)) {
            Subscription sub = nc.subscribe("verbose");
            nc.publish("verbose", "hello".getBytes(StandardCharsets.UTF_8));

            Message message = sub.nextMessage(WAIT);
            assertNotNull(message);
            assertEquals("hello", new String(message.getData(), StandardCharsets.UTF_8));
            sub.unsubscribe();
            nc.flush(WAIT);
            assertEquals(Connection.Status.CONNECTED, nc.getStatus());
        }
    }

    @Test
    void everyConnectPubSubAndUnsubIsAcknowledged() throws Exception {
        try (RawConversation raw = RawConversation.open(server.port())) {
            assertEquals(List.of(OK), raw.exchange("CONNECT {\"verbose\":true}\r\n"));
            assertEquals(List.of(OK), raw.exchange("SUB verbose 1\r\n"));
            assertEquals(List.of(OK, "MSG verbose 1 2\r\n", "hi\r\n"), raw.exchange("PUB verbose 2\r\nhi\r\n"));
            assertEquals(List.of(OK), raw.exchange("UNSUB 1\r\n"));
            assertEquals(List.of(OK), raw.exchange("PUB verbose 2\r\nhi\r\n"), "nothing delivered after UNSUB");
        }
    }
}

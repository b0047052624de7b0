package io.jstan.broker.nats;

import io.jstan.broker.testing.RawConversation;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** max_payload: announced in INFO, enforced by jnats before sending and by the server on receipt. */
class MaxPayloadClientTest {
    private static final int MAX_PAYLOAD = 1024;
    private static final Duration WAIT = Duration.ofSeconds(5);
    /** verbose is on unless the client turns it off, as in nats-server. */
    private static final String QUIET_CONNECT = "CONNECT {\"verbose\":false}\r\n";

    private NatsServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = new NatsServer(new NatsServerOptions().host("127.0.0.1").port(NatsServerOptions.RANDOM_PORT)
                .maxPayload(MAX_PAYLOAD));
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void payloadOfExactlyMaxPayloadIsDelivered() throws Exception {
        try (Connection nc = Nats.connect("nats://127.0.0.1:" + server.port())) {
            assertEquals(MAX_PAYLOAD, nc.getMaxPayload());
            Subscription sub = nc.subscribe("big");
            byte[] payload = new byte[MAX_PAYLOAD];
            Arrays.fill(payload, (byte) 'x');

            nc.publish("big", payload);

            Message message = sub.nextMessage(WAIT);
            assertNotNull(message);
            assertArrayEquals(payload, message.getData());
        }
    }

    @Test
    void jnatsRefusesToPublishOverMaxPayload() throws Exception {
        try (Connection nc = Nats.connect("nats://127.0.0.1:" + server.port())) {
            assertThrows(IllegalArgumentException.class, () -> nc.publish("big", new byte[MAX_PAYLOAD + 1]));
            assertEquals(Connection.Status.CONNECTED, nc.getStatus());
        }
    }

    @Test
    void serverAnswersAPublishOverMaxPayloadWithAnErrorAndCloses() throws Exception {
        try (RawConversation raw = RawConversation.open(server.port())) {
            List<String> replies = raw.exchangeUntilClosed(QUIET_CONNECT + "PUB big " + (MAX_PAYLOAD + 1) + "\r\n");

            assertEquals(List.of("-ERR 'Maximum Payload Violation'\r\n", RawConversation.CLOSED), replies);
        }
    }
}

package io.jstan.broker.nats;

import io.nats.client.Connection;
import io.nats.client.Nats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The server-wide counters behind /varz follow the traffic. */
class ServerStatsClientTest {
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
    void countersReflectConnectionsMessagesAndBytes() throws Exception {
        String url = "nats://127.0.0.1:" + server.port();
        try (Connection publisher = Nats.connect(url);
             Connection subscriber1 = Nats.connect(url);
             Connection subscriber2 = Nats.connect(url)) {
            subscriber1.subscribe("counted");
            subscriber2.subscribe("counted.>");
            subscriber1.flush(WAIT);
            subscriber2.flush(WAIT);

            for (int i = 0; i < 10; i++) {
                publisher.publish("counted", new byte[100]);
                publisher.publish("counted.deeper", new byte[50]);
            }
            publisher.publish("nobody.listens", new byte[7]);
            // Counting happens as the server routes; once the PING behind the PUBs is answered, it is done.
            publisher.flush(WAIT);

            ServerStats stats = server.stats();
            assertEquals(3, stats.totalConnections());
            assertEquals(21, stats.inMessages());
            assertEquals(10 * 100 + 10 * 50 + 7, stats.inBytes());
            assertEquals(20, stats.outMessages());
            assertEquals(10 * 100 + 10 * 50, stats.outBytes());
            assertEquals(0, stats.slowConsumers());
        }
    }
}

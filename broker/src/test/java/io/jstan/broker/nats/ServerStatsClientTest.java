package io.jstan.broker.nats;

import io.nats.client.Connection;
import io.nats.client.Nats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.jstan.broker.testing.ClientWaits.flushAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The server-wide counters behind /varz follow the traffic. */
class ServerStatsClientTest {
    @RegisterExtension
    final InProcessServer nats = new InProcessServer();

    @Test
    void countersReflectConnectionsMessagesAndBytes() throws Exception {
        String url = "nats://127.0.0.1:" + nats.port();
        try (Connection publisher = Nats.connect(url);
             Connection subscriber1 = Nats.connect(url);
             Connection subscriber2 = Nats.connect(url)) {
            subscriber1.subscribe("counted");
            subscriber2.subscribe("counted.>");
            flushAll(subscriber1, subscriber2);

            for (int i = 0; i < 10; i++) {
                publisher.publish("counted", new byte[100]);
                publisher.publish("counted.deeper", new byte[50]);
            }
            publisher.publish("nobody.listens", new byte[7]);
            // Counting happens as the server routes; once the PING behind the PUBs is answered, it is done.
            flushAll(publisher);

            ServerStats stats = nats.server().stats();
            assertEquals(3, stats.totalConnections());
            assertEquals(21, stats.inMessages());
            assertEquals(10 * 100 + 10 * 50 + 7, stats.inBytes());
            assertEquals(20, stats.outMessages());
            assertEquals(10 * 100 + 10 * 50, stats.outBytes());
            assertEquals(0, stats.slowConsumers());
        }
    }
}

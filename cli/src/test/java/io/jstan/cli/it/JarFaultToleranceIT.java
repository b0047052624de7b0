package io.jstan.cli.it;

import io.jstan.broker.testing.ClientWaits;
import io.jstan.broker.testing.ReferenceNatsServer;
import io.jstan.broker.testing.StanClients;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.SubscriptionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.jstan.broker.testing.StanClients.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A fault-tolerance group: two servers on one directory and one NATS network (Debian's
 * nats-server), one active and one standby. When the active one is killed, the standby takes
 * the store over and serves, and the client carries on with everything acknowledged before.
 */
@Timeout(120)
class JarFaultToleranceIT {
    @TempDir
    Path dir;

    @Test
    void theStandbyTakesOverWhenTheActiveServerIsKilled() throws Exception {
        try (ReferenceNatsServer nats = ReferenceNatsServer.start()) {
            String[] member = {"-ns", nats.url(), "-st", "FILE", "--dir", dir.toString(), "--ft_group", "pair"};
            JstanJar active = JstanJar.startUntil(JstanJar.STREAMING_READY, member);
            try (JstanJar standby = JstanJar.startUntil("Starting in standby mode", member);
                 StreamingConnection client = new StanClients(nats.url()).connect("steady")) {
                assertTrue(active.output().contains("Server is active"), active.output());
                List<String> acknowledged = new ArrayList<>();
                for (int i = 1; i <= 50; i++) {
                    client.publish("orders", bytes("order " + i));
                    acknowledged.add("order " + i);
                }
                assertFalse(standby.output().contains(JstanJar.STREAMING_READY), "the standby serves nobody");

                active.kill();
                standby.awaitOutput(JstanJar.STREAMING_READY, Duration.ofSeconds(30));

                ClientWaits.await(Duration.ofSeconds(60), () -> publishes(client, "order 51"),
                        () -> "the client publishes through the new active server");
                acknowledged.add("order 51");
                StanClients.Received all = new StanClients.Received();
                client.subscribe("orders", all, new SubscriptionOptions.Builder().deliverAllAvailable().build());
                all.await(acknowledged.size());
                assertEquals(acknowledged, all.texts().subList(0, acknowledged.size()));
            } finally {
                active.close();
            }
        }
    }

    /** One publish attempt: during the takeover, a PubAck may not come in time. */
    private static boolean publishes(StreamingConnection client, String text) {
        try {
            client.publish("orders", bytes(text));
            return true;
        } catch (Exception notYet) {
            return false;
        }
    }
}

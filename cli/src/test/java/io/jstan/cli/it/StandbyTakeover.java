package io.jstan.cli.it;

import io.jstan.broker.testing.ClientWaits;
import io.jstan.broker.testing.StanClients;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.SubscriptionOptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.jstan.broker.testing.StanClients.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two servers of one fault-tolerance group on an external NATS server: the standby serves nobody
 * until the active one is killed, then takes over with every message the active one acknowledged,
 * and the client goes on through it.
 */
final class StandbyTakeover {
    private StandbyTakeover() {
    }

    /** {@code member} is each server's command line (its store and {@code --ft_group}); {@code messages} are published before the kill. */
    static void standbyTakesOver(String natsUrl, String[] member, int messages) throws Exception {
        JstanJar active = JstanJar.startUntil(JstanJar.STREAMING_READY, member);
        try (JstanJar standby = JstanJar.startUntil("Starting in standby mode", member);
             StreamingConnection client = new StanClients(natsUrl).connect("steady")) {
            assertTrue(active.output().contains("Server is active"), active.output());
            List<String> acknowledged = new ArrayList<>();
            for (int i = 1; i <= messages; i++) {
                client.publish("orders", bytes("order " + i));
                acknowledged.add("order " + i);
            }
            assertFalse(standby.output().contains(JstanJar.STREAMING_READY), "the standby serves nobody");

            active.kill();
            standby.awaitOutput(JstanJar.STREAMING_READY, Duration.ofSeconds(30));

            String next = "order " + (messages + 1);
            ClientWaits.await(Duration.ofSeconds(60), () -> publishes(client, next),
                    () -> "the client publishes through the new active server");
            acknowledged.add(next);
            StanClients.Received all = new StanClients.Received();
            client.subscribe("orders", all, new SubscriptionOptions.Builder().deliverAllAvailable().build());
            all.await(acknowledged.size());
            assertEquals(acknowledged, all.texts().subList(0, acknowledged.size()));
        } finally {
            active.close();
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

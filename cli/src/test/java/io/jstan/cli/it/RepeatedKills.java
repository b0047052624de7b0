package io.jstan.cli.it;

import io.jstan.broker.testing.ClientWaits;
import io.jstan.broker.testing.StanClients;
import io.nats.streaming.Message;
import io.nats.streaming.NatsStreaming;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.SubscriptionOptions;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static io.jstan.broker.testing.StanClients.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A store keeps what it acknowledged through {@code kill -9}: an async publisher runs while the
 * server is killed at a random moment, {@code cycles} times over the same store; then every message
 * whose PubAck came back is there, once, in order.
 */
final class RepeatedKills {
    /** Starts the jar on the store under test, the same store every time. */
    @FunctionalInterface
    interface Server {
        JstanJar start() throws Exception;
    }

    private RepeatedKills() {
    }

    static void everyAcknowledgedMessageSurvives(int cycles, Server server) throws Exception {
        Random random = new Random();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        for (int cycle = 0; cycle < cycles; cycle++) {
            int killAfterAcks = 200 + random.nextInt(3000);
            try (JstanJar jstan = server.start()) {
                publishUntilKilled(jstan, cycle, killAfterAcks, acknowledged);
            }
        }
        try (JstanJar jstan = server.start(); StreamingConnection reader = jstan.stanClients().connect()) {
            reader.publish("crash", bytes("end"));
            StanClients.Received all = new StanClients.Received();
            reader.subscribe("crash", all, new SubscriptionOptions.Builder().deliverAllAvailable().build());
            ClientWaits.await(Duration.ofSeconds(60), () -> endsWithTheMarker(all.messages()), () -> "the end marker arrives");
            List<Message> messages = all.messages();
            Set<String> stored = new HashSet<>();
            for (int i = 0; i < messages.size(); i++) {
                assertEquals(i + 1, messages.get(i).getSequence(), "sequences follow each other");
                assertTrue(stored.add(StanClients.text(messages.get(i))), "stored twice: " + StanClients.text(messages.get(i)));
            }
            Set<String> missing = new HashSet<>(acknowledged);
            missing.removeAll(stored);
            assertTrue(missing.isEmpty(), missing.size() + " acknowledged messages lost, e.g. " + missing.stream().limit(5).toList());
        }
    }

    private static boolean endsWithTheMarker(List<Message> messages) {
        return !messages.isEmpty() && "end".equals(StanClients.text(messages.get(messages.size() - 1)));
    }

    /** Publishes asynchronously, and kills the server once {@code killAfterAcks} PubAcks came back. */
    private static void publishUntilKilled(JstanJar jstan, int cycle, int killAfterAcks, Set<String> acknowledged)
            throws Exception {
        AtomicInteger acks = new AtomicInteger();
        StreamingConnection publisher = NatsStreaming.connect(StanClients.CLUSTER_ID, "crash-publisher-" + cycle,
                jstan.stanClients().options().maxPubAcksInFlight(256).build());
        try {
            for (int i = 0; acks.get() < killAfterAcks; i++) {
                String payload = cycle + "-" + i;
                publisher.publish("crash", bytes(payload), (guid, error) -> {
                    if (error == null) {
                        acknowledged.add(payload);
                        acks.incrementAndGet();
                    }
                });
            }
        } finally {
            jstan.kill();
            // The streaming close would wait for an answer from the killed server: drop the connection instead.
            publisher.getNatsConnection().close();
        }
    }
}

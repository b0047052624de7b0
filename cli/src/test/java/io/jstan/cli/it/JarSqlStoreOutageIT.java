package io.jstan.cli.it;

import io.jstan.broker.testing.ClientWaits;
import io.jstan.broker.testing.StanClients;
import io.jstan.store.sql.MariaDbTestServer;
import io.jstan.store.sql.PostgresTestServer;
import io.jstan.store.sql.SqlStoreOptions;
import io.jstan.store.sql.TestDatabaseServer;
import io.nats.streaming.Message;
import io.nats.streaming.NatsStreaming;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.SubscriptionOptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.jstan.broker.testing.StanClients.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The database of the SQL store stops while a publisher runs, for longer than four updates of the
 * store lock, and starts again: publishes fail with the store's error meanwhile, the server stays up
 * and serves again once the database is back, without a restart, and every acknowledged message is
 * stored once, in order. Each database server here is the test's own, to stop.
 */
@Timeout(300)
class JarSqlStoreOutageIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "mysql"})
    void theServerServesAgainOnceTheDatabaseIsBack(String driver) throws Exception {
        TestDatabaseServer server = driver.equals("postgres") ? PostgresTestServer.startOwn() : MariaDbTestServer.startOwn();
        SqlStoreOptions database = server.newDatabase();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Set<String> failures = ConcurrentHashMap.newKeySet();
        try (JstanJar jstan = JstanJar.localStreaming("-st", "SQL", "--sql_driver", driver,
                "--sql_source", server.natsStreamingSource(database))) {
            AsyncPublisher publisher = new AsyncPublisher(jstan, acknowledged, failures);
            Thread publishing = new Thread(publisher::run, "outage-publisher");
            publishing.start();
            try {
                ClientWaits.await(WAIT, () -> acknowledged.size() >= 500, () -> "500 publishes acknowledged");
                server.stop();
                ClientWaits.await(WAIT, () -> !failures.isEmpty(), () -> "a publish fails while the database is stopped");
                jstan.awaitOutput("[ERR] STREAM: Store failed: ", WAIT);
                // Longer than nats-streaming-server's holder keeps its lock without the database.
                jstan.awaitOutput("Unable to update store lock (failed=4 ", WAIT);

                server.start();
                jstan.awaitOutput("[INF] STREAM: Store is back", WAIT);
                int acknowledgedWhenBack = acknowledged.size();
                ClientWaits.await(WAIT, () -> acknowledged.size() >= acknowledgedWhenBack + 500,
                        () -> "500 more publishes acknowledged after the database came back");
            } finally {
                publisher.stop();
                publishing.join();
            }
            assertTrue(jstan.isAlive(), "no restart");
            assertFalse(jstan.output().contains("failed on a message"), "every publish answered:\n" + jstan.output());
            assertTrue(failures.stream().anyMatch(error -> error.contains("store unavailable") || error.contains("sql")),
                    "the store's error reached the publisher: " + failures.stream().limit(3).toList());
            assertEveryAcknowledgedMessageStoredOnce(jstan, acknowledged);
        }
    }

    private static void assertEveryAcknowledgedMessageStoredOnce(JstanJar jstan, Set<String> acknowledged) throws Exception {
        try (StreamingConnection reader = jstan.stanClients().connect("outage-reader")) {
            reader.publish("outage", bytes("end"));
            StanClients.Received all = new StanClients.Received();
            reader.subscribe("outage", all, new SubscriptionOptions.Builder().deliverAllAvailable().build());
            ClientWaits.await(WAIT, () -> endsWithTheMarker(all.messages()), () -> "the end marker arrives");
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

    /** Publishes asynchronously until stopped, recording the payloads acknowledged and the errors. */
    private static final class AsyncPublisher {
        private final JstanJar jstan;
        private final Set<String> acknowledged;
        private final Set<String> failures;
        private final AtomicBoolean stopped = new AtomicBoolean();

        AsyncPublisher(JstanJar jstan, Set<String> acknowledged, Set<String> failures) {
            this.jstan = jstan;
            this.acknowledged = acknowledged;
            this.failures = failures;
        }

        void run() {
            try (StreamingConnection publisher = NatsStreaming.connect(StanClients.CLUSTER_ID, "outage-publisher",
                    jstan.stanClients().options().maxPubAcksInFlight(64).build())) {
                for (int i = 0; !stopped.get(); i++) {
                    String payload = Integer.toString(i);
                    publisher.publish("outage", bytes(payload), (guid, error) -> {
                        if (error == null) {
                            acknowledged.add(payload);
                        } else {
                            failures.add(error.getMessage());
                        }
                    });
                }
                publisher.getNatsConnection().flush(Duration.ofSeconds(10));
            } catch (Exception e) {
                failures.add("publisher stopped: " + e);
            }
        }

        void stop() {
            stopped.set(true);
        }
    }
}

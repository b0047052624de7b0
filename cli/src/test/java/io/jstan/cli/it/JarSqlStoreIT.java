package io.jstan.cli.it;

import io.jstan.broker.testing.ReferenceNatsServer;
import io.jstan.broker.testing.StanClients;
import io.jstan.store.sql.MariaDbTestServer;
import io.jstan.store.sql.NatsStreamingServerSchema;
import io.jstan.store.sql.PostgresTestServer;
import io.jstan.store.sql.SqlStoreOptions;
import io.jstan.store.sql.TestDatabaseServer;
import io.jstan.store.testing.FreePorts;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.SubscriptionOptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.jstan.broker.testing.StanClients.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SQL store through the jar: a database that nats-streaming-server 0.25.6 wrote (the
 * reference binary of shared/bench/bin, on the tables its scripts create) opens in jstan with its
 * channel's messages, its durables and durable queue groups at their positions, an unacknowledged
 * durable's pending messages, and its clients; and a fault-tolerance group on one database.
 */
@Timeout(180)
class JarSqlStoreIT {
    private static final SubscriptionOptions DURABLE = new SubscriptionOptions.Builder()
            .durableName("ledger").manualAcks().deliverAllAvailable().build();
    private static final SubscriptionOptions UNACKED = new SubscriptionOptions.Builder()
            .durableName("audit").manualAcks().deliverAllAvailable().ackWait(Duration.ofSeconds(30)).build();

    static Stream<TestDatabaseServer> servers() {
        return Stream.of(PostgresTestServer.shared(), MariaDbTestServer.shared());
    }

    @ParameterizedTest
    @MethodSource("servers")
    void aDatabaseWrittenByNatsStreamingServerOpensInJstan(TestDatabaseServer server) throws Exception {
        Path reference = ReferenceStreamingServer.binary();
        SqlStoreOptions database = server.newDatabase();
        TestDatabaseServer.execute(database, NatsStreamingServerSchema.current(server.dialect()));
        String driver = server.dialect().driverName();
        String source = server.natsStreamingSource(database);

        int port = FreePorts.next();
        Process nss = new ProcessBuilder(reference.toString(), "-a", "127.0.0.1", "-p", Integer.toString(port),
                "-st", "SQL", "--sql_driver", driver, "--sql_source", source)
                .redirectErrorStream(true).redirectOutput(Files.createTempFile("jstan-nss-", ".log").toFile()).start();
        StreamingConnection left;
        try {
            StanClients clients = new StanClients("nats://127.0.0.1:" + port);
            StreamingConnection keeper = connectWhenReady(clients, nss);
            StanClients.Received durable = StanClients.Received.acking();
            keeper.subscribe("entries", durable, DURABLE);
            StanClients.Received shift = StanClients.Received.acking();
            keeper.subscribe("entries", "night", shift, DURABLE);
            StanClients.Received unacked = new StanClients.Received();
            keeper.subscribe("entries", unacked, UNACKED);
            for (int i = 1; i <= 5; i++) {
                keeper.publish("entries", bytes(Integer.toString(i)));
            }
            durable.await(5);
            shift.await(5);
            unacked.await(5);
            keeper.getNatsConnection().flush(Duration.ofSeconds(10));
            keeper.close();
            clients.connect("passer").close();
            left = clients.connect("regular");
            left.publish("entries", bytes("6"));
        } finally {
            nss.destroy();
            assertTrue(nss.waitFor(30, TimeUnit.SECONDS), "nats-streaming-server stops on SIGTERM");
        }
        left.getNatsConnection().close();

        try (JstanJar jstan = JstanJar.localStreaming("-st", "SQL", "--sql_driver", driver, "--sql_source", source);
             StreamingConnection keeper = jstan.stanClients().connect("keeper")) {
            assertTrue(jstan.output().contains("Recovered 1 client(s) and 1 channel(s)"), jstan.output());
            keeper.publish("entries", bytes("7"));
            StanClients.Received durable = StanClients.Received.acking();
            keeper.subscribe("entries", durable, DURABLE);
            StanClients.Received shift = StanClients.Received.acking();
            keeper.subscribe("entries", "night", shift, DURABLE);
            StanClients.Received unacked = StanClients.Received.acking();
            keeper.subscribe("entries", unacked, UNACKED);
            durable.await(2);
            shift.await(2);
            unacked.await(7);
            assertEquals(List.of(6L, 7L), durable.sequences());
            assertEquals(List.of(6L, 7L), shift.sequences());
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), unacked.sequences().stream().sorted().toList());
            StanClients.Received all = new StanClients.Received();
            keeper.subscribe("entries", all, new SubscriptionOptions.Builder().deliverAllAvailable().build());
            all.await(7);
            assertEquals(List.of("1", "2", "3", "4", "5", "6", "7"), all.texts());
        }
    }

    /** Two servers of a fault-tolerance group on one database: the standby takes over once the active one is killed. */
    @ParameterizedTest
    @MethodSource("servers")
    void theStandbyTakesOverWhenTheActiveServerIsKilled(TestDatabaseServer server) throws Exception {
        SqlStoreOptions database = server.newDatabase();
        try (ReferenceNatsServer nats = ReferenceNatsServer.start()) {
            StandbyTakeover.standbyTakesOver(nats.url(), new String[] {"-ns", nats.url(), "-st", "SQL", "--sql_driver",
                    server.dialect().driverName(), "--sql_source", server.natsStreamingSource(database), "--ft_group", "pair"}, 20);
        }
    }

    /** Connects once nats-streaming-server answers, which it does a moment after it started. */
    private static StreamingConnection connectWhenReady(StanClients clients, Process nss) throws Exception {
        long deadline = System.nanoTime() + JstanJar.START_DEADLINE.toNanos();
        while (true) {
            try {
                return clients.connect("keeper");
            } catch (IOException e) {
                if (!nss.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("nats-streaming-server did not serve (" + (nss.isAlive() ? "running" : "exited "
                            + nss.exitValue()) + "): " + e.getMessage(), e);
                }
                nss.waitFor(200, TimeUnit.MILLISECONDS);
            }
        }
    }
}

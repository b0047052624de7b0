package io.jstan.cli.it;

import io.jstan.broker.testing.StanClients;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.SubscriptionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static io.jstan.broker.testing.StanClients.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the FILE store brings back when the server restarts on the same directory: messages,
 * durables and durable queue groups at their positions, the clients it knew, the cluster ID; and
 * its lock file, there only while a server runs on the directory.
 */
@Timeout(120)
class JarFileStoreRestartIT {
    private static final SubscriptionOptions DURABLE = new SubscriptionOptions.Builder()
            .durableName("ledger").manualAcks().deliverAllAvailable().build();

    private static final String LOCK_FILE = "jstan.lock";

    @TempDir
    Path dir;

    @Test
    void durablesAndQueueGroupsResumeAfterARestart() throws Exception {
        try (JstanJar jstan = fileStore(); StreamingConnection client = jstan.stanClients().connect("keeper")) {
            StanClients.Received durable = StanClients.Received.acking();
            client.subscribe("entries", durable, DURABLE);
            StanClients.Received shift = StanClients.Received.acking();
            client.subscribe("entries", "night", shift, DURABLE);
            for (int i = 1; i <= 5; i++) {
                client.publish("entries", bytes(Integer.toString(i)));
            }
            durable.await(5);
            shift.await(5);
            client.getNatsConnection().flush(Duration.ofSeconds(10));
        }
        try (JstanJar jstan = fileStore(); StreamingConnection client = jstan.stanClients().connect("keeper")) {
            client.publish("entries", bytes("6"));
            StanClients.Received durable = StanClients.Received.acking();
            client.subscribe("entries", durable, DURABLE);
            StanClients.Received shift = StanClients.Received.acking();
            client.subscribe("entries", "night", shift, DURABLE);
            durable.await(1);
            shift.await(1);
            assertEquals(List.of(6L), durable.sequences());
            assertEquals(List.of(6L), shift.sequences());
            StanClients.Received all = new StanClients.Received();
            client.subscribe("entries", all, new SubscriptionOptions.Builder().deliverAllAvailable().build());
            all.await(6);
            assertEquals(List.of("1", "2", "3", "4", "5", "6"), all.texts());
        }
    }

    @Test
    void aRestartedServerKnowsItsClients() throws Exception {
        StreamingConnection client;
        try (JstanJar jstan = fileStore()) {
            client = jstan.stanClients().connect("regular");
            client.publish("visits", bytes("hello"));
        }
        // The server stopped under the client, which never closed: it is still registered.
        client.getNatsConnection().close();
        try (JstanJar jstan = fileStore()) {
            assertTrue(jstan.output().contains("Recovered 1 client(s) and 1 channel(s)"), jstan.output());
        }
    }

    @Test
    void anotherClusterIdOnTheSameDirectoryIsRefused() throws Exception {
        try (JstanJar jstan = fileStore(); StreamingConnection client = jstan.stanClients().connect()) {
            client.publish("kept", bytes("data"));
        }
        try (JstanJar other = JstanJar.launch("-a", "127.0.0.1", "-p", "-1", "-st", "FILE", "--dir", dir.toString(),
                "-cid", "other-cluster")) {
            assertEquals(1, other.awaitExit(JstanJar.START_DEADLINE));
            assertTrue(other.output().contains("cluster ID \"other-cluster\" does not match recovered value of \"test-cluster\""),
                    other.output());
        }
        assertFalse(Files.exists(dir.resolve(LOCK_FILE)), "the refused server's lock file is gone");
        try (JstanJar jstan = fileStore(); StreamingConnection client = jstan.stanClients().connect()) {
            StanClients.Received all = new StanClients.Received();
            client.subscribe("kept", all, new SubscriptionOptions.Builder().deliverAllAvailable().build());
            all.await(1);
            assertEquals(List.of("data"), all.texts());
        }
    }

    @Test
    void aSecondServerOnALockedDirectoryDoesNotStart() throws Exception {
        try (JstanJar first = fileStore();
             JstanJar second = JstanJar.launch("-a", "127.0.0.1", "-p", "-1", "-st", "FILE", "--dir", dir.toString())) {
            assertEquals(1, second.awaitExit(JstanJar.START_DEADLINE));
            assertTrue(second.output().contains("locked"), second.output());
            assertTrue(Files.exists(dir.resolve(LOCK_FILE)), "the holder's lock file stays");
            try (StreamingConnection client = first.stanClients().connect()) {
                client.publish("still.served", bytes("yes"));
            }
        }
    }

    @Test
    void aStartRefusedOnANatsStreamingServerStoreLeavesItsDirectoryAsItWas() throws Exception {
        Files.writeString(dir.resolve("server.dat"), "nats-streaming-server's first file");
        try (JstanJar refused = JstanJar.launch("-a", "127.0.0.1", "-p", "-1", "-st", "FILE", "--dir", dir.toString())) {
            assertEquals(1, refused.awaitExit(JstanJar.START_DEADLINE));
            assertTrue(refused.output().contains("holds a nats-streaming-server file store"), refused.output());
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("server.dat"), files.map(file -> file.getFileName().toString()).toList());
        }
    }

    @Test
    void theLockFileIsRemovedWhenTheServerStops() throws Exception {
        try (JstanJar jstan = fileStore()) {
            assertTrue(Files.exists(dir.resolve(LOCK_FILE)));
        }
        assertFalse(Files.exists(dir.resolve(LOCK_FILE)));
    }

    private JstanJar fileStore() throws Exception {
        return JstanJar.localStreaming("-st", "FILE", "--dir", dir.toString());
    }
}

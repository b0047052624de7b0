package io.jstan.deploy;

import io.jstan.broker.testing.ClientWaits;
import io.jstan.broker.testing.StanClients;
import io.jstan.store.testing.FreePorts;
import io.nats.streaming.Message;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.SubscriptionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.jstan.broker.testing.StanClients.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The image as a user runs it: every argument reaches jstan, the server runs as a user of its own,
 * serves streaming clients, reports healthy to docker, and keeps its FILE store in the /data volume
 * across containers.
 */
@Timeout(300)
class ImageIT {
    private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(60);
    private static final SubscriptionOptions DURABLE = new SubscriptionOptions.Builder()
            .durableName("ledger").manualAcks().deliverAllAvailable().build();

    @Test
    void everyArgumentReachesJstan() {
        try (GenericContainer<?> help = JstanContainer.oneShot("--help")) {
            help.start(); // a one-shot container starts once it has exited with 0
            String usage = help.getLogs();
            assertTrue(usage.contains("--cluster_raft_addr"), usage);
        }
    }

    @Test
    void aFileStoreInTheDataVolumeOutlivesItsContainer() throws Exception {
        String volume = "jstan-it-" + UUID.randomUUID();
        DockerClientFactory.lazyClient().createVolumeCmd().withName(volume).exec();
        try {
            int[] ports = FreePorts.next(2);
            try (JstanContainer server = fileStoreOn(volume, ports)) {
                server.start();
                assertEquals("10001", processUid(server), "the server runs as the image's own user");
                try (StreamingConnection client = server.stanClients().connect("keeper")) {
                    StanClients.Received durable = StanClients.Received.acking();
                    client.subscribe("entries", durable, DURABLE);
                    for (int i = 1; i <= 3; i++) {
                        client.publish("entries", bytes(Integer.toString(i)));
                    }
                    assertEquals(List.of("1", "2", "3"), texts(durable.await(3)));
                    client.getNatsConnection().flush(ClientWaits.WAIT);
                }
                ClientWaits.await(HEALTHY_WITHIN, server::isHealthy, () -> "docker reports the container healthy");
                server.stopGracefully(Duration.ofSeconds(30));
            }
            try (JstanContainer server = fileStoreOn(volume, ports)) {
                server.start();
                try (StreamingConnection client = server.stanClients().connect("keeper")) {
                    client.publish("entries", bytes("4"));
                    StanClients.Received durable = StanClients.Received.acking();
                    client.subscribe("entries", durable, DURABLE);
                    assertEquals(List.of("4"), texts(durable.await(1)), "the durable resumes where it was");
                    StanClients.Received all = new StanClients.Received();
                    client.subscribe("entries", all, new SubscriptionOptions.Builder().deliverAllAvailable().build());
                    assertEquals(List.of("1", "2", "3", "4"), texts(all.await(4)));
                }
            }
        } finally {
            DockerClientFactory.lazyClient().removeVolumeCmd(volume).exec();
        }
    }

    private static JstanContainer fileStoreOn(String volume, int[] ports) {
        return new JstanContainer(ports[0], ports[1], "-st", "FILE", "--dir", "/data/store").withDataVolume(volume);
    }

    /** The user ID the container's first process, the JVM, runs as. */
    private static String processUid(JstanContainer server) throws Exception {
        ExecResult status = server.execInContainer("cat", "/proc/1/status");
        return status.getStdout().lines().filter(line -> line.startsWith("Uid:"))
                .map(line -> line.split("\\s+")[1]).findFirst().orElseThrow();
    }

    private static List<String> texts(List<Message> messages) {
        return messages.stream().map(StanClients::text).toList();
    }
}

package io.jstan.deploy;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.jstan.broker.testing.ClientWaits;
import io.jstan.broker.testing.StanClients;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.streaming.Message;
import io.nats.streaming.MessageHandler;
import io.nats.streaming.NatsStreaming;
import io.nats.streaming.Options;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.SubscriptionOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.lifecycle.Startables;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deploy/k8s's StatefulSet as three containers of the image (PodContainer), started together as
 * {@code podManagementPolicy: Parallel} starts them: the cluster forms by itself; the leader's
 * container killed, publishing resumes and every acknowledged message reaches a durable subscriber;
 * a pod left alone is not ready (it has no leader); all three killed and started again, the cluster
 * comes back by itself with every acknowledged message and the durable's position. A pod whose
 * volume is lost starts empty, rejoins and stores every message again. A rolling restart as Kubernetes does it (SIGTERM, the grace period, start,
 * ready, next pod) under a synchronous publisher fails no publish and loses nothing acknowledged.
 */
@Timeout(600)
class PodClusterIT {
    private static final List<String> ADDRESSES = List.of("127.0.0.11", "127.0.0.12", "127.0.0.13");
    private static final Duration FORMED = Duration.ofSeconds(120);
    private static final Duration PUBLISHING_RESUMES = Duration.ofSeconds(30);
    private static final String CLUSTER_ID = "stan";
    /** The JVM's exit code after SIGTERM; 137 would mean the grace period ran out. */
    private static final long SIGTERM_EXIT = 143;
    private static final Path LOGS = Path.of("target", "pod-logs");
    private static final String CHANNEL = "orders";
    private static final SubscriptionOptions DURABLE = new SubscriptionOptions.Builder()
            .durableName("ledger").manualAcks().deliverAllAvailable().build();

    private final List<PodContainer> pods = new ArrayList<>();
    private final List<String> volumes = new ArrayList<>();

    @TempDir
    Path configCopies;

    private Manifests manifests;
    private StatefulSet set;

    @BeforeEach
    void startThePods() throws IOException {
        Files.setPosixFilePermissions(configCopies, PosixFilePermissions.fromString("rwxr-xr-x"));
        manifests = Manifests.load();
        set = manifests.all(StatefulSet.class).get(0);
        for (int ordinal = 0; ordinal < set.getSpec().getReplicas(); ordinal++) {
            pods.add(podOnANewVolume(ordinal));
        }
        Startables.deepStart(pods).join();
    }

    /** Pod {@code ordinal} with an empty volume of its own, not started. */
    private PodContainer podOnANewVolume(int ordinal) throws IOException {
        String volume = "jstan-it-" + UUID.randomUUID();
        DockerClientFactory.lazyClient().createVolumeCmd().withName(volume).exec();
        volumes.add(volume);
        return new PodContainer(manifests, set, ordinal, ADDRESSES, volume,
                port(set, "client"), port(set, "cluster"), port(set, "monitor"), configCopies.resolve(volume));
    }

    @AfterEach
    void removeThePods() throws IOException {
        for (PodContainer pod : pods) {
            pod.saveLogs(LOGS);
        }
        pods.forEach(PodContainer::stop);
        volumes.forEach(volume -> DockerClientFactory.lazyClient().removeVolumeCmd(volume).exec());
    }

    @Test
    void everyAcknowledgedMessageOutlivesTheLeaderAndThenEveryPod() throws Exception {
        awaitEveryPodReady();
        Received durable = Received.acking();
        Publisher publisher = new Publisher();
        PodContainer leader = pods.stream().filter(PodContainer::leads).findFirst().orElseThrow();
        try (Connection subscriberNats = connect("ledger"); StreamingConnection subscriber = stan(subscriberNats, "ledger");
             Connection publisherNats = connect("publisher"); StreamingConnection publishing = stan(publisherNats, "publisher")) {
            subscriber.subscribe(CHANNEL, durable, DURABLE);
            publisher.publishUntil(publishing, () -> publisher.acknowledged() >= 100, PUBLISHING_RESUMES);

            leader.kill();
            long killedAt = System.nanoTime();
            int sentBeforeTheKill = publisher.sent();
            publisher.publishUntil(publishing, () -> publisher.acknowledgedFrom(sentBeforeTheKill) >= 100, PUBLISHING_RESUMES);
            System.out.printf("publishing resumed %d ms after %s was killed%n",
                    (publisher.firstAckTimeFrom(sentBeforeTheKill) - killedAt) / 1_000_000, leader);
            ClientWaits.await(FORMED, () -> durable.texts().containsAll(publisher.acknowledgedTexts()),
                    () -> "every acknowledged message reaches the durable: missing " + publisher.missingFrom(durable));
            // java-nats-streaming 2.2.3's close() fails on a publish whose ack is still pending
            ClientWaits.await(FORMED, publisher::answeredAll, () -> "every publish is acknowledged or timed out");
        }
        List<PodContainer> survivors = pods.stream().filter(pod -> pod != leader).toList();
        survivors.get(0).kill();
        PodContainer alone = survivors.get(1);
        ClientWaits.await(FORMED, () -> alone.monitoring("/streaming/isready").startsWith("503 not ready"),
                () -> alone + ", alone of three, has no leader and is not ready: " + alone.monitoring("/streaming/isready"));
        alone.kill();
        pods.forEach(PodContainer::startAgain);
        awaitEveryPodReady();

        try (Connection nats = connect("ledger"); StreamingConnection client = stan(nats, "ledger")) {
            client.publish(CHANNEL, "after".getBytes(StandardCharsets.UTF_8));
            Received resumed = Received.acking();
            client.subscribe(CHANNEL, resumed, DURABLE);
            ClientWaits.await(FORMED, () -> resumed.texts().contains("after"), () -> "the durable gets the new message");
            assertFalse(resumed.texts().contains("0"), "the durable resumes from its position, not from the start");
            Received everything = new Received(false);
            client.subscribe(CHANNEL, everything, new SubscriptionOptions.Builder().deliverAllAvailable().build());
            ClientWaits.await(FORMED, () -> everything.texts().containsAll(publisher.acknowledgedTexts()),
                    () -> "every acknowledged message is stored: missing " + publisher.missingFrom(everything));
        }
    }

    @Test
    void aPodWhoseVolumeIsLostRejoinsWithEveryMessage() throws Exception {
        awaitEveryPodReady();
        try (Connection nats = connect("writer"); StreamingConnection client = stan(nats, "writer")) {
            for (int i = 0; i < 50; i++) {
                client.publish(CHANNEL, Integer.toString(i).getBytes(StandardCharsets.UTF_8));
            }
        }
        PodContainer lost = pods.stream().filter(pod -> !pod.leads()).findFirst().orElseThrow();
        int ordinal = pods.indexOf(lost);
        lost.kill();
        lost.saveLogs(LOGS.resolve("volume-lost"));
        lost.stop();
        PodContainer replacement = podOnANewVolume(ordinal);
        pods.set(ordinal, replacement);
        replacement.start();
        awaitEveryPodReady();
        ClientWaits.await(FORMED, () -> replacement.monitoring("/streaming/channelsz?channel=" + CHANNEL).contains("\"msgs\": 50,"),
                () -> replacement + " stores the 50 messages: " + replacement.monitoring("/streaming/channelsz?channel=" + CHANNEL));
    }

    @Test
    void aRollingRestartAsKubernetesDoesItFailsNoPublish() throws Exception {
        awaitEveryPodReady();
        Duration grace = Duration.ofSeconds(set.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds());
        try (Connection nats = connect("publisher"); StreamingConnection publisher = NatsStreaming.connect(CLUSTER_ID,
                "publisher", new Options.Builder().natsConn(nats).connectWait(ClientWaits.WAIT).pubAckWait(ClientWaits.WAIT).build())) {
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicReference<String> failure = new AtomicReference<>();
            AtomicBoolean running = new AtomicBoolean(true);
            Thread publishing = new Thread(() -> {
                for (int i = 0; running.get() && failure.get() == null; i++) {
                    String text = Integer.toString(i);
                    try {
                        publisher.publish(CHANNEL, text.getBytes(StandardCharsets.UTF_8));
                        acknowledged.add(text);
                    } catch (Exception e) {
                        failure.compareAndSet(null, text + ": " + e);
                    }
                }
            }, "publisher");
            publishing.start();
            try {
                for (int ordinal = pods.size() - 1; ordinal >= 0; ordinal--) {
                    awaitMoreAcks(acknowledged, failure);
                    assertEquals(SIGTERM_EXIT, pods.get(ordinal).stopGracefully(grace), pods.get(ordinal) + " ends by itself on SIGTERM");
                    pods.get(ordinal).startAgain();
                    awaitEveryPodReady();
                }
                awaitMoreAcks(acknowledged, failure);
            } finally {
                running.set(false);
                publishing.join();
            }
            assertNull(failure.get(), "a publish failed");
            Received everything = new Received(false);
            publisher.subscribe(CHANNEL, everything, new SubscriptionOptions.Builder().deliverAllAvailable().build());
            ClientWaits.await(FORMED, () -> everything.texts().containsAll(acknowledged), () -> "every acknowledged message is stored");
        }
    }

    private static void awaitMoreAcks(Set<String> acknowledged, AtomicReference<String> failure) {
        int target = acknowledged.size() + 100;
        ClientWaits.await(FORMED, () -> acknowledged.size() >= target || failure.get() != null,
                () -> "100 more publishes are acknowledged (" + acknowledged.size() + " so far)");
        assertNull(failure.get(), "a publish failed");
    }

    private void awaitEveryPodReady() {
        ClientWaits.await(FORMED, () -> pods.stream().allMatch(PodContainer::ready), () -> "every pod is ready: "
                + pods.stream().map(pod -> pod + " " + pod.monitoring("/streaming/isready")).toList());
    }

    /** A NATS connection to every pod, reconnecting at once and forever, as a client of a cluster should. */
    private Connection connect(String name) throws Exception {
        return Nats.connect(new io.nats.client.Options.Builder()
                .servers(pods.stream().map(PodContainer::natsUrl).toArray(String[]::new))
                .connectionName(name).maxReconnects(-1).reconnectWait(Duration.ofMillis(50)).build());
    }

    private static StreamingConnection stan(Connection nats, String clientId) throws Exception {
        return NatsStreaming.connect(CLUSTER_ID, clientId, new Options.Builder().natsConn(nats)
                .connectWait(ClientWaits.WAIT).pubAckWait(Duration.ofSeconds(2)).build());
    }

    private static int port(StatefulSet set, String name) {
        return set.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().stream()
                .filter(port -> port.getName().equals(name)).findFirst().map(ContainerPort::getContainerPort).orElseThrow();
    }

    /**
     * Publishes numbered messages asynchronously, one every millisecond (a steady load, not a wait),
     * and keeps which were acknowledged and when.
     */
    private static final class Publisher {
        private static final long PACE_NANOS = Duration.ofMillis(1).toNanos();
        private final Map<Integer, Long> ackTimes = new ConcurrentHashMap<>();
        private final AtomicInteger answered = new AtomicInteger();
        private int sent;

        void publishUntil(StreamingConnection connection, ClientWaits.Condition done, Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.holds()) {
                assertTrue(System.nanoTime() < deadline, () -> "publishing goes on: " + ackTimes.size() + " of " + sent
                        + " acknowledged");
                int number = sent++;
                connection.publish(CHANNEL, Integer.toString(number).getBytes(StandardCharsets.UTF_8), (guid, error) -> {
                    if (error == null) {
                        ackTimes.put(number, System.nanoTime());
                    }
                    answered.incrementAndGet();
                });
                LockSupport.parkNanos(PACE_NANOS);
            }
        }

        int sent() {
            return sent;
        }

        boolean answeredAll() {
            return answered.get() == sent;
        }

        int acknowledged() {
            return ackTimes.size();
        }

        long acknowledgedFrom(int number) {
            return ackTimes.keySet().stream().filter(n -> n >= number).count();
        }

        long firstAckTimeFrom(int number) {
            return ackTimes.entrySet().stream().filter(e -> e.getKey() >= number).mapToLong(Map.Entry::getValue).min().orElseThrow();
        }

        Set<String> acknowledgedTexts() {
            return ackTimes.keySet().stream().map(n -> Integer.toString(n)).collect(Collectors.toSet());
        }

        List<String> missingFrom(Received received) {
            Set<String> got = received.texts();
            return acknowledgedTexts().stream().filter(text -> !got.contains(text)).sorted().limit(20).toList();
        }
    }

    /** Records what a subscription receives; acks each message first when it has manual acks. */
    private static final class Received implements MessageHandler {
        private final Set<String> texts = ConcurrentHashMap.newKeySet();
        private final boolean acks;

        Received(boolean acks) {
            this.acks = acks;
        }

        static Received acking() {
            return new Received(true);
        }

        @Override
        public void onMessage(Message message) {
            if (acks) {
                try {
                    message.ack();
                } catch (IOException e) {
                    return; // not acknowledged: it comes again
                }
            }
            texts.add(StanClients.text(message));
        }

        Set<String> texts() {
            return Set.copyOf(texts);
        }
    }
}

package io.jstan.cli.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.jstan.broker.testing.ClientWaits;
import io.jstan.broker.testing.StanClients;
import io.nats.streaming.Message;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.Subscription;
import io.nats.streaming.SubscriptionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code jstan migrate} on stores written by the real nats-streaming-server 0.25: the server is
 * driven by java-nats-streaming, stopped, its store migrated by the jar, and jstan started on the
 * result must serve the same messages, byte for byte, and the same subscriptions at the same
 * positions, as the monitoring endpoints and the clients see them.
 */
@Timeout(180)
class JarMigrateIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MIGRATION_DEADLINE = Duration.ofSeconds(60);
    /** Per-channel limits, in the configuration file both servers run with: "limited" keeps its last 40 messages. */
    private static final String LIMITS = "streaming: { store_limits: { channels: { limited: { max_msgs: 40 } } } }\n";

    @TempDir
    Path dir;

    @Test
    void aStoppedServersStoreComesOverWithItsMessagesSubscriptionsAndLimits() throws Exception {
        Path source = dir.resolve("nss");
        Path config = Files.writeString(dir.resolve("limits.conf"), LIMITS);
        Map<String, JsonNode> before;
        Map<String, List<String>> messagesBefore;
        // Message files of 10 messages (a FILE option jstan has no use for, so given to nats-streaming-server alone).
        try (ReferenceStreamingServer nss = ReferenceStreamingServer.start(source, "-c", config.toString(),
                "--file_slice_max_msgs", "10")) {
            StanClients clients = nss.clients();
            // A client connected when the server stops, with a subscription that is not durable.
            StreamingConnection watcher = clients.connect("watcher");
            watcher.subscribe("orders", message -> { });
            try (StreamingConnection publisher = clients.connect("publisher")) {
                for (int i = 1; i <= 50; i++) {
                    publisher.publish("orders", payload(i));
                }
                // The file of 51..60 stays, 51..55 removed from it only by the count.
                for (int i = 1; i <= 95; i++) {
                    publisher.publish("limited", ("limited " + i).getBytes(StandardCharsets.UTF_8));
                }
                for (int i = 1; i <= 20; i++) {
                    publisher.publish("jobs", ("job " + i).getBytes(StandardCharsets.UTF_8));
                }
            }
            try (StreamingConnection keeper = clients.connect("keeper"); StreamingConnection worker = clients.connect("worker")) {
                receiveAndAckSome(keeper, "orders", null, "dur", 50, 30);
                receiveAndAckSome(worker, "jobs", "workers", "qd", 20, 15);
                ClientWaits.await(() -> pendingCounts(nss).equals(Map.of("orders", 20, "jobs", 5)),
                        "the acks are stored");
            }
            messagesBefore = allMessages(clients, monitoring(nss.monitorUrl()).get("channels"));
            nss.stop();
            watcher.getNatsConnection().close();
        }
        Map<Path, String> sourceFiles = digests(source);
        // What jstan must show is what nats-streaming-server shows once restarted on its store (a copy: it writes to it).
        Path restarted = copy(source, dir.resolve("nss-restarted"));
        try (ReferenceStreamingServer nss = ReferenceStreamingServer.start(restarted, "-c", config.toString(),
                "--file_slice_max_msgs", "10")) {
            before = monitoring(nss.monitorUrl());
        }

        Path target = dir.resolve("jstan");
        String summary = migrate(0, "--from", source.toString(), "--to", target.toString(), "-c", config.toString());
        assertTrue(summary.contains("channels:      3"), summary);
        assertTrue(summary.contains("messages:      115 read, 110 kept (5 dropped by the limits)"), summary);
        assertTrue(summary.contains("subscriptions: 3 (25 pending messages)"), summary);
        assertEquals(sourceFiles, digests(source), "the source is only read");

        try (JstanJar jstan = JstanJar.localStreaming("-c", config.toString(), "-m", "-1", "--store", "file", "--dir", target.toString())) {
            String monitor = monitorUrl(jstan);
            assertEquals(before, monitoring(monitor));
            assertEquals(messagesBefore, allMessages(jstan.stanClients(), before.get("channels")));

            try (StreamingConnection keeper = jstan.stanClients().connect("keeper")) {
                StanClients.Received durable = StanClients.Received.acking();
                keeper.subscribe("orders", durable, new SubscriptionOptions.Builder().durableName("dur").manualAcks().build());
                List<Message> redelivered = durable.await(20);
                assertEquals(range(31, 50), redelivered.stream().map(Message::getSequence).toList());
                assertTrue(redelivered.stream().allMatch(Message::isRedelivered), "the unacknowledged messages are redelivered");
                keeper.publish("orders", payload(51));
                assertEquals(51L, durable.await(21).get(20).getSequence(), "the durable goes on after its last sent message");
            }
            try (StreamingConnection worker = jstan.stanClients().connect("worker")) {
                StanClients.Received member = StanClients.Received.acking();
                worker.subscribe("jobs", "workers", member, new SubscriptionOptions.Builder().durableName("qd").manualAcks().build());
                assertEquals(range(16, 20), member.await(5).stream().map(Message::getSequence).sorted().toList());
            }
        }
    }

    @Test
    void aMigratedStoreSeedsAClusterWhoseOtherNodesReceiveItBySnapshot() throws Exception {
        Path source = dir.resolve("nss");
        Map<String, JsonNode> before;
        Map<String, List<String>> messagesBefore;
        try (ReferenceStreamingServer nss = ReferenceStreamingServer.start(source)) {
            try (StreamingConnection publisher = nss.clients().connect("publisher")) {
                for (int i = 1; i <= 30; i++) {
                    publisher.publish("orders", payload(i));
                }
            }
            try (StreamingConnection keeper = nss.clients().connect("keeper")) {
                receiveAndAckSome(keeper, "orders", null, "dur", 30, 20);
                ClientWaits.await(() -> pendingCounts(nss).equals(Map.of("orders", 10)), "the acks are stored");
            }
            before = monitoring(nss.monitorUrl());
            messagesBefore = allMessages(nss.clients(), before.get("channels"));
        }
        Path nodes = dir.resolve("nodes");
        String summary = migrate(0, "--from", source.toString(), "--to", nodes.resolve("a").toString(), "--cluster_node_id", "a");
        assertTrue(summary.contains("subscriptions: 1 (10 pending messages)"), summary);

        try (JarCluster cluster = JarCluster.bootstrappedOneByOne(nodes, 3)) {
            assertTrue(cluster.member("a").jar().output().contains("Raft: seeding group test-cluster with the store's state"),
                    cluster.member("a").jar().output());
            for (JarCluster.Member member : cluster.members()) {
                ClientWaits.await(JarCluster.ELECTED, () -> before.get("channels").equals(channelsOf(member)),
                        () -> member + " holds the migrated channels: " + channelsOf(member));
            }
            assertEquals(messagesBefore, allMessages(new StanClients(cluster.member("b").url()), before.get("channels")));
        }
    }

    /** The channels a cluster member's monitoring shows, sorted as {@link #monitoring} sorts them; null while it does not answer. */
    private static JsonNode channelsOf(JarCluster.Member member) {
        JsonNode channelsz = member.monitoring("/streaming/channelsz?subs=1");
        return channelsz == null ? null : sortedChannels(channelsz.path("channels"));
    }

    @Test
    void whatAKilledServerAcknowledgedComesOver() throws Exception {
        Path source = dir.resolve("nss");
        List<String> published = new ArrayList<>();
        Map<String, JsonNode> before;
        try (ReferenceStreamingServer nss = ReferenceStreamingServer.start(source)) {
            try (StreamingConnection publisher = nss.clients().connect("publisher")) {
                for (int i = 1; i <= 100; i++) {
                    String channel = i % 2 == 0 ? "even" : "odd";
                    publisher.publish(channel, payload(i));
                    published.add(channel + " " + Base64.getEncoder().encodeToString(payload(i)));
                }
            }
            before = monitoring(nss.monitorUrl());
            nss.kill();
        }
        Path target = dir.resolve("jstan");
        migrate(0, "--from", source.toString(), "--to", target.toString());
        try (JstanJar jstan = JstanJar.localStreaming("-m", "-1", "--store", "file", "--dir", target.toString())) {
            assertEquals(before.get("channels"), monitoring(monitorUrl(jstan)).get("channels"));
            List<String> received = new ArrayList<>();
            allMessages(jstan.stanClients(), before.get("channels")).values().forEach(received::addAll);
            assertEquals(published.stream().sorted().toList(), received.stream().map(JarMigrateIT::channelAndData).sorted().toList());
        }
    }

    @Test
    void anEncryptedStoreIsDecryptedWithItsKeyAndEncryptedAgain() throws Exception {
        Path source = dir.resolve("nss");
        Map<String, JsonNode> before;
        Map<String, List<String>> messagesBefore;
        try (ReferenceStreamingServer nss = ReferenceStreamingServer.start(source, "--encrypt", "--encryption_key", "s3cret")) {
            try (StreamingConnection publisher = nss.clients().connect("publisher")) {
                for (int i = 1; i <= 30; i++) {
                    publisher.publish("secrets", payload(i));
                }
            }
            before = monitoring(nss.monitorUrl());
            messagesBefore = allMessages(nss.clients(), before.get("channels"));
        }
        String wrongKey = migrate(1, "--from", source.toString(), "--to", dir.resolve("wrong").toString(), "--encryption_key", "other");
        assertTrue(wrongKey.contains("cannot be decrypted (wrong encryption key, or damaged data)"), wrongKey);
        assertEmptyDirectory(dir.resolve("wrong"));

        Path target = dir.resolve("jstan");
        migrate(0, "--from", source.toString(), "--to", target.toString(), "--encryption_key", "s3cret", "--encrypt",
                "--encryption_cipher", "CHACHA");
        try (JstanJar jstan = JstanJar.localStreaming("-m", "-1", "--store", "file", "--dir", target.toString(),
                "--encrypt", "--encryption_key", "s3cret")) {
            assertEquals(messagesBefore, allMessages(jstan.stanClients(), before.get("channels")));
        }
    }

    @Test
    void aCorruptRecordStopsTheMigrationUnlessCorruptRecordsAreSkipped() throws Exception {
        Path source = dir.resolve("nss");
        try (ReferenceStreamingServer nss = ReferenceStreamingServer.start(source)) {
            try (StreamingConnection publisher = nss.clients().connect("publisher")) {
                for (int i = 1; i <= 30; i++) {
                    publisher.publish("orders", payload(i));
                }
            }
        }
        Path slice = source.resolve("orders").resolve("msgs.1.dat");
        Path original = Files.copy(slice, dir.resolve("msgs.1.dat.original"));

        // A byte of the second message's payload changed: its CRC no longer matches.
        long second;
        try (RandomAccessFile file = new RandomAccessFile(slice.toFile(), "rw")) {
            file.seek(4);
            second = 4 + 8 + Integer.reverseBytes(file.readInt());
            file.seek(second + 8 + 3);
            int value = file.read();
            file.seek(second + 8 + 3);
            file.write(value ^ 0xff);
        }
        String stopped = migrate(1, "--from", source.toString(), "--to", dir.resolve("stopped").toString());
        assertTrue(stopped.contains("corrupt record in " + slice + " at offset " + second + ": CRC-32 mismatch"), stopped);
        assertTrue(stopped.contains("nothing was written to " + dir.resolve("stopped")), stopped);
        assertEmptyDirectory(dir.resolve("stopped"));
        String skipped = migrate(0, "--from", source.toString(), "--to", dir.resolve("skipped").toString(), "--skip_corrupt");
        assertTrue(skipped.contains("skipped corrupt record in " + slice + " at offset " + second), skipped);
        assertTrue(skipped.contains("messages:      29 read, 30 kept"), skipped);
        assertTrue(skipped.contains("corrupt records skipped: 1 (1 messages replaced by empty ones)"), skipped);

        // The file cut in the middle of its last record, as a crash while writing leaves it.
        Files.copy(original, slice, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (RandomAccessFile file = new RandomAccessFile(slice.toFile(), "rw")) {
            file.setLength(file.length() - 5);
        }
        String truncated = migrate(1, "--from", source.toString(), "--to", dir.resolve("truncated").toString());
        assertTrue(truncated.matches("(?s).*corrupt record in " + java.util.regex.Pattern.quote(slice.toString())
                + " at offset \\d+: the record's payload is cut short.*"), truncated);
        assertEmptyDirectory(dir.resolve("truncated"));
        String kept = migrate(0, "--from", source.toString(), "--to", dir.resolve("kept").toString(), "--skip_corrupt");
        assertTrue(kept.contains("messages:      29 read, 29 kept"), kept);
    }

    @Test
    void anEmptyStoreComesOverWithItsClusterId() throws Exception {
        Path source = dir.resolve("nss");
        try (ReferenceStreamingServer nss = ReferenceStreamingServer.start(source, "--cluster_id", "empty-cluster")) {
            nss.stop();
        }
        Path target = dir.resolve("jstan");
        String summary = migrate(0, "--from", source.toString(), "--to", target.toString());
        assertTrue(summary.contains("(cluster ID \"empty-cluster\")"), summary);
        assertTrue(summary.contains("channels:      0"), summary);
        try (JstanJar jstan = JstanJar.launch("-a", "127.0.0.1", "-p", "-1", "--store", "file", "--dir", target.toString())) {
            assertEquals(1, jstan.awaitExit(JstanJar.START_DEADLINE));
            assertTrue(jstan.output().contains("cluster ID \"test-cluster\" does not match recovered value of \"empty-cluster\""),
                    jstan.output());
        }
    }

    @Test
    void aDestinationThatIsNotEmptyIsRefusedAndLeftAsItWas() throws Exception {
        Path source = dir.resolve("nss");
        try (ReferenceStreamingServer nss = ReferenceStreamingServer.start(source)) {
            nss.stop();
        }
        Path target = Files.createDirectories(dir.resolve("jstan"));
        Path kept = Files.writeString(target.resolve("notes.txt"), "mine");
        String refused = migrate(2, "--from", source.toString(), "--to", target.toString());
        assertTrue(refused.contains("the destination " + target + " is not empty"), refused);
        assertEquals(List.of(kept), list(target));
        assertEquals("mine", Files.readString(kept));
    }

    /** Runs {@code jstan migrate} and checks its exit code; returns its output. */
    private static String migrate(int exitCode, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("migrate"));
        all.addAll(List.of(args));
        try (JstanJar migration = JstanJar.launch(all.toArray(String[]::new))) {
            assertEquals(exitCode, migration.awaitExit(MIGRATION_DEADLINE), migration.output());
            return migration.output();
        }
    }

    /** Receives {@code count} messages on a durable (of a queue group when {@code group} is set), and acks the first {@code acked}. */
    private static void receiveAndAckSome(StreamingConnection client, String channel, String group, String durable, int count, int acked)
            throws Exception {
        StanClients.Received received = new StanClients.Received();
        SubscriptionOptions options = new SubscriptionOptions.Builder().durableName(durable).manualAcks().maxInFlight(100)
                .deliverAllAvailable().build();
        if (group == null) {
            client.subscribe(channel, received, options);
        } else {
            client.subscribe(channel, group, received, options);
        }
        for (Message message : received.await(count).subList(0, acked)) {
            message.ack();
        }
    }

    /** The pending messages of each channel's subscriptions together, by channel, from channelsz (channels with subscriptions only). */
    static Map<String, Integer> pendingCounts(ReferenceStreamingServer nss) throws Exception {
        Map<String, Integer> counts = new TreeMap<>();
        for (JsonNode channel : nss.monitor("/streaming/channelsz?subs=1").path("channels")) {
            for (JsonNode sub : channel.path("subscriptions")) {
                counts.merge(channel.get("name").asText(), sub.path("pending_count").asInt(), Integer::sum);
            }
        }
        return counts;
    }

    /** What monitoring shows of the store: channels with their subscriptions, and clients, each sorted. */
    private static Map<String, JsonNode> monitoring(String monitorUrl) throws Exception {
        ArrayNode channels = sortedChannels(get(monitorUrl, "/streaming/channelsz?subs=1").path("channels"));
        ArrayNode clients = sorted(get(monitorUrl, "/streaming/clientsz").path("clients"), "id");
        return Map.of("channels", channels, "clients", clients);
    }

    private static ArrayNode sortedChannels(JsonNode array) {
        ArrayNode channels = sorted(array, "name");
        for (JsonNode channel : channels) {
            if (channel.has("subscriptions")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) channel).set("subscriptions",
                        sorted(channel.get("subscriptions"), "inbox"));
            }
        }
        return channels;
    }

    private static ArrayNode sorted(JsonNode array, String field) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        items.sort(Comparator.comparing(item -> item.path(field).asText()));
        return JSON.createArrayNode().addAll(items);
    }

    /** Every message of every channel, as a new subscriber receives them: sequence, timestamp, subject and payload. */
    private static Map<String, List<String>> allMessages(StanClients clients, JsonNode channels) throws Exception {
        Map<String, List<String>> messages = new TreeMap<>();
        try (StreamingConnection reader = clients.connect("reader")) {
            for (JsonNode channel : channels) {
                String name = channel.get("name").asText();
                StanClients.Received received = new StanClients.Received();
                Subscription subscription = reader.subscribe(name, received,
                        new SubscriptionOptions.Builder().deliverAllAvailable().build());
                List<String> described = new ArrayList<>();
                for (Message message : received.await(channel.get("msgs").asInt())) {
                    described.add(message.getSequence() + " " + message.getTimestamp() + " " + message.getSubject() + " "
                            + Base64.getEncoder().encodeToString(message.getData()));
                }
                subscription.close();
                messages.put(name, described);
            }
        }
        return messages;
    }

    private static String channelAndData(String described) {
        String[] parts = described.split(" ", -1);
        return parts[2] + " " + parts[3];
    }

    /** Payloads of many sizes, empty for every tenth, with every byte value. */
    private static byte[] payload(int i) {
        if (i % 10 == 0) {
            return new byte[0];
        }
        byte[] payload = new byte[(i * 37) % 300];
        for (int j = 0; j < payload.length; j++) {
            payload[j] = (byte) (i + j);
        }
        return payload;
    }

    private static List<Long> range(long from, long to) {
        List<Long> range = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            range.add(i);
        }
        return range;
    }

    private static String monitorUrl(JstanJar jstan) {
        java.util.regex.Matcher monitor = java.util.regex.Pattern.compile("Starting http monitor on \\S+:(\\d+)").matcher(jstan.output());
        assertTrue(monitor.find(), jstan.output());
        return "http://127.0.0.1:" + monitor.group(1);
    }

    private static JsonNode get(String monitorUrl, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(monitorUrl + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static Map<Path, String> digests(Path root) throws Exception {
        Map<Path, String> digests = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
                digests.put(root.relativize(file), HexFormat.of().formatHex(digest));
            }
        }
        return digests;
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Files.copy(path, to.resolve(from.relativize(path).toString()));
            }
        }
        return to;
    }

    private static void assertEmptyDirectory(Path path) throws IOException {
        assertEquals(List.of(), list(path), "nothing is left in " + path);
    }

    private static List<Path> list(Path path) throws IOException {
        try (Stream<Path> entries = Files.list(path)) {
            return entries.toList();
        }
    }
}

package io.jstan.cli.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jstan.broker.testing.ClientWaits;
import io.jstan.broker.testing.StanClients;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.streaming.NatsStreaming;
import io.nats.streaming.StreamingConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a channel counts for max_bytes and in monitoring, per store type, and the log lines alerts
 * are built on. The figures are nats-streaming-server 0.25.6's for the same messages (128-byte
 * payloads on "orders", as stan-bench publishes them): its FILE store counts 40 bytes a message
 * more than its MEMORY store.
 */
@Timeout(120)
class JarStoreAccountingIT {
    private static final Pattern MONITOR = Pattern.compile("Starting http monitor on \\S+:(\\d+)");
    private static final String CREATED = "[INF] STREAM: Channel \"orders\" has been created\n";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theFileStoreCountsAsNatsStreamingServersFileStoreAcrossARestart() throws Exception {
        try (JstanJar jstan = fileStore()) {
            publish(jstan, 1000);
            assertChannel(jstan, 1000, 191_873, 1);
            assertTotals(jstan, 1000, 191_873);
            assertEquals(1, occurrences(jstan.output(), CREATED), jstan.output());
        }
        try (JstanJar jstan = fileStore()) {
            assertChannel(jstan, 1000, 191_873, 1);
            assertTotals(jstan, 1000, 191_873);
            assertEquals(0, occurrences(jstan.output(), CREATED), "a recovered channel is not created:\n" + jstan.output());
        }
    }

    @Test
    void theMemoryStoreCountsAsNatsStreamingServersMemoryStore() throws Exception {
        try (JstanJar jstan = monitored()) {
            publish(jstan, 1000);
            assertChannel(jstan, 1000, 151_873, 1);
            assertTotals(jstan, 1000, 151_873);
            assertEquals(1, occurrences(jstan.output(), CREATED), jstan.output());
        }
    }

    @Test
    void maxBytesKeepsWhatNatsStreamingServersFileStoreKeeps() throws Exception {
        try (JstanJar jstan = monitored("-st", "FILE", "--dir", dir.toString(), "-mb", "10000")) {
            publish(jstan, 100);
            assertChannel(jstan, 52, 9932, 49);
            assertLimitsWarnedOnce(jstan, "(msgs=52/1000000 bytes=9.70 KB/9.77 KB)");
        }
    }

    @Test
    void maxBytesKeepsWhatNatsStreamingServersMemoryStoreKeeps() throws Exception {
        try (JstanJar jstan = monitored("-mb", "10000")) {
            publish(jstan, 100);
            assertChannel(jstan, 66, 9966, 35);
            assertLimitsWarnedOnce(jstan, "(msgs=66/1000000 bytes=9.73 KB/9.77 KB)");
        }
    }

    /** The warning comes with the first message dropped, and not again while the server runs. */
    private static void assertLimitsWarnedOnce(JstanJar jstan, String counts) throws Exception {
        String warning = "[WRN] STREAM: Reached limits for store \"orders\" " + counts
                + ", dropping old messages to make room for new ones\n";
        assertEquals(1, occurrences(jstan.output(), warning), jstan.output());
        publish(jstan, 100);
        assertEquals(1, occurrences(jstan.output(), "Reached limits"), jstan.output());
    }

    private JstanJar fileStore() throws Exception {
        return monitored("-st", "FILE", "--dir", dir.toString());
    }

    private static JstanJar monitored(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("-m", "-1"));
        all.addAll(List.of(args));
        return JstanJar.localStreaming(all.toArray(String[]::new));
    }

    /**
     * Publishes {@code count} messages of 128 bytes on "orders", and waits for every PubAck. The
     * NATS connection is given the client's whole wait to connect: a first connection to a server
     * just started, on a busy machine, may take longer than jnats's default of 2 s, which is not
     * what this test is about.
     */
    private static void publish(JstanJar jstan, int count) throws Exception {
        io.nats.client.Options patient = new io.nats.client.Options.Builder().server(jstan.url())
                .connectionTimeout(ClientWaits.WAIT).build();
        try (Connection nats = Nats.connect(patient);
             StreamingConnection client = NatsStreaming.connect(StanClients.CLUSTER_ID, "accountant",
                     jstan.stanClients().options().natsConn(nats).build())) {
            CountDownLatch acked = new CountDownLatch(count);
            byte[] payload = new byte[128];
            for (int i = 0; i < count; i++) {
                client.publish("orders", payload, (guid, error) -> acked.countDown());
            }
            assertTrue(acked.await(ClientWaits.WAIT.toMillis(), TimeUnit.MILLISECONDS), "every message is acknowledged");
        }
    }

    private static void assertChannel(JstanJar jstan, long msgs, long bytes, long firstSequence) throws Exception {
        JsonNode orders = get(jstan, "/streaming/channelsz?channel=orders");
        assertEquals(msgs, orders.get("msgs").asLong(), orders.toString());
        assertEquals(bytes, orders.get("bytes").asLong(), orders.toString());
        assertEquals(firstSequence, orders.get("first_seq").asLong(), orders.toString());
    }

    private static void assertTotals(JstanJar jstan, long msgs, long bytes) throws Exception {
        for (String endpoint : List.of("/streaming/storez", "/streaming/serverz")) {
            JsonNode totals = get(jstan, endpoint);
            assertEquals(msgs, totals.get("total_msgs").asLong(), endpoint + ": " + totals);
            assertEquals(bytes, totals.get("total_bytes").asLong(), endpoint + ": " + totals);
        }
    }

    private static JsonNode get(JstanJar jstan, String path) throws Exception {
        Matcher monitor = MONITOR.matcher(jstan.output());
        assertTrue(monitor.find(), jstan.output());
        URI uri = URI.create("http://127.0.0.1:" + monitor.group(1) + path);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}

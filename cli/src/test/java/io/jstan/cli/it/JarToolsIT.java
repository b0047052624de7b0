package io.jstan.cli.it;

import io.jstan.store.testing.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code jstan pub}, {@code jstan sub} and {@code jstan bench}, each run from the jar as a process
 * of its own against one jstan server process: the official java-nats-streaming client against
 * jstan's streaming engine. Every wait is on the tools' output or exit, with a deadline; each
 * test has channels of its own, so that the tests can share the server.
 */
@Timeout(120)
class JarToolsIT {
    /** A tool process: a JVM start, a connect and a few requests, on a machine that may be busy. */
    private static final Duration TOOL_DEADLINE = Duration.ofSeconds(30);
    /** SIGTERM's exit status for a JVM: 128 + 15. */

    private static JstanJar server;
    private static int httpPort;

    @BeforeAll
    static void startServer() throws Exception {
        httpPort = FreePorts.next();
        server = JstanJar.localStreaming("-m", Integer.toString(httpPort));
    }

    @AfterAll
    static void stopServer() throws Exception {
        JstanJar.closeAll(server);
    }

    @Test
    void subscriberPrintsWhatIsPublishedAndUnsubscribesOnSigterm() throws Exception {
        try (JstanJar sub = JstanJar.launch("sub", "-s", server.url(), "tools.it.live")) {
            sub.awaitOutput("Listening on [tools.it.live]", TOOL_DEADLINE);

            String published = publish("tools.it.live", "hello");

            assertTrue(Pattern.matches("Published \\[tools\\.it\\.live] : 'hello' \\[guid: \\w+]\n", published), published);
            sub.awaitOutput("[#1] Received: sequence:1 subject:\"tools.it.live\" data:\"hello\" timestamp:", TOOL_DEADLINE);
            sub.terminate();
            assertEquals(JstanJar.TERMINATED, sub.awaitExit(TOOL_DEADLINE));
            assertTrue(sub.output().contains("Interrupted: unsubscribing and closing the connection\nClosed after 1 messages\n"),
                    sub.output());
        }
    }

    @Test
    void subscriberWhoseOutputIsClosedUnsubscribesAndExits(@TempDir Path dir) throws Exception {
        publish("tools.it.head", "first");
        Path errors = dir.resolve("sub.stderr");
        Process sub = new ProcessBuilder(JstanJar.javaJarCommand("sub", "-s", server.url(), "--all", "tools.it.head"))
                .redirectError(errors.toFile()).start();
        try {
            BufferedReader output = new BufferedReader(new InputStreamReader(sub.getInputStream(), StandardCharsets.UTF_8));
            String firstLine = CompletableFuture.supplyAsync(() -> {
                try {
                    return output.readLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).get(TOOL_DEADLINE.toSeconds(), TimeUnit.SECONDS);
            assertTrue(firstLine.startsWith("[#1] Received: sequence:1 subject:\"tools.it.head\" data:\"first\""), firstLine);
            output.close();

            publish("tools.it.head", "second");

            assertTrue(sub.waitFor(TOOL_DEADLINE.toSeconds(), TimeUnit.SECONDS), "jstan sub exits once its output is closed");
            String status = Files.readString(errors);
            assertEquals(0, sub.exitValue(), status);
            assertTrue(status.contains("Output closed: unsubscribing and closing the connection\nClosed after 1 messages\n"), status);
        } finally {
            sub.destroyForcibly();
        }
    }

    @Test
    void asyncPublishPrintsTheGuidThenItsAck() throws Exception {
        try (JstanJar pub = JstanJar.launch("pub", "-s", server.url(), "-a", "tools.it.async", "hi")) {
            assertEquals(0, pub.awaitExit(TOOL_DEADLINE), pub.output());
            assertTrue(Pattern.matches("Published \\[tools\\.it\\.async] : 'hi' \\[guid: (\\w+)]\nReceived ACK for guid \\1\n",
                    pub.output()), pub.output());
        }
    }

    @Test
    void deliverAllWithManualAcksGetsWhatWasPublishedBefore() throws Exception {
        publish("tools.it.all", "first");
        publish("tools.it.all", "second");

        try (JstanJar sub = JstanJar.launch("sub", "-s", server.url(), "--all", "--manual_ack", "tools.it.all")) {
            sub.awaitOutput("[#1] Received: sequence:1 subject:\"tools.it.all\" data:\"first\"", TOOL_DEADLINE);
            sub.awaitOutput("[#2] Received: sequence:2 subject:\"tools.it.all\" data:\"second\"", TOOL_DEADLINE);
        }
    }

    @Test
    void closedDurableResumesWhereItStopped() throws Exception {
        String[] durableSub = {"sub", "-s", server.url(), "-id", "tools-it-durable", "--durable", "d", "tools.it.durable"};
        try (JstanJar sub = JstanJar.launch(durableSub)) {
            sub.awaitOutput("Listening on [tools.it.durable]", TOOL_DEADLINE);
            publish("tools.it.durable", "before");
            sub.awaitOutput("data:\"before\"", TOOL_DEADLINE);
            // The client acknowledges after the tool prints: stopping it before the ack is in would rightly redeliver.
            awaitChannelz("tools.it.durable", "\"pending_count\": 0", "\"last_sent\": 1");
            sub.terminate();
            assertEquals(JstanJar.TERMINATED, sub.awaitExit(TOOL_DEADLINE));
            assertTrue(sub.output().contains("Interrupted: closing the subscription (durable [d] kept) and the connection\n"
                    + "Closed after 1 messages\n"), sub.output());
        }

        publish("tools.it.durable", "while away");

        try (JstanJar resumed = JstanJar.launch(durableSub)) {
            resumed.awaitOutput("[#1] Received: sequence:2 subject:\"tools.it.durable\" data:\"while away\"", TOOL_DEADLINE);
        }
    }

    /** Waits until the channel's monitoring page, with its subscriptions, shows every one of {@code texts}. */
    private static void awaitChannelz(String channel, String... texts) throws Exception {
        URI channelz = URI.create("http://127.0.0.1:" + httpPort + "/streaming/channelsz?channel=" + channel + "&subs=1");
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TOOL_DEADLINE.toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            body = http.send(HttpRequest.newBuilder(channelz).build(), HttpResponse.BodyHandlers.ofString()).body();
            String page = body;
            if (Arrays.stream(texts).allMatch(page::contains)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("channelz never showed " + Arrays.toString(texts) + ": " + body);
    }

    @Test
    void benchReportsRatesAndPublishLatency() throws Exception {
        try (JstanJar bench = JstanJar.launch("bench", "-s", server.url(), "-n", "1000", "-np", "1", "-ns", "1", "tools.it.bench")) {
            assertEquals(0, bench.awaitExit(Duration.ofSeconds(60)), bench.output());
            String output = bench.output();
            assertTrue(output.contains("Starting benchmark [msgs=1000, msgsize=128, pubs=1, subs=1]\n"), output);
            assertTrue(Pattern.compile("""
                    NATS Streaming Pub/Sub stats: [\\d,]+ msgs/sec ~ [\\d.]+ [KMG]?B/sec
                     Pub stats: [\\d,]+ msgs/sec ~ [\\d.]+ [KMG]?B/sec
                     Sub stats: [\\d,]+ msgs/sec ~ [\\d.]+ [KMG]?B/sec
                     Pub latency \\(async publish to ack, at most 512 in flight, 1,000 msgs\\): \
                    p50 [\\d.]+ ms \\| p90 [\\d.]+ ms \\| p99 [\\d.]+ ms \\| p99\\.9 [\\d.]+ ms \\| max [\\d.]+ ms
                    """).matcher(output).find(), output);
        }
    }

    @Test
    void benchSpreadsItsMessagesOverItsChannelsAndSubscribesToEach() throws Exception {
        try (JstanJar bench = JstanJar.launch("bench", "-s", server.url(), "-n", "100", "-ns", "1", "-nc", "5", "tools.it.spread")) {
            assertEquals(0, bench.awaitExit(Duration.ofSeconds(60)), bench.output());
            assertTrue(bench.output().contains("Starting benchmark [msgs=100, msgsize=128, pubs=1, subs=1, channels=5]\n"),
                    bench.output());
            // The subscriber ends once it received all 100: from every channel.
            assertTrue(bench.output().contains(" Sub stats: "), bench.output());
        }
        for (int i = 0; i < 5; i++) {
            awaitChannelz("tools.it.spread." + i, "\"msgs\": 20,");
        }
    }

    @Test
    void syncBenchMeasuresEachPublishRoundTrip() throws Exception {
        try (JstanJar bench = JstanJar.launch("bench", "-s", server.url(), "-n", "200", "-a=false", "tools.it.syncbench")) {
            assertEquals(0, bench.awaitExit(Duration.ofSeconds(60)), bench.output());
            assertTrue(Pattern.compile("\nPub stats: [\\d,]+ msgs/sec ~ [\\d.]+ [KMG]?B/sec\n"
                    + "Pub latency \\(sync publish to ack, 200 msgs\\): p50 ").matcher(bench.output()).find(), bench.output());
        }
    }

    /** Publishes with {@code jstan pub}; returns its output once it has exited 0. */
    private static String publish(String channel, String message) throws Exception {
        try (JstanJar pub = JstanJar.launch("pub", "-s", server.url(), channel, message)) {
            assertEquals(0, pub.awaitExit(TOOL_DEADLINE), pub.output());
            return pub.output();
        }
    }
}

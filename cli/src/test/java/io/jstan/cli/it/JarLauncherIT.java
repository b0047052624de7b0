package io.jstan.cli.it;

import io.jstan.broker.testing.StanClients;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.Subscription;
import io.nats.streaming.SubscriptionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The distribution (cli/target/jstan) as a user runs it: bin/jstan starts the server with the
 * options of config/jvm.options and JSTAN_OPTS, a bounded heap, and the class-data-sharing archive
 * lib/jstan.jsa made by the build's training run; without a usable archive it starts all the same,
 * and says nothing of it.
 */
@Timeout(180)
class JarLauncherIT {
    private static final String[] LOCAL = {"-a", "127.0.0.1", "-p", "-1"};
    private static final Pattern MAX_HEAP = Pattern.compile("-XX:MaxHeapSize=(\\d+)");

    @TempDir
    Path dir;

    @Test
    void theLauncherStartsTheServerWithItsArchiveAndABoundedHeap() throws Exception {
        Path distribution = JstanJar.distribution();
        try (JstanJar jstan = JstanJar.startWithLauncher(launcher(distribution),
                Map.of("JSTAN_OPTS", "-XX:+PrintCommandLineFlags"), LOCAL)) {
            jstan.awaitOutput(JstanJar.STREAMING_READY, JstanJar.START_DEADLINE);
            assertServes(jstan);
            long maxHeap = maxHeap(jstan);
            assertTrue(maxHeap > 0 && maxHeap <= machineMemory() / 4,
                    "default heap bounded by a quarter of the memory, got " + maxHeap + ":\n" + jstan.output());
            assertTrue(jstan.output().contains("-XX:+UseSerialGC"), jstan.output());
            assertTrue(mapped(jstan).contains(distribution.resolve("lib/jstan.jsa").toRealPath().toString()),
                    "the JVM maps lib/jstan.jsa");
        }
    }

    @Test
    void jstanOptsComeAfterTheFileAndMayChangeTheHeapAndTheCollector() throws Exception {
        try (JstanJar jstan = JstanJar.startWithLauncher(launcher(JstanJar.distribution()),
                Map.of("JSTAN_OPTS", "-Xmx100m -XX:+UseParallelGC -XX:+PrintCommandLineFlags"), LOCAL)) {
            jstan.awaitOutput(JstanJar.STREAMING_READY, JstanJar.START_DEADLINE);
            assertEquals(100L * 1024 * 1024, maxHeap(jstan), jstan.output());
            assertTrue(jstan.output().contains("-XX:+UseParallelGC"), jstan.output());
            assertServes(jstan);
        }
    }

    @Test
    void withoutAnArchiveTheServerStartsAndSaysNothingOfIt() throws Exception {
        Path moved = copyOfDistribution();
        Files.delete(moved.resolve("lib/jstan.jsa"));
        startsAndServesWithoutWarnings(moved);
    }

    /** The archive of another place (it names the jar it was made with) and one that is not an archive at all. */
    @Test
    void withAnArchiveItCannotUseTheServerStartsAndSaysNothingOfIt() throws Exception {
        Path moved = copyOfDistribution();
        startsAndServesWithoutWarnings(moved);
        Path archive = moved.resolve("lib/jstan.jsa");
        Files.delete(archive);
        Files.writeString(archive, "not an archive");
        startsAndServesWithoutWarnings(moved);
    }

    private static void startsAndServesWithoutWarnings(Path distribution) throws Exception {
        try (JstanJar jstan = JstanJar.startWithLauncher(launcher(distribution), Map.of(), LOCAL)) {
            jstan.awaitOutput(JstanJar.STREAMING_READY, JstanJar.START_DEADLINE);
            assertServes(jstan);
            String output = jstan.output();
            for (String word : List.of("[cds]", "shared class", "shared archive", "sharing")) {
                assertFalse(output.contains(word), () -> "the JVM spoke of its archive:\n" + output);
            }
        }
    }

    /** A streaming client connects, publishes, and receives what it published. */
    private static void assertServes(JstanJar jstan) throws Exception {
        try (StreamingConnection client = jstan.stanClients().connect()) {
            StanClients.Received received = new StanClients.Received();
            Subscription subscription = client.subscribe("launched", received,
                    new SubscriptionOptions.Builder().deliverAllAvailable().build());
            client.publish("launched", StanClients.bytes("hello"));
            received.await(1);
            assertEquals(List.of("hello"), received.texts());
            subscription.close();
        }
    }

    private static long maxHeap(JstanJar jstan) {
        Matcher matcher = MAX_HEAP.matcher(jstan.output());
        assertTrue(matcher.find(), () -> "no MaxHeapSize in the JVM's flags:\n" + jstan.output());
        return Long.parseLong(matcher.group(1));
    }

    private static long machineMemory() throws IOException {
        Matcher matcher = Pattern.compile("MemTotal:\\s+(\\d+) kB").matcher(Files.readString(Path.of("/proc/meminfo")));
        assertTrue(matcher.find(), "MemTotal in /proc/meminfo");
        return Long.parseLong(matcher.group(1)) * 1024;
    }

    private static String mapped(JstanJar jstan) throws IOException {
        return Files.readString(Path.of("/proc", Long.toString(jstan.pid()), "maps"));
    }

    private static Path launcher(Path distribution) {
        return distribution.resolve("bin/jstan");
    }

    /** The distribution elsewhere, with its archive: bin/ and config/ copied, the jar linked, the archive copied. */
    private Path copyOfDistribution() throws IOException {
        Path from = JstanJar.distribution();
        Path to = dir.resolve("jstan");
        Files.createDirectories(to.resolve("bin"));
        Files.createDirectories(to.resolve("config"));
        Files.createDirectories(to.resolve("lib"));
        for (String file : List.of("bin/jstan", "config/jvm.options", "lib/jstan.jsa")) {
            Files.copy(from.resolve(file), to.resolve(file));
        }
        Files.createSymbolicLink(to.resolve("lib/jstan.jar"), from.resolve("lib/jstan.jar").toRealPath());
        return to;
    }
}

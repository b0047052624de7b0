package io.jstan.cli.tools;

import io.jstan.cli.options.UsageException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tools' flags, read as Go's flag package reads stan.go's examples. */
class ToolArgumentsTest {

    private static <T extends ClientTool> T parse(T tool, String... args) throws UsageException {
        ToolArguments.parse(tool, List.of(args));
        return tool;
    }

    private static String mistake(ClientTool tool, String... args) {
        return assertThrows(UsageException.class, () -> ToolArguments.parse(tool, List.of(args))).getMessage();
    }

    @Test
    void pubDefaults() throws UsageException {
        PubCommand pub = parse(new PubCommand(), "orders", "hello world");
        assertEquals("nats://127.0.0.1:4222", pub.connection.url);
        assertEquals("test-cluster", pub.connection.clusterId);
        assertNull(pub.clientId);
        assertFalse(pub.async);
        assertEquals("orders", pub.channel);
        assertEquals("hello world", pub.message);
    }

    @Test
    void pubTakesGoStyleFlagsUnderEitherName() throws UsageException {
        PubCommand pub = parse(new PubCommand(), "--server=nats://h:4333", "-cluster", "c1", "--id=me", "-a", "orders", "x");
        assertEquals("nats://h:4333", pub.connection.url);
        assertEquals("c1", pub.connection.clusterId);
        assertEquals("me", pub.clientId);
        assertTrue(pub.async);

        PubCommand renamed = parse(new PubCommand(), "-cluster_id=c2", "-client_id", "you", "--async=false", "orders", "x");
        assertEquals("c2", renamed.connection.clusterId);
        assertEquals("you", renamed.clientId);
        assertFalse(renamed.async);
    }

    @Test
    void subDefaultsToNewMessagesOnly() throws UsageException {
        SubCommand sub = parse(new SubCommand(), "orders");
        assertEquals("orders", sub.channel);
        assertNull(sub.start);
        assertNull(sub.queueGroup);
        assertNull(sub.durable);
        assertFalse(sub.unsubscribe);
        assertFalse(sub.manualAck);
        assertEquals(1024, sub.maxInFlight);
        assertEquals(Duration.ofSeconds(30), sub.ackWait);
    }

    @Test
    void subTakesEveryOption() throws UsageException {
        SubCommand sub = parse(new SubCommand(), "-s", "nats://h:1", "-c", "c", "-id", "me", "-q", "workers",
                "--durable", "d", "--since", "1m30s", "--unsubscribe", "--manual_ack", "--max_inflight", "5",
                "--ack_wait", "2s", "orders");
        assertEquals("me", sub.clientId);
        assertEquals("workers", sub.queueGroup);
        assertEquals("d", sub.durable);
        assertEquals(Duration.ofSeconds(90), sub.start.since);
        assertTrue(sub.unsubscribe);
        assertTrue(sub.manualAck);
        assertEquals(5, sub.maxInFlight);
        assertEquals(Duration.ofSeconds(2), sub.ackWait);
    }

    @Test
    void subStartPositions() throws UsageException {
        assertEquals(7L, parse(new SubCommand(), "--seq", "7", "orders").start.sequence);
        assertTrue(parse(new SubCommand(), "--all", "orders").start.all);
        assertTrue(parse(new SubCommand(), "-last", "orders").start.last);
        assertTrue(parse(new SubCommand(), "--new_only", "orders").start.newOnly);
        assertTrue(parse(new SubCommand(), "--qgroup=q", "--unsub", "orders").unsubscribe);
    }

    @Test
    void subTakesOneStartPositionAtMost() {
        assertEquals("error: --all, --last are mutually exclusive (specify only one)",
                mistake(new SubCommand(), "--all", "--last", "orders"));
    }

    @Test
    void benchDefaults() throws UsageException {
        BenchCommand bench = parse(new BenchCommand(), "bench.channel");
        assertEquals("bench.channel", bench.channel);
        assertEquals("benchmark", bench.clientIdPrefix);
        assertEquals(1, bench.publishers);
        assertEquals(0, bench.subscribers);
        assertEquals(100_000, bench.messages);
        assertEquals(128, bench.messageSize);
        assertTrue(bench.async);
        assertEquals(512, bench.maxPubAcksInFlight);
        assertFalse(bench.ignoreOld);
        assertNull(bench.queueGroup);
    }

    @Test
    void benchTakesStanBenchFlags() throws UsageException {
        BenchCommand bench = parse(new BenchCommand(), "-s", "nats://h:1", "-c", "c", "-id", "run7", "-np", "3",
                "-ns", "2", "-n", "1000", "-ms", "16", "-mpa", "64", "-io", "-qgroup", "g", "bench.channel");
        assertEquals("run7", bench.clientIdPrefix);
        assertEquals(3, bench.publishers);
        assertEquals(2, bench.subscribers);
        assertEquals(1000, bench.messages);
        assertEquals(16, bench.messageSize);
        assertEquals(64, bench.maxPubAcksInFlight);
        assertTrue(bench.ignoreOld);
        assertEquals("g", bench.queueGroup);
    }

    @Test
    void benchPublishesSynchronouslyWithAsyncFalseOrSync() throws UsageException {
        assertFalse(parse(new BenchCommand(), "-a=false", "c").async);
        assertFalse(parse(new BenchCommand(), "--async=false", "c").async);
        assertFalse(parse(new BenchCommand(), "-sync", "c").async);
        assertTrue(parse(new BenchCommand(), "-sync", "-a", "c").async);
    }

    @Test
    void mistakes() {
        assertEquals("unknown option '-x'", mistake(new PubCommand(), "-x", "orders", "hello"));
        assertEquals("unknown option '-x'", mistake(new PubCommand(), "-x", "orders"));
        assertEquals("missing required parameter: '<message>'", mistake(new PubCommand(), "orders"));
        assertEquals("unexpected argument 'extra'", mistake(new PubCommand(), "orders", "hello", "extra"));
        assertEquals("missing required parameter: '<channel>'", mistake(new SubCommand()));
        assertEquals("invalid value for option '-n': 'many' is not an int", mistake(new BenchCommand(), "-n", "many", "c"));
        assertEquals("invalid value for option '--since': '90' is not a duration such as 500ms, 2m or 1h30m",
                mistake(new SubCommand(), "--since", "90", "orders"));
    }
}

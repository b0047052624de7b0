package io.jstan.cli.options;

import io.jstan.broker.streaming.StreamingOptions;
import io.jstan.store.ChannelLimits;
import io.jstan.store.StoreLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static io.jstan.cli.options.Parsing.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The flags of nats-streaming-server's "Streaming Server" groups. */
class StreamingFlagsTest {
    private static final String NS = "nats://127.0.0.1:4222";

    static Stream<Arguments> flags() {
        return Stream.of(
                flag(s -> engine(s).clusterId(), "orders", "-cid", "orders"),
                flag(s -> engine(s).clusterId(), "orders", "--cluster_id=orders"),
                flag(s -> limits(s).maxChannels(), 5, "-mc", "5"),
                flag(s -> limits(s).maxChannels(), 0, "--max_channels", "0"),
                flag(s -> limits(s).global().maxSubscriptions(), 7, "-msu", "7"),
                flag(s -> limits(s).global().maxSubscriptions(), 7, "--max_subs=7"),
                flag(s -> limits(s).global().maxMsgs(), 5000L, "-mm", "5000"),
                flag(s -> limits(s).global().maxMsgs(), 0L, "--max_msgs", "0"),
                flag(s -> limits(s).global().maxBytes(), 1024L * 1024, "-mb", "1MB"),
                flag(s -> limits(s).global().maxBytes(), 1024L * 1024 * 1024, "--max_bytes", "1GB"),
                flag(s -> limits(s).global().maxBytes(), 1000L, "-mb", "1000"),
                flag(s -> limits(s).global().maxAge(), Duration.ofHours(1), "-ma", "1h"),
                flag(s -> limits(s).global().maxAge(), Duration.ofMinutes(90), "--max_age=1h30m"),
                flag(s -> limits(s).global().maxInactivity(), Duration.ofSeconds(30), "-mi", "30s"),
                flag(s -> limits(s).global().maxInactivity(), Duration.ofMillis(1500), "--max_inactivity", "1.5s"),
                flag(s -> engine(s).heartbeatInterval(), Duration.ofSeconds(5), "-hbi", "5s"),
                flag(s -> engine(s).heartbeatInterval(), Duration.ofSeconds(5), "--hb_interval=5s"),
                flag(s -> engine(s).heartbeatTimeout(), Duration.ofMillis(500), "-hbt", "500ms"),
                flag(s -> engine(s).heartbeatTimeout(), Duration.ofMillis(500), "--hb_timeout", "500ms"),
                flag(s -> engine(s).heartbeatFailCount(), 3, "-hbf", "3"),
                flag(s -> engine(s).heartbeatFailCount(), 0, "--hb_fail_count", "0"),
                flag(s -> engine(s).replaceDurable(), true, "--replace_durable"),
                flag(s -> engine(s).replaceDurable(), true, "--replace_durable=true"),
                flag(s -> external(s).urls(), List.of(NS), "-ns", NS),
                flag(s -> external(s).urls(), List.of(NS), "--nats_server=" + NS),
                flag(s -> external(s).urls(), List.of("nats://a:4222", "tls://b:4443"), "-ns", "nats://a:4222, tls://b:4443"),
                flag(s -> external(s).user() + ":" + external(s).password(), "alice:pw", "-ns", NS, "--user", "alice", "--pass", "pw"),
                flag(s -> external(s).token(), "t0k3n", "-ns", NS, "--auth", "t0k3n"),
                flag(s -> external(s).tls(), new NatsClientTls(false, null, null, null), "-ns", NS),
                flag(s -> external(s).tls(), new NatsClientTls(true, null, null, null), "-ns", NS, "-secure"),
                flag(s -> external(s).tls(), new NatsClientTls(true, null, null, null), "-ns", NS, "--secure=true"),
                flag(s -> external(s).tls(), new NatsClientTls(false, Path.of("c.pem"), Path.of("k.pem"), Path.of("ca.pem")),
                        "-ns", NS, "-tls_client_cert", "c.pem", "-tls_client_key", "k.pem", "-tls_client_cacert", "ca.pem"),
                flag(s -> s.logging().streamingDebug(), true, "-SD"),
                flag(s -> s.logging().streamingDebug(), true, "--stan_debug"),
                flag(s -> s.logging().streamingDebug(), false, "-SD", "--stan_debug=false"),
                flag(s -> s.logging().streamingTrace(), true, "-SV"),
                flag(s -> s.logging().streamingTrace(), true, "--stan_trace=true"),
                flag(s -> s.logging().streamingDebug() && s.logging().streamingTrace(), true, "-SDV"),
                flag(s -> s.logging().streamingDebug() || s.logging().streamingTrace(), false, "-SD", "-SV", "-SDV=false"),
                flag(s -> s.logging().debug() || s.logging().trace(), false, "-SDV"),
                flag(s -> s.logging().streamingDebug() || s.logging().streamingTrace(), false, "-DV"));
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @MethodSource("flags")
    void flagSetsItsOption(Function<ServerSettings, Object> option, List<String> args, Object expected) throws Exception {
        assertEquals(expected, option.apply(settings(args.toArray(String[]::new))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"MEMORY", "memory", "Memory"})
    void memoryStoreInAnyCase(String type) throws Exception {
        assertEquals(StoreLimits.DEFAULT_MAX_CHANNELS, limits(settings("-st", type)).maxChannels());
        assertEquals(StoreLimits.DEFAULT_MAX_CHANNELS, limits(settings("--store=" + type)).maxChannels());
    }

    @Test
    void dirIsAcceptedAsNatsStreamingServerDoesWithAMemoryStore() throws Exception {
        assertEquals(StoreLimits.DEFAULT_MAX_CHANNELS, limits(settings("--dir", "/var/lib/jstan")).maxChannels());
    }

    @Test
    void defaultsAreNatsStreamingServers() throws Exception {
        ServerSettings settings = settings();
        StreamingOptions engine = engine(settings);
        assertEquals("test-cluster", engine.clusterId());
        assertEquals(100, engine.storeLimits().maxChannels());
        assertEquals(ChannelLimits.DEFAULTS, engine.storeLimits().global());
        assertTrue(engine.storeLimits().perChannel().isEmpty());
        assertEquals(Duration.ofSeconds(30), engine.heartbeatInterval());
        assertEquals(Duration.ofSeconds(10), engine.heartbeatTimeout());
        assertEquals(10, engine.heartbeatFailCount());
        assertNull(settings.streaming().externalNats());
        assertFalse(settings.logging().streamingDebug());
        assertFalse(settings.logging().streamingTrace());
        assertFalse(engine.replaceDurable());
    }

    @Test
    void syslogNameIsAcceptedWithAWarningThatItHasNoEffect() throws Exception {
        assertEquals(List.of("syslog_name \"stan-a\" has no effect: it names the Windows event log source, and jstan writes"
                + " no Windows event log"), Parsing.run("--syslog_name", "stan-a").configWarnings());
        assertEquals(List.of(), Parsing.run().configWarnings());
    }

    private static StreamingOptions engine(ServerSettings settings) {
        return settings.streaming().engine();
    }

    private static StoreLimits limits(ServerSettings settings) {
        return engine(settings).storeLimits();
    }

    private static ExternalNats external(ServerSettings settings) {
        return settings.streaming().externalNats();
    }

    private static Arguments flag(Function<ServerSettings, Object> option, Object expected, String... args) {
        return Arguments.of(option, List.of(args), expected);
    }
}

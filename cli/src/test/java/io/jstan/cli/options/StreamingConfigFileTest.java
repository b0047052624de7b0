package io.jstan.cli.options;

import io.jstan.store.file.FileStoreOptions;
import io.jstan.store.sql.SqlDialect;
import io.jstan.store.sql.SqlStoreOptions;

import io.jstan.broker.streaming.StreamingOptions;
import io.jstan.store.ChannelLimits;
import io.jstan.store.StoreLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static io.jstan.cli.options.Parsing.run;
import static io.jstan.cli.options.Parsing.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** nats-streaming-server's keys: in a streaming block of -c, at the top level of a file without one, or in -sc. */
class StreamingConfigFileTest {
    private static final String EVERY_KEY = """
            port: 4333
            streaming {
              id: "orders"
              store: "memory"
              dir: "/var/lib/jstan"
              sd: true
              sv: true
              nats_server_url: "nats://a:4222, nats://b:4222"
              secure: true
              tls { client_cert: "c.pem", client_key: "k.pem", client_ca: "ca.pem" }
              hb_interval: "5s"
              hb_timeout: "2s"
              hb_fail_count: 3
              store_limits {
                max_channels: 10
                max_subs: 20
                max_msgs: 30
                max_bytes: 4MB
                max_age: "1h"
                max_inactivity: "10m"
                channels {
                  "orders.*": { max_msgs: 100, max_age: "2h" }
                  "orders.eu": { max_bytes: 1MB, max_msgs: 0 }
                  audit: { max_subs: 1, max_inactivity: "0s" }
                }
              }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void everyKeyOfTheStreamingBlockReachesTheSettings() throws Exception {
        ServerSettings settings = settings("-c", write(EVERY_KEY));
        StreamingOptions engine = settings.streaming().engine();
        assertEquals(4333, settings.nats().port());
        assertEquals("orders", engine.clusterId());
        assertTrue(settings.logging().streamingDebug());
        assertTrue(settings.logging().streamingTrace());
        assertEquals(new ExternalNats(List.of("nats://a:4222", "nats://b:4222"), null, null, null,
                new NatsClientTls(true, Path.of("c.pem"), Path.of("k.pem"), Path.of("ca.pem"))), settings.streaming().externalNats());
        assertEquals(Duration.ofSeconds(5), engine.heartbeatInterval());
        assertEquals(Duration.ofSeconds(2), engine.heartbeatTimeout());
        assertEquals(3, engine.heartbeatFailCount());
        StoreLimits limits = engine.storeLimits();
        assertEquals(10, limits.maxChannels());
        ChannelLimits global = new ChannelLimits(30, 4 * 1024 * 1024, Duration.ofHours(1), 20, Duration.ofMinutes(10));
        assertEquals(global, limits.global());
        ChannelLimits orders = global.withMaxMsgs(100).withMaxAge(Duration.ofHours(2));
        assertEquals(Map.of(
                "orders.*", orders,
                "orders.eu", orders.withMaxBytes(1024 * 1024).withMaxMsgs(0),
                "audit", global.withMaxSubscriptions(1).withMaxInactivity(Duration.ZERO)), limits.perChannel());
    }

    @Test
    void withoutABlockTheTopLevelHoldsTheStreamingKeys() throws Exception {
        ServerSettings settings = settings("-c", write("port: 4333\ncluster_id: orders\nstore_limits { max_msgs: 30 }"));
        assertEquals(4333, settings.nats().port());
        assertEquals("orders", settings.streaming().engine().clusterId());
        assertEquals(30, settings.streaming().engine().storeLimits().global().maxMsgs());
    }

    static Stream<Arguments> aliases() {
        return Stream.of(
                key("cid: orders", s -> engine(s).clusterId(), "orders"),
                key("cluster_id: orders", s -> engine(s).clusterId(), "orders"),
                key("stan_debug: true", s -> s.logging().streamingDebug(), true),
                key("stan_trace: true", s -> s.logging().streamingTrace(), true),
                key("ns: \"nats://a:4222\"", s -> s.streaming().externalNats().urls(), List.of("nats://a:4222")),
                key("nats_server: \"nats://a:4222\"", s -> s.streaming().externalNats().urls(), List.of("nats://a:4222")),
                key("ns: \"nats://a:4222\"\ntls { client_cacert: ca.pem }", s -> s.streaming().externalNats().tls().caCert(),
                        Path.of("ca.pem")),
                key("hbi: \"1m\"", s -> engine(s).heartbeatInterval(), Duration.ofMinutes(1)),
                key("server_to_client_hb_timeout: \"3s\"", s -> engine(s).heartbeatTimeout(), Duration.ofSeconds(3)),
                key("hbf: 4", s -> engine(s).heartbeatFailCount(), 4),
                key("replace_durable: true", s -> engine(s).replaceDurable(), true),
                key("replace_durables: true", s -> engine(s).replaceDurable(), true),
                key("replace_duplicate_durable: true", s -> engine(s).replaceDurable(), true),
                key("replace_duplicate_durables: true", s -> engine(s).replaceDurable(), true),
                key("limits { mc: 3 }", s -> limits(s).maxChannels(), 3),
                key("storelimits { maxchannels: 3 }", s -> limits(s).maxChannels(), 3),
                key("store_limits { msu: 3 }", s -> limits(s).global().maxSubscriptions(), 3),
                key("store_limits { max_count: 3 }", s -> limits(s).global().maxMsgs(), 3L),
                key("store_limits { mb: \"2KB\" }", s -> limits(s).global().maxBytes(), 2048L),
                key("store_limits { maxage: \"1m\" }", s -> limits(s).global().maxAge(), Duration.ofMinutes(1)),
                key("store_limits { mi: 60 }", s -> limits(s).global().maxInactivity(), Duration.ofMinutes(1)),
                key("store_limits { per_channel { foo: { mm: 3 } } }", s -> limits(s).channelLimits("foo").maxMsgs(), 3L),
                key("store_limits { channels_limits { foo: { MaxMsgs: 3 } } }", s -> limits(s).channelLimits("foo").maxMsgs(), 3L),
                key("Store_Limits { Max_Msgs: 3 }", s -> limits(s).global().maxMsgs(), 3L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("aliases")
    void keyAndItsAliasesReachTheirSetting(String config, Function<ServerSettings, Object> setting, Object expected)
            throws Exception {
        assertEquals(expected, setting.apply(settings("-c", write("streaming {\n" + config + "\n}"))));
    }

    @Test
    void perChannelLimitsInheritWhatTheyLeaveOut() throws Exception {
        StoreLimits limits = limits(settings("-c", write("""
                streaming { store_limits {
                  max_msgs: 1000
                  channels { "foo.>": { max_age: "1h" }, "foo.bar": { max_msgs: 10 }, "foo.baz": { max_age: "0" } }
                } }
                """)));
        assertEquals(ChannelLimits.DEFAULTS.withMaxMsgs(1000), limits.channelLimits("other"));
        assertEquals(ChannelLimits.DEFAULTS.withMaxMsgs(1000).withMaxAge(Duration.ofHours(1)), limits.channelLimits("foo.qux"));
        assertEquals(ChannelLimits.DEFAULTS.withMaxMsgs(10).withMaxAge(Duration.ofHours(1)), limits.channelLimits("foo.bar"));
        assertEquals(ChannelLimits.DEFAULTS.withMaxMsgs(1000), limits.channelLimits("foo.baz"));
    }

    @Test
    void flagsWinOverTheFile() throws Exception {
        ServerSettings settings = settings("-c", write(EVERY_KEY), "-cid", "payments", "-mm", "5", "-mc", "0",
                "-SD=false", "-hbf", "9", "-ns", "nats://c:4222");
        StreamingOptions engine = settings.streaming().engine();
        assertEquals("payments", engine.clusterId());
        assertEquals(5, engine.storeLimits().global().maxMsgs());
        assertEquals(20, engine.storeLimits().global().maxSubscriptions());
        assertEquals(0, engine.storeLimits().maxChannels());
        assertEquals(100, engine.storeLimits().channelLimits("orders.us").maxMsgs());
        assertFalse(settings.logging().streamingDebug());
        assertTrue(settings.logging().streamingTrace());
        assertEquals(9, engine.heartbeatFailCount());
        assertEquals(List.of("nats://c:4222"), settings.streaming().externalNats().urls());
    }

    @Test
    void stanConfigAloneServesBothServers() throws Exception {
        ServerSettings settings = settings("-sc", write("port: 4333\nstreaming { id: orders }"));
        assertEquals(4333, settings.nats().port());
        assertEquals("orders", settings.streaming().engine().clusterId());
        assertEquals("orders", settings("--stan_config", write("port: 4333\nid: orders")).streaming().engine().clusterId());
    }

    @Test
    void withBothFilesEachServesItsOwnServer() throws Exception {
        String nats = write("port: 4333\nstreaming { id: ignored, store_limits { max_msgs: 1 } }");
        String stan = write("port: 5555\nid: orders\nstore_limits { max_subs: 2 }");
        Invocation.RunServer run = run("-c", nats, "-sc", stan);
        assertEquals(4333, run.settings().nats().port());
        assertEquals("orders", run.settings().streaming().engine().clusterId());
        assertEquals(ChannelLimits.DEFAULTS.withMaxSubscriptions(2), run.settings().streaming().engine().storeLimits().global());
        assertEquals(List.of(), run.configWarnings());
    }

    @Test
    void unknownKeysAreWarnedAboutAndIgnored() throws Exception {
        String file = write("streaming { id: orders, colour: blue, store_limits { max_msg: 3, channels { foo: { colour: red } } } }");
        Invocation.RunServer run = run("-c", file);
        assertEquals(List.of(file + ": unknown config key 'streaming.colour', ignored",
                file + ": unknown config key 'streaming.store_limits.max_msg', ignored",
                file + ": unknown config key 'streaming.store_limits.channels.foo.colour', ignored"), run.configWarnings());
        assertEquals(ChannelLimits.DEFAULTS, run.settings().streaming().engine().storeLimits().channelLimits("foo"));
    }

    @Test
    void natsKeysInTheStreamingBlockAreUnknown() throws Exception {
        String file = write("streaming { port: 4333 }");
        Invocation.RunServer run = run("-c", file);
        assertEquals(List.of(file + ": unknown config key 'streaming.port', ignored"), run.configWarnings());
        assertEquals(4222, run.settings().nats().port());
    }

    @ParameterizedTest
    @ValueSource(strings = {"file_options", "file"})
    void fileStoreOptionsAndTheFaultToleranceGroupComeFromTheStreamingBlock(String block) throws Exception {
        String file = write("streaming {\n store: file\n dir: \"/data/stan\"\n ft_group: pair\n " + block
                + " { buffer_size: 8MB, sync: false, crc: false, fds_limit: 64, parallel_recovery: 4, truncate_bad_eof: true }\n}");
        StreamingSettings streaming = run("-c", file).settings().streaming();
        assertEquals("FILE", streaming.storeType());
        assertEquals(Path.of("/data/stan"), streaming.dir());
        assertEquals("pair", streaming.ftGroup());
        assertEquals(new FileStoreOptions(false, false, FileStoreOptions.IEEE_POLYNOMIAL, 8L * 1024 * 1024, 64, 4, true),
                streaming.fileStore());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sql_options", "sql"})
    void sqlOptionsAreReadAsNatsStreamingServerReadsThem(String block) throws Exception {
        String file = write("streaming {\n store: sql\n " + block + " { driver: postgres, source: \"host=db user=nss"
                + " password=pw dbname=nss_db sslmode=disable\", no_caching: true, max_open_conns: 5 }\n}");
        StreamingSettings streaming = run("-c", file).settings().streaming();
        assertEquals("SQL", streaming.storeType());
        SqlStoreOptions sql = streaming.sqlStore();
        assertEquals(SqlDialect.POSTGRES, sql.dialect());
        assertEquals("jdbc:postgresql://db/nss_db", sql.jdbcUrl());
        assertEquals("pw", sql.connectionProperties().getProperty("password"));
        assertTrue(sql.noCaching());
        assertEquals(5, sql.maxOpenConns());
    }

    @ParameterizedTest
    @ValueSource(strings = {"partitioning: true",
            "credentials: \"a.creds\"", "user: a", "token: t", "discover_prefix: _X"})
    void keysJstanCannotHonourAreRefused(String config) throws Exception {
        String file = write("streaming {\n" + config + "\n}");
        UsageException error = assertThrows(UsageException.class, () -> settings("-c", file));
        assertEquals(file + ": 'streaming." + config.split("[ :]")[0] + "' is not supported by jstan yet", error.getMessage());
    }

    @Test
    void syslogNameIsAcceptedWithAWarningThatItHasNoEffect() throws Exception {
        Invocation.RunServer run = run("-c", write("streaming {\n syslog_name: \"stan-a\"\n}"));
        assertEquals(List.of("syslog_name \"stan-a\" has no effect: it names the Windows event log source, and jstan writes"
                + " no Windows event log"), run.configWarnings());
    }

    @Test
    void tlsKeysJstanCannotHonourAreRefused() throws Exception {
        String file = write("streaming { tls { skip_verify: true } }");
        UsageException error = assertThrows(UsageException.class, () -> settings("-c", file));
        assertEquals(file + ": 'streaming.tls.skip_verify' is not supported by jstan yet", error.getMessage());
    }

    @Test
    void refusedAtTheTopLevelOfAFileWithoutBlock() throws Exception {
        String file = write("partitioning: true");
        UsageException error = assertThrows(UsageException.class, () -> settings("-sc", file));
        assertEquals(file + ": 'partitioning' is not supported by jstan yet", error.getMessage());
    }

    static Stream<Arguments> wrongValues() {
        return Stream.of(
                Arguments.of("store: file", "the FILE store needs a directory (--dir)"),
                Arguments.of("store_type: sql", "the SQL store needs a driver (--sql_driver postgres or mysql)"),
                Arguments.of("st: Sql\n sql_options { driver: oracle }", "unsupported SQL driver \"oracle\" (use \"postgres\" or \"mysql\")"),
                Arguments.of("st: Sql\n sql_options { driver: mysql, source: \"root@tcp(h:1)/db?serverPubKey=k\" }",
                        "mysql data source: option serverpubkey not understood by jstan"),
                Arguments.of("store: redis", "unknown store type: redis (expected MEMORY, FILE or SQL)"),
                Arguments.of("id: 7", "{file}: option 'streaming.id': expected a string, got the number 7"),
                Arguments.of("hb_interval: \"soon\"", "{file}: option 'streaming.hb_interval': 'soon' is not a duration such as"
                        + " \"2m\", \"1h30m\" or \"500ms\": expected a number before each unit"),
                Arguments.of("store_limits: 5", "{file}: option 'streaming.store_limits': expected a map, got the number 5"),
                Arguments.of("store_limits { max_msgs: \"many\" }",
                        "{file}: option 'streaming.store_limits.max_msgs': expected an integer, got the string \"many\""),
                Arguments.of("store_limits { max_bytes: \"1XB\" }", "{file}: option 'streaming.store_limits.max_bytes': unknown size"
                        + " unit 'XB' in '1XB' (known: k, m, g, t, p, e for powers of 1000; kb, ki, kib, mb, ... for powers of 1024)"),
                Arguments.of("store_limits { max_subs: 99999999999 }",
                        "{file}: option 'streaming.store_limits.max_subs': 99999999999 is out of range"),
                Arguments.of("store_limits { max_msgs: -5 }", "max messages limit cannot be negative (-5)"),
                Arguments.of("store_limits { channels: [ foo ] }",
                        "{file}: option 'streaming.store_limits.channels': expected a map, got an array"),
                Arguments.of("store_limits { channels { foo: 5 } }",
                        "{file}: option 'streaming.store_limits.channels.foo': expected a map, got the number 5"),
                Arguments.of("store_limits { channels { \"foo..bar\": { max_msgs: 1 } } }", "invalid channel name \"foo..bar\""),
                Arguments.of("store_limits { channels { \"foo.>.bar\": { max_msgs: 1 } } }", "invalid channel name \"foo.>.bar\""),
                Arguments.of("store_limits { max_channels: 1, channels { a: { max_msgs: 1 }, b: { max_msgs: 1 } } }",
                        "too many channels defined (2). The max channels limit is set to 1"),
                Arguments.of("tls { client_cert: c.pem }", "a client certificate for the streaming server needs its key: give both"
                        + " -tls_client_cert and -tls_client_key (client_cert and client_key in the tls block)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongValues")
    void wrongValueIsToldInOneLine(String config, String message) throws Exception {
        String file = write("streaming {\n" + config + "\n}");
        UsageException error = assertThrows(UsageException.class, () -> settings("-c", file));
        assertEquals(message.replace("{file}", file), error.getMessage());
    }

    @Test
    void anEmptyNatsServerUrlMeansTheEmbeddedServer() throws Exception {
        assertNull(settings("-c", write("streaming { ns: \"\" }")).streaming().externalNats());
    }

    private static StreamingOptions engine(ServerSettings settings) {
        return settings.streaming().engine();
    }

    private static StoreLimits limits(ServerSettings settings) {
        return engine(settings).storeLimits();
    }

    private static Arguments key(String config, Function<ServerSettings, Object> setting, Object expected) {
        return Arguments.of(config, setting, expected);
    }

    private String write(String config) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "jstan", ".conf"), config).toString();
    }
}

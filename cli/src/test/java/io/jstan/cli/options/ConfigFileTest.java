package io.jstan.cli.options;

import io.jstan.broker.nats.NatsServerOptions;
import io.jstan.cli.logging.LogDestination;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static io.jstan.cli.options.Parsing.run;
import static io.jstan.cli.options.Parsing.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigFileTest {
    @TempDir
    Path dir;

    @Test
    void everyMappedKeyReachesTheOptions() throws Exception {
        ServerSettings settings = settings("-c", resource("every-key.conf"));
        NatsServerOptions nats = settings.nats();
        assertEquals("jstan-1", nats.serverName());
        assertEquals("127.0.0.2", nats.host());
        assertEquals(4333, nats.port());
        assertEquals(Path.of("/run/jstan.pid"), settings.pidFile());
        assertEquals(8222, nats.httpPort());
        assertEquals(8443, nats.httpsPort());
        assertEquals(2 * 1024 * 1024, nats.maxPayload());
        assertEquals(8 * 1024, nats.maxControlLine());
        assertEquals(100, nats.maxConnections());
        assertEquals(128L * 1024 * 1024, nats.maxPending());
        assertEquals(Duration.ofSeconds(30), nats.pingInterval());
        assertEquals(3, nats.maxPingsOut());
        assertEquals(Duration.ofSeconds(5), nats.writeDeadline());
        assertEquals("alice", nats.user());
        assertEquals("s3cret", nats.password());
        assertEquals(Duration.ofMillis(500), nats.authTimeout());
        assertTrue(nats.tlsEnabled());
        assertEquals(Path.of("cert.pem"), nats.tlsCert());
        assertEquals(Path.of("key.pem"), nats.tlsKey());
        assertEquals(Path.of("ca.pem"), nats.tlsCaCert());
        assertTrue(nats.tlsVerify());
        assertEquals(Duration.ofSeconds(3), nats.tlsTimeout());
        assertTrue(settings.logging().debug());
        assertTrue(settings.logging().trace());
        assertTrue(nats.trace());
        assertFalse(settings.logging().timestamps());
        assertEquals(new LogDestination.File(Path.of("/var/log/jstan.log")), settings.logging().destination());
    }

    static Stream<Arguments> keys() {
        return Stream.of(
                key("net: 127.0.0.3", s -> s.nats().host(), "127.0.0.3"),
                key("listen: \"127.0.0.3:4444\"", s -> s.nats().host() + " " + s.nats().port(), "127.0.0.3 4444"),
                key("listen: \"[::1]:4444\"", s -> s.nats().host() + " " + s.nats().port(), "::1 4444"),
                key("listen: 4444", s -> s.nats().host() + " " + s.nats().port(), "0.0.0.0 4444"),
                key("monitor_port: 8222", s -> s.nats().httpPort(), 8222),
                key("http: \"127.0.0.1:8222\"", s -> s.nats().httpHost() + " " + s.nats().httpPort(), "127.0.0.1 8222"),
                key("https: \"127.0.0.1:8443\"", s -> s.nats().httpHost() + " " + s.nats().httpsPort(), "127.0.0.1 8443"),
                key("pidfile: /run/j.pid", ServerSettings::pidFile, Path.of("/run/j.pid")),
                key("max_conn: 7", s -> s.nats().maxConnections(), 7),
                key("max_payload: 1048577", s -> s.nats().maxPayload(), 1048577),
                key("ping_interval: 30", s -> s.nats().pingInterval(), Duration.ofSeconds(30)),
                key("authorization { username: bob, pass: pw }", s -> s.nats().user() + ":" + s.nats().password(), "bob:pw"),
                key("authorization { token: t0k3n }", s -> s.nats().authToken(), "t0k3n"),
                key("authorization { user: bob, timeout: 3 }", s -> s.nats().authTimeout(), Duration.ofSeconds(3)),
                key("tls { cert_file: c.pem, key_file: k.pem, timeout: 1.5 }", s -> s.nats().tlsTimeout(), Duration.ofMillis(1500)),
                key("logfile: j.log", s -> s.logging().destination(), new LogDestination.File(Path.of("j.log"))),
                key("syslog: true", s -> s.logging().destination(), LogDestination.Syslog.local()),
                key("remote_syslog: \"udp://logs:5514\"", s -> s.logging().destination(), LogDestination.Syslog.remote("logs", 5514)),
                key("PORT: 4555", s -> s.nats().port(), 4555),
                key("Authorization { USER: carol }", s -> s.nats().user(), "carol"),
                key("TLS { Cert_File: c.pem, KEY_FILE: k.pem }", s -> s.nats().tlsCert(), Path.of("c.pem")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void keyReachesItsOption(String config, Function<ServerSettings, Object> option, Object expected) throws Exception {
        assertEquals(expected, option.apply(settings("-c", write(config))));
    }

    @Test
    void flagsWinOverTheFile() throws Exception {
        ServerSettings settings = settings("-c", resource("every-key.conf"), "-p", "5000", "-a", "10.0.0.1", "--user", "bob",
                "-T", "-l", "other.log", "--tlsverify=false", "-D=false", "-P", "other.pid");
        assertEquals(5000, settings.nats().port());
        assertEquals("10.0.0.1", settings.nats().host());
        assertEquals("bob", settings.nats().user());
        assertEquals("s3cret", settings.nats().password());
        assertTrue(settings.logging().timestamps());
        assertEquals(new LogDestination.File(Path.of("other.log")), settings.logging().destination());
        assertFalse(settings.nats().tlsVerify());
        assertFalse(settings.logging().debug());
        assertTrue(settings.logging().trace());
        assertEquals(Path.of("other.pid"), settings.pidFile());
        assertEquals(2 * 1024 * 1024, settings.nats().maxPayload());
    }

    @Test
    void flagOrderDoesNotMatter() throws Exception {
        assertEquals(5000, settings("-p", "5000", "-c", resource("every-key.conf")).nats().port());
    }

    @Test
    void tlsFalseOnTheCommandLineTurnsOffTheFilesTls() throws Exception {
        assertFalse(settings("-c", resource("every-key.conf"), "--tls=false").nats().tlsEnabled());
    }

    @Test
    void dvFlagWinsOverTheFile() throws Exception {
        ServerSettings settings = settings("-c", write("debug: true\ntrace: true"), "-DV=false");
        assertFalse(settings.logging().debug());
        assertFalse(settings.logging().trace());
    }

    @Test
    void unknownKeysAreWarnedAboutAndIgnored() throws Exception {
        String file = write("port: 4333\nfoo: 1\ntls { cert_file: c.pem, key_file: k.pem, colour: blue }");
        Invocation.RunServer run = run("-c", file);
        assertEquals(4333, run.settings().nats().port());
        assertEquals(List.of(file + ": unknown config key 'foo', ignored", file + ": unknown config key 'tls.colour', ignored"),
                run.configWarnings());
    }

    @ParameterizedTest
    @ValueSource(strings = {"mqtt { port: 1883 }", "jetstream: enabled", "leafnodes { port: 7422 }", "gateway { name: a }",
            "accounts { A { users: [] } }", "websocket { port: 8080 }", "authorization { users: [ { user: a, password: b } ] }",
            "tls { cert_file: c.pem, key_file: k.pem, cipher_suites: [ x ] }"})
    void keysJstanCannotHonourAreRefused(String config) throws Exception {
        String file = write(config);
        UsageException error = assertThrows(UsageException.class, () -> settings("-c", file));
        String key = config.startsWith("authorization") ? "authorization.users"
                : config.startsWith("tls") ? "tls.cipher_suites" : config.split("[ :]")[0];
        assertEquals(file + ": '" + key + "' is not supported by jstan yet", error.getMessage());
    }

    static Stream<Arguments> wrongValues() {
        return Stream.of(
                Arguments.of("port: abc", ": option 'port': expected an integer, got the string \"abc\""),
                Arguments.of("port: 99999999999", ": option 'port': 99999999999 is out of range"),
                Arguments.of("debug: \"yes\"", ": option 'debug': expected a boolean (true, false, yes, no, on or off, unquoted),"
                        + " got the string \"yes\""),
                Arguments.of("ping_interval: \"soon\"", ": option 'ping_interval': "),
                Arguments.of("listen: \"4222\"", ": option 'listen': could not parse address string \"4222\" (expected host:port)"),
                Arguments.of("tls: true", ": 'tls' must be a map"),
                Arguments.of("streaming: 1", ": 'streaming' must be a map"),
                Arguments.of("authorization { user: a, token: t }", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongValues")
    void wrongValueIsToldWithItsFileAndKey(String config, String message) throws Exception {
        String file = write(config);
        UsageException error = assertThrows(UsageException.class, () -> settings("-c", file));
        if (!message.isEmpty()) {
            assertTrue(error.getMessage().startsWith(file + message), error.getMessage());
        }
        assertFalse(error.getMessage().contains("\n"), error.getMessage());
    }

    @Test
    void sizeTooBigForNatsServer() throws Exception {
        UsageException error = assertThrows(UsageException.class, () -> settings("-c", write("max_payload: 4GB")));
        assertEquals("max_payload value is too big: 4294967296", error.getMessage());
    }

    @Test
    void syntaxErrorIsTheParsersOneLine() throws Exception {
        String file = write("port: 4222\nhost: [1, 2\n");
        UsageException error = assertThrows(UsageException.class, () -> settings("-c", file));
        assertTrue(error.getMessage().startsWith(file + ":"), error.getMessage());
        assertFalse(error.getMessage().contains("\n"), error.getMessage());
    }

    @Test
    void missingFile() {
        String file = dir.resolve("missing.conf").toString();
        UsageException error = assertThrows(UsageException.class, () -> settings("-c", file));
        assertTrue(error.getMessage().startsWith(file + ": "), error.getMessage());
    }

    @Test
    void signalUsesThePidFileOfTheConfigFile() throws Exception {
        Invocation invocation = ArgumentParser.parse(List.of("-c", write("pid_file: /run/j.pid"), "-sl", "reopen"));
        assertEquals("/run/j.pid", ((Invocation.SendSignal) invocation).request().pidOrPidFile());
    }

    private static Arguments key(String config, Function<ServerSettings, Object> option, Object expected) {
        return Arguments.of(config, option, expected);
    }

    private String write(String config) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "jstan", ".conf"), config).toString();
    }

    private static String resource(String name) throws URISyntaxException {
        return Path.of(ConfigFileTest.class.getResource(name).toURI()).toString();
    }
}

package io.jstan.cli.options;

import io.jstan.cli.logging.LogDestination;
import io.jstan.cli.signal.ProcessSignal;
import io.jstan.cli.signal.SignalRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.Model.OptionSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import static io.jstan.cli.options.Parsing.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlagParsingTest {
    private static final String[] TLS_FILES = {"--tlscert", "cert.pem", "--tlskey", "key.pem"};

    static Stream<Arguments> flags() {
        return Stream.of(
                flag(s -> s.nats().host(), "127.0.0.2", "-a", "127.0.0.2"),
                flag(s -> s.nats().host(), "127.0.0.2", "--addr", "127.0.0.2"),
                flag(s -> s.nats().host(), "127.0.0.2", "-addr", "127.0.0.2"),
                flag(s -> s.nats().host(), "127.0.0.2", "--a=127.0.0.2"),
                flag(s -> s.nats().port(), 4333, "-p", "4333"),
                flag(s -> s.nats().port(), 4333, "--port", "4333"),
                flag(s -> s.nats().port(), 4333, "-port=4333"),
                flag(s -> s.nats().port(), -1, "-p", "-1"),
                flag(s -> s.nats().port(), 4222, "-p", "0"),
                flag(s -> s.nats().port(), 2, "-p", "1", "--port", "2"),
                flag(ServerSettings::pidFile, Path.of("/run/jstan.pid"), "-P", "/run/jstan.pid"),
                flag(ServerSettings::pidFile, Path.of("/run/jstan.pid"), "--pid", "/run/jstan.pid"),
                flag(s -> s.nats().httpPort(), 8222, "-m", "8222"),
                flag(s -> s.nats().httpPort(), 8222, "--http_port", "8222"),
                flag(s -> s.nats().httpPort(), 8222, "-http_port=8222"),
                flag(s -> s.nats().httpsPort(), 8443, "-ms", "8443"),
                flag(s -> s.nats().httpsPort(), 8443, "--https_port", "8443"),
                flag(s -> s.logging().destination(), new LogDestination.File(Path.of("jstan.log")), "-l", "jstan.log"),
                flag(s -> s.logging().destination(), new LogDestination.File(Path.of("jstan.log")), "--log", "jstan.log"),
                flag(s -> s.logging().timestamps(), true),
                flag(s -> s.logging().timestamps(), false, "-T=false"),
                flag(s -> s.logging().timestamps(), false, "--logtime=false"),
                flag(s -> s.logging().timestamps(), true, "-T=false", "-T"),
                flag(s -> s.logging().destination(), LogDestination.Syslog.local(), "-s"),
                flag(s -> s.logging().destination(), LogDestination.Syslog.local(), "--syslog"),
                flag(s -> s.logging().destination(), new LogDestination.Stderr(), "--syslog=false"),
                flag(s -> s.logging().destination(), LogDestination.Syslog.remote("10.0.0.1", 5514), "-r", "udp://10.0.0.1:5514"),
                flag(s -> s.logging().destination(), LogDestination.Syslog.remote("logs", 514), "--remote_syslog", "udp://logs"),
                flag(s -> s.logging().debug(), true, "-D"),
                flag(s -> s.logging().debug(), true, "--debug"),
                flag(s -> s.logging().debug(), false, "--debug=false"),
                flag(s -> s.logging().trace(), true, "-V"),
                flag(s -> s.logging().trace(), true, "--trace"),
                flag(s -> s.nats().trace(), true, "-V"),
                flag(s -> s.logging().debug() && s.logging().trace(), true, "-DV"),
                flag(s -> s.logging().debug() || s.logging().trace(), false, "-D", "-V", "-DV=false"),
                flag(s -> s.nats().user(), "alice", "--user", "alice"),
                flag(s -> s.nats().user(), "alice", "-user=alice"),
                flag(s -> s.nats().user(), "-D", "--user", "-D"),
                flag(s -> s.nats().password(), "secret", "--user", "alice", "--pass", "secret"),
                flag(s -> s.nats().authToken(), "t0k3n", "--auth", "t0k3n"),
                flag(s -> s.nats().tlsEnabled(), true, with(TLS_FILES, "--tls")),
                flag(s -> s.nats().tlsCert(), Path.of("cert.pem"), TLS_FILES),
                flag(s -> s.nats().tlsKey(), Path.of("key.pem"), TLS_FILES),
                flag(s -> s.nats().tlsVerify(), true, with(TLS_FILES, "--tlsverify")),
                flag(s -> s.nats().tlsCaCert(), Path.of("ca.pem"), with(TLS_FILES, "--tlscacert", "ca.pem")),
                flag(s -> s.nats().tlsEnabled(), false, with(TLS_FILES, "--tls=false")));
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @MethodSource("flags")
    void flagSetsItsOption(Function<ServerSettings, Object> option, List<String> args, Object expected) throws Exception {
        assertEquals(expected, option.apply(settings(args.toArray(String[]::new))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-h", "--help", "-help", "help"})
    void helpFlags(String arg) throws Exception {
        assertInstanceOf(Invocation.ShowHelp.class, ArgumentParser.parse(List.of(arg)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-v", "--version", "-version", "version"})
    void versionFlags(String arg) throws Exception {
        assertInstanceOf(Invocation.ShowVersion.class, ArgumentParser.parse(List.of(arg)));
    }

    @Test
    void tlsHelpFlag() throws Exception {
        assertInstanceOf(Invocation.ShowTlsHelp.class, ArgumentParser.parse(List.of("--help_tls")));
    }

    @Test
    void signalFlagWithPidFile() throws Exception {
        Invocation invocation = ArgumentParser.parse(List.of("-sl", "reopen", "-P", "/run/jstan.pid"));
        assertEquals(new SignalRequest(ProcessSignal.REOPEN, "/run/jstan.pid"),
                assertInstanceOf(Invocation.SendSignal.class, invocation).request());
    }

    @Test
    void signalFlagWithPid() throws Exception {
        Invocation invocation = ArgumentParser.parse(List.of("--signal", "stop=1234"));
        assertEquals(new SignalRequest(ProcessSignal.STOP, "1234"), assertInstanceOf(Invocation.SendSignal.class, invocation).request());
        invocation = ArgumentParser.parse(List.of("--signal=quit=1234"));
        assertEquals(new SignalRequest(ProcessSignal.QUIT, "1234"), assertInstanceOf(Invocation.SendSignal.class, invocation).request());
    }

    @Test
    void configFlagReadsTheFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("jstan.conf"), "port: 4333\n");
        assertEquals(4333, settings("-c", file.toString()).nats().port());
        assertEquals(4333, settings("--config", file.toString()).nats().port());
    }

    @Test
    void defaultsAreNatsServers() throws Exception {
        ServerSettings settings = settings();
        assertEquals("0.0.0.0", settings.nats().host());
        assertEquals(4222, settings.nats().port());
        assertEquals(0, settings.nats().httpPort());
        assertNull(settings.pidFile());
        assertEquals(new LogDestination.Stderr(), settings.logging().destination());
        assertTrue(settings.logging().timestamps());
        assertFalse(settings.logging().debug());
        assertFalse(settings.nats().tlsEnabled());
        assertFalse(settings.nats().authRequired());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "t", "T", "TRUE", "true", "True"})
    void booleanFlagsTakeGoTrueValues(String value) throws Exception {
        assertTrue(settings("-D=" + value).logging().debug());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "f", "F", "FALSE", "false", "False"})
    void booleanFlagsTakeGoFalseValues(String value) throws Exception {
        assertFalse(settings("-T=" + value).logging().timestamps());
    }

    /** So that a new boolean flag cannot forget the arity that makes {@code --flag=false} work. */
    @Test
    void everyBooleanSettingTakesAnOptionalValue() {
        Set<String> printOnly = Set.of("--help", "--version", "--help_tls");
        for (OptionSpec option : ArgumentParser.commandLine(new JstanCommand()).getCommandSpec().options()) {
            boolean isBoolean = option.type() == boolean.class || option.type() == Boolean.class;
            if (isBoolean && !printOnly.contains(option.longestName())) {
                assertEquals(1, option.arity().max(), option.longestName() + " must be declared with arity = \"0..1\"");
            }
        }
    }

    @Test
    void argumentsAfterTheFlagsEndAreNotFlags() {
        UsageException error = assertThrows(UsageException.class, () -> ArgumentParser.parse(List.of("-p", "1", "extra", "-p", "2")));
        assertEquals("unrecognized command 'extra'", error.getMessage());
    }

    @Test
    void atSignIsNotAnArgumentFile() throws Exception {
        assertEquals("@admins", settings("--user", "@admins").nats().user());
    }

    private static Arguments flag(Function<ServerSettings, Object> option, Object expected, String... args) {
        return Arguments.of(option, List.of(args), expected);
    }

    private static String[] with(String[] first, String... more) {
        return Stream.concat(Stream.of(first), Stream.of(more)).toArray(String[]::new);
    }
}

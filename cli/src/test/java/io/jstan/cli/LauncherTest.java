package io.jstan.cli;

import io.jstan.cli.options.CommandModel;
import io.jstan.store.testing.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The entry point as a user meets it: exit codes and what is printed where. */
class LauncherTest {
    @TempDir
    static Path dir;

    record Result(OptionalInt exit, String out, String err) {
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        OptionalInt exit = new Launcher(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(List.of(args));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Stream<List<String>> mistakes() throws IOException {
        Path badSyntax = Files.writeString(dir.resolve("bad-syntax.conf"), "port: 4222\nhost: [1, 2\n");
        Path refused = Files.writeString(dir.resolve("gateway.conf"), "gateway { name: a }\n");
        Path wrongType = Files.writeString(dir.resolve("wrong-type.conf"), "port: \"abc\"\n");
        Path streamingRefused = Files.writeString(dir.resolve("ft.conf"), "streaming { ft_group: ft }\n");
        return Stream.of(
                List.of("--foo"),
                List.of("-p", "abc"),
                List.of("-p", "70000"),
                List.of("-p"),
                List.of("--tls=maybe"),
                List.of("serve"),
                List.of("-c", dir.resolve("missing.conf").toString()),
                List.of("-c", badSyntax.toString()),
                List.of("-c", refused.toString()),
                List.of("-c", wrongType.toString()),
                List.of("-c", streamingRefused.toString()),
                List.of("-sc", streamingRefused.toString()),
                List.of("-st", "SQL"),
                List.of("-st", "FILE"),
                List.of("-st", "disk"),
                List.of("-mm", "-1"),
                List.of("-sl", "restart"),
                List.of("-r", "tcp://logs:514"));
    }

    @ParameterizedTest
    @MethodSource("mistakes")
    void mistakeExitsWithTwoAndOneLineOnStderr(List<String> args) {
        Result result = run(args.toArray(String[]::new));
        assertEquals(OptionalInt.of(2), result.exit());
        assertEquals("", result.out());
        assertTrue(result.err().startsWith("jstan: "), result.err());
        assertEquals(1, result.err().lines().count(), result.err());
        assertTrue(result.err().endsWith("\n"), result.err());
        assertFalse(result.err().contains("\tat ") || result.err().contains("Caused by"), result.err());
    }

    @Test
    void unknownOptionMessage() {
        assertEquals("jstan: unknown option '--foo' (see 'jstan --help')\n", run("--foo").err());
    }

    @Test
    void versionFromTheBuild() {
        Result result = run("-v");
        assertEquals(OptionalInt.of(0), result.exit());
        assertEquals("", result.err());
        assertTrue(result.out().matches("jstan version \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n"), result.out());
        assertEquals(result.out(), run("--version").out());
    }

    @Test
    void helpListsEveryFlagBySection() {
        Result result = run("-h");
        assertEquals(OptionalInt.of(0), result.exit());
        assertEquals("", result.err());
        assertTrue(result.out().contains("Usage: jstan [options]"), result.out());
        for (CommandModel.Section section : CommandModel.sections()) {
            assertTrue(result.out().contains("\n" + section.heading() + ":\n"), section.heading());
            for (CommandModel.Flag flag : section.flags()) {
                assertTrue(result.out().contains(flag.synopsis()), flag.synopsis());
            }
        }
        assertTrue(result.out().contains("    -p, --port <int>                 Use port for clients (default: 4222)\n"), result.out());
        assertTrue(result.out().contains("        --tls=<bool>                 Enable TLS, do not verify clients\n"), result.out());
        assertTrue(result.out().contains("\nStreaming Server Options:\n    -cid, --cluster_id <string>      Cluster ID (default: test-cluster)\n"),
                result.out());
        assertEquals(result.out(), run("--help").out());
    }

    @Test
    void sqlStoreWithoutDriverIsRefusedInOneLine() {
        Result result = run("-st", "SQL");
        assertEquals(OptionalInt.of(2), result.exit());
        assertEquals("jstan: the SQL store needs a driver (--sql_driver postgres or mysql)\n", result.err());
    }

    @Test
    void tlsHelp() {
        Result result = run("--help_tls");
        assertEquals(OptionalInt.of(0), result.exit());
        assertTrue(result.out().contains("tls {"), result.out());
    }

    @Test
    void signalThatCannotBeSentExitsWithOne() {
        Result result = run("-sl", "quit=999999999");
        assertEquals(OptionalInt.of(1), result.exit());
        assertTrue(result.err().startsWith("jstan: cannot send quit to pid 999999999"), result.err());
        assertEquals(1, result.err().lines().count(), result.err());
    }

    @Test
    void firstWordPubSubOrBenchRunsThatClientTool() {
        for (String tool : List.of("pub", "sub", "bench")) {
            Result result = run(tool, "-h");
            assertEquals(OptionalInt.of(0), result.exit(), tool);
            assertTrue(result.out().startsWith("Usage: jstan " + tool + " "), result.out());
            assertEquals("", result.err());
        }
    }

    @Test
    void toolMistakeExitsWithTwoAndPointsToTheToolsHelp() {
        Result result = run("bench", "-np", "0", "orders");
        assertEquals(OptionalInt.of(2), result.exit());
        assertEquals("", result.out());
        assertEquals("jstan bench: -np must be at least 1, not 0 (see 'jstan bench -h')\n", result.err());
    }

    @Test
    void toolThatCannotConnectExitsWithOne() throws IOException {
        int closedPort = FreePorts.next();
        String url = "nats://127.0.0.1:" + closedPort;
        Result result = run("pub", "-s", url, "-id", "p", "orders", "hello");
        assertEquals(OptionalInt.of(1), result.exit());
        assertEquals("", result.out());
        assertTrue(result.err().endsWith("jstan pub: can't connect to " + url + " (cluster ID 'test-cluster', client ID 'p'): "
                + "Unable to connect to NATS servers: [" + url + "]\n"), result.err());
    }

    @Test
    void toolNameAfterAFlagIsAnUnrecognizedCommand() {
        Result result = run("-p", "4222", "bench");
        assertEquals(OptionalInt.of(2), result.exit());
        assertEquals("jstan: unrecognized command 'bench'\n", result.err());
    }
}

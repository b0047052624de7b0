package io.jstan.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.jstan.broker.testing.ClientWaits.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The jstan command run as its own process, as a user or a service manager runs it. */
class JstanProcessTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Pattern LISTENING = Pattern.compile("Listening for client connections on 127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;
    private Process jstan;

    @AfterEach
    void killJstan() {
        if (jstan != null) {
            jstan.destroyForcibly();
        }
    }

    @Test
    void servesThenReopensItsLogAndQuitsOnSignals() throws Exception {
        Path pidFile = dir.resolve("jstan.pid");
        Path log = dir.resolve("jstan.log");
        jstan = start("-a", "127.0.0.1", "-p", "-1", "-P", pidFile.toString(), "-l", log.toString());
        awaitLog(log, "[INF] STREAM: Streaming Server is ready");
        assertEquals(Long.toString(jstan.pid()), Files.readString(pidFile));
        assertTrue(firstLineFromServer(port(log)).startsWith("INFO {"));

        Path rotated = dir.resolve("jstan.log.1");
        Files.move(log, rotated);
        assertEquals(OptionalInt.of(0), LauncherTest.run("-sl", "reopen", "-P", pidFile.toString()).exit());
        awaitLog(log, "[INF] File log re-opened");

        assertEquals(OptionalInt.of(0), LauncherTest.run("-sl", "quit", "-P", pidFile.toString()).exit());
        assertTrue(jstan.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS), "jstan did not exit on quit");
        assertEquals(0, jstan.exitValue());
        assertFalse(Files.exists(pidFile), "the pid file is left behind");
        assertTrue(read(log).contains("[INF] Server Exiting.."), read(log));
        for (String line : read(rotated).lines().toList()) {
            assertTrue((line + "\n").matches("\\[" + jstan.pid() + "] \\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{6} \\[INF] .*\n"), line);
        }
    }

    @Test
    void sigtermShutsDownCleanly() throws Exception {
        Path pidFile = dir.resolve("jstan.pid");
        Path log = dir.resolve("jstan.log");
        jstan = start("-a", "127.0.0.1", "-p", "-1", "-P", pidFile.toString(), "-l", log.toString(), "-T=false");
        awaitLog(log, "[INF] STREAM: Streaming Server is ready");
        jstan.destroy();
        assertTrue(jstan.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS), "jstan did not exit on SIGTERM");
        assertEquals(143, jstan.exitValue());
        assertFalse(Files.exists(pidFile), "the pid file is left behind");
        assertTrue(read(log).endsWith("[" + jstan.pid() + "] [INF] Server Exiting..\n"), read(log));
    }

    @Test
    void portInUseIsFatal() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Path output = dir.resolve("output");
            jstan = start(output, "-p", Integer.toString(taken.getLocalPort()));
            assertTrue(jstan.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS), "jstan did not exit");
            assertEquals(1, jstan.exitValue());
            assertTrue(read(output).contains("[FTL] "), read(output));
        }
    }

    private Process start(String... args) throws IOException {
        return start(dir.resolve("output"), args);
    }

    /** Through env --default-signal, since a process started from a background shell inherits SIGINT ignored. */
    private static Process start(Path output, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    private void awaitLog(Path log, String text) {
        await(DEADLINE, () -> Files.exists(log) && read(log).contains(text),
                () -> "'" + text + "' in the log; output: " + (Files.exists(dir.resolve("output")) ? read(dir.resolve("output")) : ""));
    }

    private static int port(Path log) {
        Matcher matcher = LISTENING.matcher(read(log));
        assertTrue(matcher.find(), read(log));
        return Integer.parseInt(matcher.group(1));
    }

    private static String firstLineFromServer(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port);
             BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            socket.setSoTimeout((int) DEADLINE.toMillis());
            return in.readLine();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.jstan.cli.logging;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoggingTest {
    private static final Logger JSTAN = LoggerFactory.getLogger("io.jstan.test");
    private static final Logger LIBRARY = LoggerFactory.getLogger("org.example.library");
    private static final Logger PROTOCOL = LoggerFactory.getLogger(Logging.PROTOCOL_TRACE_LOGGER);
    private static final Logger STREAMING = LoggerFactory.getLogger("io.jstan.broker.streaming.test");
    private static final Logger STREAMING_TRACE = LoggerFactory.getLogger(StreamingLoggers.TRACE);

    @TempDir
    Path dir;
    private LogControl control;

    @AfterEach
    void stopLogging() {
        if (control != null) {
            control.stop();
        }
    }

    @Test
    void infoAndAboveByDefault() throws Exception {
        Path file = dir.resolve("jstan.log");
        control = Logging.configure(new LogSettings(new LogDestination.File(file), true, false, false, false, false, false));
        JSTAN.info("shown");
        JSTAN.debug("hidden");
        PROTOCOL.trace("hidden");
        List<String> lines = lines(file);
        assertEquals(1, lines.size(), lines.toString());
        assertTrue((lines.get(0) + "\n").matches(NatsLogLayoutTest.LINE), lines.get(0));
        assertTrue(lines.get(0).endsWith("[INF] shown"), lines.get(0));
    }

    @Test
    void debugIsForJstansLoggersOnly() throws Exception {
        Path file = dir.resolve("jstan.log");
        control = Logging.configure(new LogSettings(new LogDestination.File(file), false, true, false, false, false, false));
        JSTAN.debug("jstan debug");
        LIBRARY.debug("library debug");
        PROTOCOL.trace("<<- [PING]");
        assertEquals(List.of("[" + ProcessHandle.current().pid() + "] [DBG] jstan debug"), lines(file));
    }

    @Test
    void traceTurnsOnTheProtocolTrace() throws Exception {
        Path file = dir.resolve("jstan.log");
        control = Logging.configure(new LogSettings(new LogDestination.File(file), false, false, true, false, false, false));
        PROTOCOL.trace("<<- [PING]");
        JSTAN.debug("hidden");
        assertEquals(List.of("[" + ProcessHandle.current().pid() + "] [TRC] <<- [PING]"), lines(file));
    }

    @Test
    void fileIsAppendedTo() throws Exception {
        Path file = Files.writeString(dir.resolve("jstan.log"), "earlier\n");
        control = Logging.configure(new LogSettings(new LogDestination.File(file), false, false, false, false, false, false));
        JSTAN.info("later");
        assertEquals("earlier", lines(file).get(0));
        assertTrue(lines(file).get(1).endsWith("[INF] later"));
    }

    @Test
    void reopenStartsANewFileAfterRotation() throws Exception {
        Path file = dir.resolve("jstan.log");
        Path rotated = dir.resolve("jstan.log.1");
        control = Logging.configure(new LogSettings(new LogDestination.File(file), false, false, false, false, false, false));
        JSTAN.info("before rotation");
        Files.move(file, rotated);
        control.reopen();
        JSTAN.info("after rotation");
        assertEquals(1, lines(rotated).size());
        assertTrue(lines(rotated).get(0).endsWith("before rotation"));
        List<String> current = lines(file);
        assertEquals(2, current.size(), current.toString());
        assertTrue(current.get(0).endsWith("[INF] File log re-opened"), current.get(0));
        assertTrue(current.get(1).endsWith("[INF] after rotation"), current.get(1));
    }

    @Test
    void logFileThatCannotBeOpened() {
        Path file = dir.resolve("missing-dir").resolve("jstan.log");
        IOException error = assertThrows(IOException.class,
                () -> Logging.configure(new LogSettings(new LogDestination.File(file), true, false, false, false, false, false)));
        assertTrue(error.getMessage().startsWith("cannot open log file " + file + ": "), error.getMessage());
    }

    @Test
    void remoteSyslogGetsOneDatagramPerLine() throws Exception {
        try (DatagramSocket server = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(10_000);
            control = Logging.configure(new LogSettings(
                    LogDestination.Syslog.remote("127.0.0.1", server.getLocalPort()), true, false, false, false, false, false));
            JSTAN.warn("disk almost full");
            DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
            server.receive(packet);
            String message = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
            assertTrue(message.matches("<4>\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(Z|[+-]\\d{2}:\\d{2}) \\S+ jstan\\["
                    + ProcessHandle.current().pid() + "]: disk almost full\n"), message);
        }
    }

    @Test
    void streamingLinesStartWithStream() throws Exception {
        Path file = dir.resolve("jstan.log");
        control = Logging.configure(new LogSettings(new LogDestination.File(file), false, false, false, false, false, false));
        JSTAN.info("Server is ready");
        STREAMING.info("Streaming Server is ready");
        long pid = ProcessHandle.current().pid();
        assertEquals(List.of("[" + pid + "] [INF] Server is ready", "[" + pid + "] [INF] STREAM: Streaming Server is ready"),
                lines(file));
    }

    @Test
    void debugLeavesTheStreamingLoggersAtInfo() throws Exception {
        Path file = dir.resolve("jstan.log");
        control = Logging.configure(new LogSettings(new LogDestination.File(file), false, true, false, false, false, false));
        STREAMING.debug("hidden");
        JSTAN.debug("shown");
        assertEquals(List.of("[" + ProcessHandle.current().pid() + "] [DBG] shown"), lines(file));
    }

    @Test
    void streamingDebugIsForTheStreamingLoggersOnly() throws Exception {
        Path file = dir.resolve("jstan.log");
        control = Logging.configure(new LogSettings(new LogDestination.File(file), false, false, false, true, false, false));
        JSTAN.debug("hidden");
        STREAMING.debug("client registered");
        STREAMING_TRACE.trace("hidden");
        assertEquals(List.of("[" + ProcessHandle.current().pid() + "] [DBG] STREAM: client registered"), lines(file));
    }

    @Test
    void streamingTraceTurnsOnTheStreamingTraceOnly() throws Exception {
        Path file = dir.resolve("jstan.log");
        control = Logging.configure(new LogSettings(new LogDestination.File(file), false, false, false, false, true, false));
        PROTOCOL.trace("hidden");
        STREAMING.debug("hidden");
        STREAMING_TRACE.trace("Received PubMsg");
        assertEquals(List.of("[" + ProcessHandle.current().pid() + "] [TRC] STREAM: Received PubMsg"), lines(file));
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }
}

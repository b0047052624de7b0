package io.jstan.cli.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NatsLogLayoutTest {
    /** nats-server's line: [pid] date time.microseconds [LVL] message */
    static final String LINE = "\\[\\d+] \\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{6} \\[(INF|DBG|TRC|WRN|ERR|FTL)] .*\n";

    private static final LoggerContext CONTEXT = new LoggerContext();
    private static final Instant AT = Instant.parse("2026-11-24T10:00:00.123456789Z");

    @Test
    void lineHasPidLocalTimeToTheMicrosecondLevelAndMessage() {
        NatsLogLayout layout = new NatsLogLayout(4242, true, ZoneOffset.ofHours(1));
        assertEquals("[4242] 2026/11/24 11:00:00.123456 [INF] Listening for client connections on 0.0.0.0:4222\n",
                layout.doLayout(event(Level.INFO, "Listening for client connections on {}:{}", "0.0.0.0", 4222)));
    }

    @Test
    void withoutTimestamps() {
        NatsLogLayout layout = new NatsLogLayout(4242, false, ZoneOffset.UTC);
        assertEquals("[4242] [WRN] careful\n", layout.doLayout(event(Level.WARN, "careful")));
    }

    @Test
    void lineOfThisProcessMatchesNatsServersShape() {
        String line = new NatsLogLayout(true).doLayout(event(Level.INFO, "Server is ready"));
        assertTrue(line.matches(LINE), line);
        assertTrue(line.startsWith("[" + ProcessHandle.current().pid() + "] "), line);
    }

    @ParameterizedTest
    @CsvSource({"TRACE, TRC", "DEBUG, DBG", "INFO, INF", "WARN, WRN", "ERROR, ERR"})
    void levelLabels(String level, String label) {
        NatsLogLayout layout = new NatsLogLayout(1, false, ZoneId.of("UTC"));
        assertEquals("[1] [" + label + "] m\n", layout.doLayout(event(Level.toLevel(level), "m")));
    }

    @Test
    void fatalMarkerIsFtl() {
        LoggingEvent event = event(Level.ERROR, "cannot listen");
        event.addMarker(LogLevels.FATAL);
        assertEquals("[1] [FTL] cannot listen\n", new NatsLogLayout(1, false, ZoneOffset.UTC).doLayout(event));
    }

    @ParameterizedTest
    @CsvSource({"io.jstan.broker.streaming, STREAM: m", "io.jstan.broker.streaming.Engine, STREAM: m",
            "io.jstan.cli.streaming.StreamingStartupLog, STREAM: m", "io.jstan.broker.bus.JnatsBus, STREAM: m",
            "io.jstan.store.LimitsWarning, STREAM: m",
            "io.jstan.broker.streamingx, m", "io.jstan.broker.nats.NatsServer, m"})
    void streamingServersLinesStartWithStream(String logger, String text) {
        NatsLogLayout layout = new NatsLogLayout(1, false, ZoneOffset.UTC);
        assertEquals("[1] [INF] " + text + "\n", layout.doLayout(event(logger, Level.INFO, "m")));
    }

    static LoggingEvent event(Level level, String message, Object... arguments) {
        return event("test", level, message, arguments);
    }

    static LoggingEvent event(String logger, Level level, String message, Object... arguments) {
        LoggingEvent event = new LoggingEvent(logger, CONTEXT.getLogger(logger), level, message, null, arguments);
        event.setInstant(AT);
        return event;
    }
}

package io.jstan.cli.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SyslogMessageFormatTest {

    @Test
    void goSyslogShape() {
        SyslogMessageFormat format = new SyslogMessageFormat(3, "node-1", "jstan", 4242, ZoneOffset.ofHours(1));
        assertEquals("<29>2026-11-24T11:00:00+01:00 node-1 jstan[4242]: Server is ready\n",
                format.format(NatsLogLayoutTest.event(Level.INFO, "Server is ready")));
    }

    @Test
    void streamingServersMessagesStartWithStream() {
        SyslogMessageFormat format = new SyslogMessageFormat(3, "node-1", "jstan", 4242, ZoneOffset.ofHours(1));
        assertEquals("<29>2026-11-24T11:00:00+01:00 node-1 jstan[4242]: STREAM: Streaming Server is ready\n",
                format.format(NatsLogLayoutTest.event("io.jstan.cli.streaming.StreamingStartupLog", Level.INFO,
                        "Streaming Server is ready")));
    }

    @ParameterizedTest
    @CsvSource({"ERROR, 3", "WARN, 4", "INFO, 5", "DEBUG, 7", "TRACE, 5"})
    void severitiesAsNatsServer(String level, int severity) {
        SyslogMessageFormat format = new SyslogMessageFormat(0, "h", "jstan", 1, ZoneOffset.UTC);
        assertEquals("<" + severity + ">2026-11-24T10:00:00Z h jstan[1]: m\n",
                format.format(NatsLogLayoutTest.event(Level.toLevel(level), "m")));
    }

    @Test
    void fatalIsCritical() {
        LoggingEvent event = NatsLogLayoutTest.event(Level.ERROR, "m");
        event.addMarker(LogLevels.FATAL);
        assertEquals("<26>2026-11-24T10:00:00Z h jstan[1]: m\n",
                new SyslogMessageFormat(3, "h", "jstan", 1, ZoneOffset.UTC).format(event));
    }
}

package io.jstan.cli.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Syslog datagrams as nats-server sends them (Go's log/syslog over the network):
 * {@code <PRI>2026-11-24T10:00:00+01:00 host tag[pid]: message}, an RFC 3164 header with an
 * RFC 3339 timestamp.
 */
final class SyslogMessageFormat {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    private final int facility;
    private final String hostname;
    private final String tag;
    private final long pid;
    private final ZoneId zone;

    SyslogMessageFormat(int facility, String hostname, String tag, long pid, ZoneId zone) {
        this.facility = facility;
        this.hostname = hostname;
        this.tag = tag;
        this.pid = pid;
        this.zone = zone;
    }

    String format(ILoggingEvent event) {
        int priority = facility * 8 + LogLevels.syslogSeverity(event);
        return "<" + priority + ">" + TIMESTAMP.format(event.getInstant().atZone(zone)) + " " + hostname + " "
                + tag + "[" + pid + "]: " + StreamingLoggers.text(event) + "\n";
    }
}

package io.jstan.cli.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;

import java.util.List;

/**
 * The loggers that speak for the streaming server: the engine, its store, its connection to NATS,
 * and the command's streaming startup lines. Their lines carry nats-streaming-server's {@code STREAM: }
 * prefix, and -SD sets their level, apart from -D.
 */
public final class StreamingLoggers {
    /** The engine's protocol trace (-SV) goes to this logger, at TRACE. */
    public static final String TRACE = "io.jstan.broker.streaming.trace";
    static final List<String> NAMES = List.of("io.jstan.broker.streaming", "io.jstan.store", "io.jstan.broker.bus",
            "io.jstan.cli.streaming");
    private static final String PREFIX = "STREAM: ";

    private StreamingLoggers() {
    }

    /** The text of {@code event}'s line after its level tag. */
    static String text(ILoggingEvent event) {
        String message = event.getFormattedMessage();
        return isStreaming(event.getLoggerName()) ? PREFIX + message : message;
    }

    private static boolean isStreaming(String loggerName) {
        for (String name : NAMES) {
            if (loggerName.startsWith(name) && (loggerName.length() == name.length() || loggerName.charAt(name.length()) == '.')) {
                return true;
            }
        }
        return false;
    }
}

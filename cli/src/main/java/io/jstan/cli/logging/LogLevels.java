package io.jstan.cli.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/** nats-server's names and syslog severities for log levels. */
public final class LogLevels {
    /** On an ERROR event: the server cannot go on, logged as [FTL]. */
    public static final Marker FATAL = MarkerFactory.getMarker("FATAL");

    private static final int CRITICAL = 2;
    private static final int ERROR = 3;
    private static final int WARNING = 4;
    private static final int NOTICE = 5;
    private static final int DEBUG = 7;

    private LogLevels() {
    }

    /** INF, DBG, TRC, WRN, ERR or FTL. */
    static String label(ILoggingEvent event) {
        return switch (event.getLevel().toInt()) {
            case Level.ERROR_INT -> isFatal(event) ? "FTL" : "ERR";
            case Level.WARN_INT -> "WRN";
            case Level.INFO_INT -> "INF";
            case Level.DEBUG_INT -> "DBG";
            default -> "TRC";
        };
    }

    /** As nats-server's syslog logger: information and traces are notices. */
    static int syslogSeverity(ILoggingEvent event) {
        return switch (event.getLevel().toInt()) {
            case Level.ERROR_INT -> isFatal(event) ? CRITICAL : ERROR;
            case Level.WARN_INT -> WARNING;
            case Level.DEBUG_INT -> DEBUG;
            default -> NOTICE;
        };
    }

    private static boolean isFatal(ILoggingEvent event) {
        return event.getMarkerList() != null && event.getMarkerList().contains(FATAL);
    }
}

package io.jstan.cli.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Log lines in nats-server's shape: {@code [pid] 2026/11/24 10:00:00.123456 [INF] message},
 * local time to the microsecond, or {@code [pid] [INF] message} without timestamps (-T=false); the
 * streaming server's messages start with {@code STREAM: }, as nats-streaming-server's.
 */
public final class NatsLogLayout extends LayoutBase<ILoggingEvent> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss.SSSSSS ");

    private final String pidPrefix;
    private final boolean timestamps;
    private final ZoneId zone;

    public NatsLogLayout(boolean timestamps) {
        this(ProcessHandle.current().pid(), timestamps, ZoneId.systemDefault());
    }

    NatsLogLayout(long pid, boolean timestamps, ZoneId zone) {
        this.pidPrefix = "[" + pid + "] ";
        this.timestamps = timestamps;
        this.zone = zone;
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(128).append(pidPrefix);
        if (timestamps) {
            TIME.formatTo(event.getInstant().atZone(zone), line);
        }
        line.append('[').append(LogLevels.label(event)).append("] ").append(StreamingLoggers.text(event)).append('\n');
        if (event.getThrowableProxy() != null) {
            line.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
        }
        return line.toString();
    }
}

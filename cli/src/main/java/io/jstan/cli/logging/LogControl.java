package io.jstan.cli.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/** The logging set up by {@link Logging#configure}: reopened for log rotation, stopped at exit. */
public final class LogControl {
    private static final Logger LOG = LoggerFactory.getLogger(LogControl.class);

    private final LoggerContext context;
    /** Null unless logging to a file. */
    private final FileAppender<ILoggingEvent> file;

    LogControl(LoggerContext context, FileAppender<ILoggingEvent> file) {
        this.context = context;
        this.file = file;
    }

    /** Reopens the log file under its name, after a rotation moved it away (SIGUSR1, {@code -sl reopen}). */
    public void reopen() {
        if (file == null) {
            LOG.info("File log re-open ignored, not a file logger");
            return;
        }
        try {
            file.openFile(file.getFile());
            LOG.info("File log re-opened");
        } catch (IOException e) {
            LOG.error("Unable to re-open the log file {}: {}", file.getFile(), e.getMessage());
        }
    }

    /** Flushes and closes the destination. */
    public void stop() {
        context.stop();
    }
}

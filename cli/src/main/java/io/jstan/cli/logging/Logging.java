package io.jstan.cli.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;

/** Sets up logback, in code, for a server run. */
public final class Logging {
    /** The broker's protocol trace (-V) goes to this logger, at TRACE. */
    public static final String PROTOCOL_TRACE_LOGGER = "io.jstan.broker.nats.trace";
    /** -D turns on debug lines for jstan's own loggers only, not for the libraries' nor the streaming server's. */
    private static final String JSTAN_LOGGERS = "io.jstan";
    /**
     * SOFAJRaft and its RPC (bolt): silent unless --cluster_raft_logging, as nats-streaming-server's
     * Raft library. They log every attempt to reach a stopped node, with a stack trace.
     */
    private static final String RAFT_LIBRARY_LOGGERS = "com.alipay";

    private Logging() {
    }

    /**
     * Replaces logback's configuration with one that follows {@code settings}.
     *
     * @throws IOException when the log file cannot be opened or the syslog server's host is unknown
     */
    public static LogControl configure(LogSettings settings) throws IOException {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        Appender<ILoggingEvent> appender = appender(context, settings);
        appender.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(appender);
        context.getLogger(JSTAN_LOGGERS).setLevel(settings.debug() ? Level.DEBUG : Level.INFO);
        if (settings.trace()) {
            context.getLogger(PROTOCOL_TRACE_LOGGER).setLevel(Level.TRACE);
        }
        Level streamingLevel = settings.streamingDebug() ? Level.DEBUG : Level.INFO;
        StreamingLoggers.NAMES.forEach(name -> context.getLogger(name).setLevel(streamingLevel));
        if (settings.streamingTrace()) {
            context.getLogger(StreamingLoggers.TRACE).setLevel(Level.TRACE);
        }
        context.getLogger(RAFT_LIBRARY_LOGGERS).setLevel(settings.raftLogging() ? Level.INFO : Level.OFF);
        return new LogControl(context, appender instanceof FileAppender<ILoggingEvent> file ? file : null);
    }

    private static Appender<ILoggingEvent> appender(LoggerContext context, LogSettings settings) throws IOException {
        Appender<ILoggingEvent> appender;
        if (settings.destination() instanceof LogDestination.File file) {
            checkWritable(file);
            FileAppender<ILoggingEvent> fileAppender = new FileAppender<>();
            fileAppender.setFile(file.path().toString());
            fileAppender.setAppend(true);
            fileAppender.setEncoder(encoder(context, settings));
            appender = fileAppender;
        } else if (settings.destination() instanceof LogDestination.Syslog syslog) {
            appender = SyslogAppender.to(syslog);
        } else {
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            console.setTarget("System.err");
            console.setEncoder(encoder(context, settings));
            appender = console;
        }
        appender.setContext(context);
        return appender;
    }

    private static LayoutWrappingEncoder<ILoggingEvent> encoder(LoggerContext context, LogSettings settings) {
        NatsLogLayout layout = new NatsLogLayout(settings.timestamps());
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        return encoder;
    }

    /** Logback would only record a failure to open the file in its status; find it out first, with the reason. */
    private static void checkWritable(LogDestination.File file) throws IOException {
        try {
            Files.newOutputStream(file.path(), StandardOpenOption.CREATE, StandardOpenOption.APPEND).close();
        } catch (IOException e) {
            throw new IOException("cannot open log file " + file.path() + ": " + e.getMessage(), e);
        }
    }
}

package io.jstan.cli.signal;

import io.jstan.cli.logging.LogControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * A running server's answers to signals, as nats-streaming-server's: SIGINT exits with 0
 * (SIGTERM keeps the JVM's 143, which is nats-streaming-server's too; both run the shutdown
 * hook), SIGUSR1 reopens the log file. Java has no public API for these signals, hence
 * sun.misc.Signal. SIGUSR2 (nats-server's lame duck mode) stays the JVM's: HotSpot suspends
 * threads with it, for Java Flight Recorder's samples.
 */
public final class ProcessSignalHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessSignalHandlers.class);

    private ProcessSignalHandlers() {
    }

    public static void install(LogControl log) {
        Signal.handle(new Signal("INT"), signal -> {
            LOG.debug("Trapped \"interrupt\" signal");
            System.exit(0);
        });
        Signal.handle(new Signal("USR1"), signal -> log.reopen());
        // The JVM would exit on SIGHUP; nats-streaming-server reloads its configuration instead.
        Signal.handle(new Signal("HUP"), signal -> LOG.warn("Trapped \"hangup\" signal: configuration reload is not supported by jstan yet"));
    }
}

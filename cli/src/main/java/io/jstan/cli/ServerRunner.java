package io.jstan.cli;

import io.jstan.broker.nats.NatsServer;
import io.jstan.cli.logging.LogControl;
import io.jstan.cli.logging.LogLevels;
import io.jstan.cli.logging.Logging;
import io.jstan.cli.options.Invocation;
import io.jstan.cli.options.ServerSettings;
import io.jstan.cli.signal.ProcessSignalHandlers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.util.OptionalInt;

/**
 * Starts the server: logging, the pid file, the listeners; then leaves it running, to be
 * stopped by a signal through the shutdown hook.
 */
final class ServerRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ServerRunner.class);

    private final ServerSettings settings;
    private final LogControl log;
    private PidFile pidFile;
    private NatsServer server;

    private ServerRunner(ServerSettings settings, LogControl log) {
        this.settings = settings;
        this.log = log;
    }

    /** @return empty once the server runs; an exit code when it could not start, told in the log */
    static OptionalInt start(Invocation.RunServer invocation, PrintStream err) {
        LogControl log;
        try {
            log = Logging.configure(invocation.settings().logging());
        } catch (IOException e) {
            err.println("jstan: " + e.getMessage());
            return OptionalInt.of(Launcher.FAILURE);
        }
        invocation.configWarnings().forEach(LOG::warn);
        ServerRunner runner = new ServerRunner(invocation.settings(), log);
        if (!runner.start()) {
            runner.stop();
            return OptionalInt.of(Launcher.FAILURE);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(runner::stop, "jstan-shutdown"));
        ProcessSignalHandlers.install(log);
        LOG.info("Server is ready");
        return OptionalInt.empty();
    }

    private boolean start() {
        NatsServer nats = new NatsServer(settings.nats());
        LOG.info("Starting jstan");
        LOG.info("  Version:  {}", Version.current());
        LOG.info("  Java:     {} ({})", Runtime.version(), System.getProperty("java.vendor"));
        LOG.info("  Name:     {}", nats.serverName());
        LOG.info("  ID:       {}", nats.serverId());
        if (settings.pidFile() != null) {
            try {
                pidFile = PidFile.write(settings.pidFile());
            } catch (IOException e) {
                LOG.error(LogLevels.FATAL, "Could not write pidfile: {}", e.getMessage());
                return false;
            }
        }
        try {
            nats.start();
        } catch (IOException e) {
            LOG.error(LogLevels.FATAL, "{}", e.getMessage());
            return false;
        }
        server = nats;
        return true;
    }

    /** Closes the server, removes the pid file, and flushes the log. */
    private void stop() {
        if (server != null) {
            server.close();
        }
        if (pidFile != null) {
            try {
                pidFile.delete();
            } catch (IOException e) {
                LOG.warn("Could not remove pidfile {}: {}", pidFile.path(), e.getMessage());
            }
        }
        if (server != null) {
            LOG.info("Server Exiting..");
        }
        log.stop();
    }
}

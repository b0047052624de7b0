package io.jstan.cli;

import io.jstan.broker.bus.Bus;
import io.jstan.broker.bus.JnatsBus;
import io.jstan.broker.cluster.ClusterOptions;
import io.jstan.broker.nats.NatsServer;
import io.jstan.broker.streaming.FaultToleranceGroup;
import io.jstan.broker.streaming.StreamingServer;
import io.jstan.broker.streaming.StreamingStartException;
import io.jstan.cli.logging.LogControl;
import io.jstan.cli.logging.LogLevels;
import io.jstan.cli.logging.Logging;
import io.jstan.cli.options.ExternalNats;
import io.jstan.cli.options.Invocation;
import io.jstan.cli.options.ServerSettings;
import io.jstan.cli.options.StreamingSettings;
import io.jstan.cli.signal.ProcessSignalHandlers;
import io.jstan.cli.streaming.ExternalNatsOptions;
import io.jstan.cli.streaming.StreamingStartupLog;
import io.jstan.store.Store;
import io.jstan.store.StoreException;
import io.jstan.store.crypto.EncryptingStore;
import io.jstan.store.file.FileStore;
import io.jstan.store.memory.MemoryStore;
import io.jstan.store.sql.SqlStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.util.OptionalInt;

/**
 * Starts the server: logging, the pid file, the NATS server (embedded, or a connection to an
 * external one), the store and the streaming engine; then leaves it running, to be stopped by a
 * signal through the shutdown hook, which closes them in reverse order.
 */
final class ServerRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ServerRunner.class);

    private final ServerSettings settings;
    private final LogControl log;
    private PidFile pidFile;
    private NatsServer nats;
    private JnatsBus externalBus;
    private Store store;
    private StreamingServer streaming;
    private FaultToleranceGroup faultTolerance;
    /** Set once the shutdown began: exiting from within it would wait for itself. */
    private volatile boolean stopping;

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
        if (invocation.settings().streaming().cluster() == null) {
            // A clustered node is ready when it leads: the engine says so then, as nats-streaming-server's.
            StreamingStartupLog.ready();
        }
        return OptionalInt.empty();
    }

    private boolean start() {
        StreamingStartupLog.starting(settings.streaming().engine().clusterId(), Version.current());
        if (settings.pidFile() != null) {
            try {
                pidFile = PidFile.write(settings.pidFile());
            } catch (IOException e) {
                LOG.error(LogLevels.FATAL, "Could not write pidfile: {}", e.getMessage());
                return false;
            }
        }
        ExternalNats external = settings.streaming().externalNats();
        Bus bus;
        if (external == null) {
            nats = embeddedNats();
            if (portsOpenFirst() && !startEmbeddedNats()) {
                return false;
            }
            bus = nats.bus();
        } else {
            bus = connectToExternalNats(external);
            if (bus == null) {
                return false;
            }
        }
        store = openStore(settings.streaming());
        if (!holdStore(bus)) {
            return false;
        }
        try {
            streaming = startStreaming(bus);
        } catch (StreamingStartException | StoreException e) {
            StreamingStartupLog.failed(e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            StreamingStartupLog.failed("interrupted while starting");
            return false;
        }
        if (nats != null && !portsOpenFirst() && !startEmbeddedNats()) {
            return false;
        }
        if (faultTolerance != null) {
            faultTolerance.announceActive();
        }
        if (nats != null && nats.monitoring() != null) {
            nats.monitoring().serveStreaming(streaming);
        }
        StreamingStartupLog.storeInUse(streaming.storeType(), settings.streaming().dir(), settings.streaming().encryption(),
                settings.streaming().engine().storeLimits());
        return true;
    }

    private StreamingServer startStreaming(Bus bus) throws InterruptedException {
        ClusterOptions cluster = settings.streaming().cluster();
        if (cluster == null) {
            return StreamingServer.start(bus, store, settings.streaming().engine());
        }
        return StreamingServer.startClustered(bus, store, settings.streaming().engine(), cluster.onFailure(this::failed));
    }

    /** An active server of a fault-tolerance group whose SQL store lock was taken by another must stop at once. */
    private static void lostStoreLock() {
        LOG.error(LogLevels.FATAL, "lost store lock, aborting");
        System.exit(Launcher.FAILURE);
    }

    /**
     * A clustered node whose store failed cannot go on: it exits, to be restarted with its store
     * checked; while it stops anyway, it only says so (System.exit would block on the shutdown under way).
     */
    private void failed(String reason) {
        LOG.error(LogLevels.FATAL, "Raft node failed: {}", reason);
        if (!stopping) {
            System.exit(Launcher.FAILURE);
        }
    }

    /**
     * Whether the embedded server opens its ports before the streaming server starts. On its own,
     * it opens them once the streaming server serves, so that a client that connects as soon as the
     * port accepts is answered. A standby of a fault-tolerance group needs the NATS network while it
     * waits, and with routes the server is one of a mesh, whose other servers take clients anyway,
     * and where the check for another streaming server with the same cluster ID must see the mesh:
     * then the ports open first, as nats-streaming-server's do. A clustered node serves only while it
     * leads, and its followers take clients too: its ports open first.
     */
    private boolean portsOpenFirst() {
        return settings.streaming().ftGroup() != null || settings.nats().cluster().enabled()
                || settings.streaming().cluster() != null;
    }

    private static Store openStore(StreamingSettings streaming) {
        Store stored;
        if (streaming.storeType().equals(FileStore.TYPE)) {
            stored = new FileStore(streaming.dir(), streaming.fileStore());
        } else if (streaming.storeType().equals(SqlStore.TYPE)) {
            stored = new SqlStore(streaming.sqlStore(), ServerRunner::lostStoreLock);
        } else {
            return new MemoryStore(streaming.engine().storeLimits());
        }
        return streaming.encryption() == null ? stored : new EncryptingStore(stored, streaming.encryption());
    }

    private String storeDescription() {
        StreamingSettings streaming = settings.streaming();
        return streaming.sqlStore() != null ? "the SQL store's database " + streaming.sqlStore().jdbcUrl()
                : "the store in " + streaming.dir();
    }

    /**
     * Takes the store's exclusive lock: at once, or as a fault-tolerance standby once the active
     * server is gone. A store that has no lock (MEMORY) needs none.
     *
     * @return false when the store cannot be had (told in the log)
     */
    private boolean holdStore(Bus bus) {
        String group = settings.streaming().ftGroup();
        try {
            if (group != null) {
                faultTolerance = FaultToleranceGroup.join(bus, settings.streaming().engine().clusterId(), group);
                faultTolerance.awaitActive(store);
                return true;
            }
            if (store.tryExclusiveLock()) {
                return true;
            }
            StreamingStartupLog.failed(storeDescription() + " is locked by another server (a standby needs --ft_group)");
            return false;
        } catch (StoreException e) {
            if (e.kind() == StoreException.Kind.NOT_SUPPORTED) {
                return true;
            }
            StreamingStartupLog.failed("cannot lock the store: " + e.getMessage());
            return false;
        } catch (StreamingStartException e) {
            StreamingStartupLog.failed(e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            StreamingStartupLog.failed("interrupted while standing by");
            return false;
        }
    }

    /** The embedded server, not started yet, and its banner. */
    private NatsServer embeddedNats() {
        NatsServer server = new NatsServer(settings.nats());
        LOG.info("Starting jstan");
        LOG.info("  Version:  {}", Version.current());
        LOG.info("  Java:     {} ({})", Runtime.version(), System.getProperty("java.vendor"));
        if (server.clusterName() != null) {
            LOG.info("  Cluster:  {}", server.clusterName());
        }
        LOG.info("  Name:     {}", server.serverName());
        LOG.info("  ID:       {}", server.serverId());
        return server;
    }

    /** Opens the embedded server's ports; false when it could not (told in the log). */
    private boolean startEmbeddedNats() {
        try {
            nats.start();
        } catch (IOException e) {
            LOG.error(LogLevels.FATAL, "{}", e.getMessage());
            return false;
        }
        LOG.info("Server is ready");
        return true;
    }

    /** @return the bus on a connection to the external server, or null when there is none (told in the log) */
    private Bus connectToExternalNats(ExternalNats external) {
        try {
            externalBus = JnatsBus.connect(ExternalNatsOptions.of(external, settings.streaming().engine().clusterId()));
            return externalBus;
        } catch (IOException e) {
            StreamingStartupLog.failed("cannot connect to NATS Server at " + String.join(",", external.urls()) + ": "
                    + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            StreamingStartupLog.failed("interrupted while connecting to NATS Server");
        }
        return null;
    }

    /** Closes what was started, the last started first, removes the pid file, and flushes the log. */
    private void stop() {
        stopping = true;
        if (faultTolerance != null) {
            faultTolerance.close();
        }
        if (streaming != null) {
            streaming.close();
        }
        if (store != null) {
            store.close();
        }
        if (externalBus != null) {
            externalBus.close();
        }
        if (nats != null) {
            nats.close();
        }
        if (pidFile != null) {
            try {
                pidFile.delete();
            } catch (IOException e) {
                LOG.warn("Could not remove pidfile {}: {}", pidFile.path(), e.getMessage());
            }
        }
        if (nats != null || externalBus != null) {
            LOG.info("Server Exiting..");
        }
        log.stop();
    }
}

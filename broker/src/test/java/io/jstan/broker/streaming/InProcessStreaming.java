package io.jstan.broker.streaming;

import io.jstan.broker.nats.NatsServer;
import io.jstan.broker.nats.NatsServerOptions;
import io.jstan.broker.testing.StanClients;
import io.jstan.broker.testing.TestDirectories;
import io.jstan.store.Store;
import io.jstan.store.file.FileStore;
import io.jstan.store.file.FileStoreOptions;
import io.jstan.store.memory.MemoryStore;
import io.jstan.store.sql.MariaDbTestServer;
import io.jstan.store.sql.PostgresTestServer;
import io.jstan.store.sql.SqlStore;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * An embedded NATS server with a streaming server on a MEMORY store, or on a FILE store in a
 * directory of its own ({@link #onFileStore()}), or on an SQL store in a database of its own
 * ({@link #onPostgres()}, {@link #onMariaDb()}), or a cluster of three such nodes whose clients
 * connect to a follower ({@link #onCluster()}), for one test: register with
 * {@code @RegisterExtension}, then {@link #start(StreamingOptions)} it, or just ask for
 * {@link #clients()} to get one with the defaults.
 */
final class InProcessStreaming implements AfterEachCallback {
    private enum Kind { MEMORY, FILE, POSTGRES, MARIADB, CLUSTER }

    private static final int CLUSTER_SIZE = 3;

    private final Kind kind;
    private final InProcessCluster cluster = new InProcessCluster();
    private Path storeDir;
    private NatsServer nats;
    private Store store;
    private StreamingServer streaming;

    InProcessStreaming() {
        this(Kind.MEMORY);
    }

    private InProcessStreaming(Kind kind) {
        this.kind = kind;
    }

    /** On a FILE store with file_sync on, in a directory removed after the test. */
    static InProcessStreaming onFileStore() {
        return new InProcessStreaming(Kind.FILE);
    }

    /** On an SQL store, in a new database of the test JVM's PostgreSQL server. */
    static InProcessStreaming onPostgres() {
        return new InProcessStreaming(Kind.POSTGRES);
    }

    /** On an SQL store, in a new database of the test JVM's MariaDB server. */
    static InProcessStreaming onMariaDb() {
        return new InProcessStreaming(Kind.MARIADB);
    }

    /**
     * Three clustered nodes on FILE stores: {@link #server()} is the leader's, {@link #nats()} and
     * {@link #clients()} a follower's, so that every request crosses the NATS routes to the leader.
     */
    static InProcessStreaming onCluster() {
        return new InProcessStreaming(Kind.CLUSTER);
    }

    StreamingServer start(StreamingOptions options) {
        switch (kind) {
            case MEMORY -> {
                return start(options, new MemoryStore());
            }
            case FILE -> {
                storeDir = TestDirectories.create("jstan-file-store");
                return start(options, new FileStore(storeDir, FileStoreOptions.DEFAULTS));
            }
            case POSTGRES -> {
                return start(options, new SqlStore(PostgresTestServer.shared().newDatabase()));
            }
            case MARIADB -> {
                return start(options, new SqlStore(MariaDbTestServer.shared().newDatabase()));
            }
            default -> {
                cluster.start(CLUSTER_SIZE, options);
                streaming = cluster.awaitLeader().streaming();
                nats = cluster.follower().nats();
                return streaming;
            }
        }
    }

    /** With a store of the test's own, which this extension closes. */
    StreamingServer start(StreamingOptions options, Store testStore) {
        if (nats != null) {
            throw new IllegalStateException("already started");
        }
        nats = new NatsServer(new NatsServerOptions().host("127.0.0.1").port(NatsServerOptions.RANDOM_PORT));
        try {
            nats.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        store = testStore;
        streaming = StreamingServer.start(nats.bus(), store, options);
        return streaming;
    }

    StreamingServer server() {
        if (nats == null) {
            start(new StreamingOptions());
        }
        return streaming;
    }

    NatsServer nats() {
        server();
        return nats;
    }

    StanClients clients() {
        server();
        return new StanClients("nats://127.0.0.1:" + nats.port());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (kind == Kind.CLUSTER) {
            cluster.afterEach(context);
            streaming = null;
            nats = null;
            return;
        }
        if (streaming != null) {
            streaming.close();
        }
        if (store != null) {
            store.close();
        }
        if (nats != null) {
            nats.close();
        }
        if (storeDir != null) {
            TestDirectories.deleteRecursively(storeDir);
        }
        nats = null;
        storeDir = null;
    }
}

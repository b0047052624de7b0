package io.jstan.broker.streaming;

import io.jstan.broker.cluster.ClusterOptions;
import io.jstan.broker.cluster.ClusterPeer;
import io.jstan.broker.nats.NatsServer;
import io.jstan.broker.nats.NatsServerOptions;
import io.jstan.broker.testing.StanClients;
import io.jstan.broker.testing.TestDirectories;
import io.jstan.raft.RaftNode;
import io.jstan.raft.RaftSettings;
import io.jstan.store.file.FileStore;
import io.jstan.store.file.FileStoreOptions;
import io.jstan.store.testing.FreePorts;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static io.jstan.broker.testing.ClientWaits.await;

/**
 * Clustered streaming servers in this JVM, for one test: each node has its embedded NATS server
 * (meshed with the others by routes), a FILE store and a Raft log in directories of its own, and a
 * Raft address on 127.0.0.1. Register with {@code @RegisterExtension}; everything is closed and
 * removed after the test.
 */
final class InProcessCluster implements AfterEachCallback {
    /** Long enough that a machine busy with other tests does not make followers stand for election. */
    static final Duration ELECTION_TIMEOUT = Duration.ofMillis(1000);
    private static final Duration STARTED = Duration.ofSeconds(30);

    private final List<Node> nodes = new ArrayList<>();
    private final List<Path> directories = new ArrayList<>();

    /** A node of the cluster; it can be stopped and started again on its directories. */
    final class Node {
        final String id;
        final int raftPort;
        final Path storeDir;
        final Path logDir;
        private final List<ClusterPeer> peers;
        private NatsServer nats;
        private FileStore store;
        private StreamingServer streaming;

        private Node(String id, int raftPort, List<ClusterPeer> peers) {
            this.id = id;
            this.raftPort = raftPort;
            this.peers = peers;
            this.storeDir = directory("jstan-" + id + "-store");
            this.logDir = directory("jstan-" + id + "-raft");
        }

        String raftAddress() {
            return "127.0.0.1:" + raftPort;
        }

        /** Starts NATS (routed to {@code routes}) and the node; returns once its Raft node runs. */
        void start(List<URI> routes) {
            start(routes, new StreamingOptions());
        }

        void start(List<URI> routes, StreamingOptions options) {
            nats = new NatsServer(natsOptions(routes));
            try {
                nats.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            store = new FileStore(storeDir, FileStoreOptions.DEFAULTS.withSync(false));
            ClusterOptions cluster = new ClusterOptions(id, raftAddress(), peers, false, logDir,
                    RaftSettings.DEFAULTS.withElectionTimeout(ELECTION_TIMEOUT).withTrailingEntries(0), true, reason -> { });
            try {
                streaming = StreamingServer.startClustered(nats.bus(), store, options, cluster);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** Stops the node, its store and its NATS server, as a crash would leave its directories. */
        void stop() {
            if (streaming != null) {
                streaming.close();
                streaming = null;
            }
            if (store != null) {
                store.close();
                store = null;
            }
            if (nats != null) {
                nats.close();
                nats = null;
            }
        }

        boolean running() {
            return streaming != null;
        }

        StreamingServer streaming() {
            return streaming;
        }

        RaftNode raft() {
            return streaming.raft().orElseThrow();
        }

        boolean serves() {
            return running() && streaming.serving();
        }

        NatsServer nats() {
            return nats;
        }

        StanClients clients() {
            return new StanClients("nats://127.0.0.1:" + nats.port());
        }

        URI routeUrl() {
            return URI.create("nats-route://127.0.0.1:" + nats.clusterPort());
        }

        @Override
        public String toString() {
            return "node " + id;
        }
    }

    /** Starts {@code count} nodes (a, b, c...) that form a new cluster, their NATS servers routed to the first. */
    List<Node> start(int count) {
        return start(count, new StreamingOptions());
    }

    /** As {@link #start(int)}, every node with {@code options}. */
    List<Node> start(int count, StreamingOptions options) {
        List<ClusterPeer> peers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = String.valueOf((char) ('a' + i));
            int port = FreePorts.next();
            peers.add(new ClusterPeer(id, "127.0.0.1:" + port));
        }
        for (ClusterPeer peer : peers) {
            nodes.add(new Node(peer.nodeId(), Integer.parseInt(peer.raftAddress().split(":")[1]), peers));
        }
        nodes.get(0).start(List.of(), options);
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (Node node : nodes.subList(1, nodes.size())) {
            starts.add(CompletableFuture.runAsync(() -> node.start(List.of(nodes.get(0).routeUrl()), options)));
        }
        starts.forEach(InProcessCluster::join);
        awaitLeader();
        return List.copyOf(nodes);
    }

    /** Starts a stopped node again, its NATS server routed to a running one. */
    void restart(Node node) {
        URI route = nodes.stream().filter(other -> other != node && other.running()).findFirst()
                .map(Node::routeUrl).orElseThrow();
        node.start(List.of(route));
    }

    /** The node that serves, once there is exactly one. */
    Node awaitLeader() {
        await(STARTED, () -> nodes.stream().filter(Node::serves).count() == 1, () -> "one node serves: " + roles());
        return nodes.stream().filter(Node::serves).findFirst().orElseThrow();
    }

    /** A running node that does not serve. */
    Node follower() {
        return nodes.stream().filter(node -> node.running() && !node.serves()).findFirst().orElseThrow();
    }

    List<Node> running() {
        return nodes.stream().filter(Node::running).toList();
    }

    private String roles() {
        return nodes.stream().map(node -> node.id + "=" + (node.running() ? node.raft().role() : "stopped")).toList().toString();
    }

    private NatsServerOptions natsOptions(List<URI> routes) {
        NatsServerOptions options = new NatsServerOptions().host("127.0.0.1").port(NatsServerOptions.RANDOM_PORT);
        options.cluster().host("127.0.0.1").port(NatsServerOptions.RANDOM_PORT).name("jstan-test").routes(routes);
        return options;
    }

    private Path directory(String prefix) {
        Path dir = TestDirectories.create(prefix);
        directories.add(dir);
        return dir;
    }


    private static void join(CompletableFuture<Void> start) {
        try {
            start.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        nodes.forEach(Node::stop);
        nodes.clear();
        directories.forEach(TestDirectories::deleteRecursively);
        directories.clear();
    }
}

package io.jstan.broker.streaming;

import com.google.protobuf.InvalidProtocolBufferException;
import io.jstan.broker.bus.Bus;
import io.jstan.broker.bus.BusSubscription;
import io.jstan.broker.cluster.ClusterNode;
import io.jstan.broker.cluster.ClusterOptions;
import io.jstan.broker.cluster.ClusterStartException;
import io.jstan.raft.RaftNode;
import io.jstan.raft.StandaloneStateChanges;
import io.jstan.raft.StateChanges;
import io.jstan.store.RecoveredState;
import io.jstan.store.Store;
import io.jstan.store.StoreLimits;
import io.jstan.store.proto.CloseRequest;
import io.jstan.store.proto.ConnectRequest;
import io.jstan.store.proto.ConnectResponse;
import io.jstan.store.proto.ServerInfo;
import io.nats.client.NUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The NATS Streaming engine: serves the streaming protocol over a {@link Bus}, keeping its state
 * in a {@link Store}. Every state change is an operation submitted to {@link StateChanges} and
 * applied by the {@link StateApplier}; replies and deliveries follow once it is applied.
 *
 * <p>Standalone, the server serves from its start to its close. Clustered, every node applies the
 * replicated operations to its own store and model, and only the leader serves ({@link Serving}).
 */
public final class StreamingServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamingServer.class);
    private static final Duration ANOTHER_SERVER_CHECK_TIMEOUT = Duration.ofMillis(250);
    /** How long a leader that stops may take to hand its clients over to the next one. */
    private static final Duration HANDOVER_ON_CLOSE = Duration.ofSeconds(10);
    private static final long LEADERSHIP_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final String serverId;
    private final Instant startTime = Instant.now();
    private final Bus bus;
    private final StreamingState state;
    private final StreamingOptions options;
    private final StreamingStats stats = new StreamingStats();
    private final ScheduledThreadPoolExecutor timers;
    private final StateApplier applier;
    private StateChanges stateChanges;
    private volatile Serving serving;
    /** Standalone: the discovery subject, taken before the store was recovered; the server's for its whole life. */
    private BusSubscription earlyDiscovery;
    private ClusterNode cluster;

    private StreamingServer(String serverId, Bus bus, StreamingState state, StreamingOptions options) {
        this.serverId = serverId;
        this.bus = bus;
        this.state = state;
        this.options = options;
        this.applier = new StateApplier(state, () -> serving != null);
        this.timers = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "jstan-streaming-timers");
            thread.setDaemon(true);
            return thread;
        });
        timers.setRemoveOnCancelPolicy(true);
    }

    /**
     * Recovers the store's state and starts serving. The caller keeps ownership of the bus and
     * the store, and closes them after this server.
     *
     * @throws StreamingStartException when the server cannot start (e.g. the store was made for
     *     another cluster ID, is encrypted and given unwrapped, or another server with this cluster
     *     ID runs on the NATS network)
     */
    public static StreamingServer start(Bus bus, Store store, StreamingOptions options) {
        String serverId = NUID.nextGlobal();
        LOG.info("ServerID: {}", serverId);
        // Clients find a server by its cluster ID alone: the discovery subject never comes from the store.
        String discovery = StreamingSubjects.newServerInfo(options.clusterId()).getDiscovery();
        checkNoOtherServer(bus, options.clusterId(), discovery);
        EarlyConnectRequests early = new EarlyConnectRequests();
        BusSubscription discoverySubscription = bus.subscribe(discovery, null, early);
        StreamingServer server;
        Optional<RecoveredState> recovered;
        try {
            recovered = recover(store, options);
            ServerInfo info = recovered.map(RecoveredState::serverInfo).orElse(null);
            if (info != null && !info.getNodeID().isEmpty()) {
                throw new StreamingStartException(String.format(
                        "stan: cannot restart server in standalone mode if it was previously clustered (node ID \"%s\")",
                        info.getNodeID()));
            }
            if (info == null) {
                info = StreamingSubjects.newServerInfo(options.clusterId());
                store.init(info);
            }
            server = new StreamingServer(serverId, bus, new StreamingState(store, info), options);
        } catch (RuntimeException e) {
            discoverySubscription.unsubscribe();
            throw e;
        }
        server.earlyDiscovery = discoverySubscription;
        try {
            server.rebuild(recovered);
            server.stateChanges = StandaloneStateChanges.forStore(store, server.applier, new StandaloneStoreRecovery(server));
            server.stateChanges.afterEachBatch(server::afterEachBatch);
            server.serving = Serving.start(server.state, server.stateChanges, bus, server.timers, options, server.stats, early);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /**
     * Recovers the store's state and takes this node's part in the cluster: it applies what the
     * group commits, and serves while it leads. The caller keeps ownership of the bus and the store,
     * and closes them after this server.
     *
     * @throws StreamingStartException when the node cannot start (the store is not this node's, or
     *     not a clustered one; it cannot join the cluster)
     */
    public static StreamingServer startClustered(Bus bus, Store store, StreamingOptions options, ClusterOptions cluster)
            throws InterruptedException {
        String serverId = NUID.nextGlobal();
        LOG.info("ServerID: {}", serverId);
        Optional<RecoveredState> recovered = recover(store, options);
        ServerInfo info = recovered.map(RecoveredState::serverInfo).orElse(null);
        if (info != null && info.getNodeID().isEmpty()) {
            throw new StreamingStartException("stan: cannot restart server in clustered mode if it was not previously clustered");
        }
        if (info != null && !cluster.nodeId().isEmpty() && !cluster.nodeId().equals(info.getNodeID())) {
            throw new StreamingStartException(String.format("node ID \"%s\" does not match recovered value of \"%s\"",
                    cluster.nodeId(), info.getNodeID()));
        }
        if (info == null) {
            String nodeId = cluster.nodeId().isEmpty() ? NUID.nextGlobal() : cluster.nodeId();
            info = StreamingSubjects.newServerInfo(options.clusterId()).toBuilder().setNodeID(nodeId).build();
            store.init(info);
            // Nothing else flushes before the first entry is applied: the node's ID is kept from the start.
            store.flush();
        }
        StreamingServer server = new StreamingServer(serverId, bus, new StreamingState(store, info), options);
        try {
            server.rebuild(recovered);
            logCluster(info.getNodeID(), cluster);
            server.cluster = ClusterNode.create(bus, info.getClusterID(), info.getNodeID(), cluster, store,
                    new ReplicatedEngine(server), recovered.isPresent(), server::handOverLeadership);
            server.stateChanges = server.cluster.raft().stateChanges();
            server.stateChanges.afterEachBatch(server::afterEachBatch);
            server.cluster.start();
        } catch (ClusterStartException e) {
            server.close();
            throw new StreamingStartException(e.getMessage(), e);
        } catch (RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
        return server;
    }


    private static Optional<RecoveredState> recover(Store store, StreamingOptions options) {
        store.setLimits(options.storeLimits());
        LOG.info("Recovering the state...");
        Optional<RecoveredState> recovered = store.recover();
        ServerInfo info = recovered.map(RecoveredState::serverInfo).orElse(null);
        if (info == null) {
            LOG.info("No recovered state");
            return Optional.empty();
        }
        if (!info.getEncryptionKeyCheck().isEmpty()) {
            throw new StreamingStartException("the store is encrypted: it is read only with its encryption key (--encrypt)");
        }
        if (!info.getClusterID().equals(options.clusterId())) {
            throw new StreamingStartException(String.format("cluster ID \"%s\" does not match recovered value of \"%s\"",
                    options.clusterId(), info.getClusterID()));
        }
        LOG.info("Recovered {} client(s) and {} channel(s)", recovered.get().clients().size(), recovered.get().channels().size());
        return recovered;
    }

    private static void logCluster(String nodeId, ClusterOptions cluster) {
        LOG.info("Cluster Node ID : {}", nodeId);
        LOG.info("Cluster Log Path: {}", cluster.logPath());
        LOG.info("Cluster Raft address: {}", cluster.raftAddress());
        List<String> peers = cluster.peers().stream().filter(peer -> !peer.nodeId().equals(nodeId))
                .map(Object::toString).toList();
        if (!peers.isEmpty()) {
            LOG.info("Cluster known peers:");
            for (int i = 0; i < peers.size(); i++) {
                LOG.info("peer {}: \"{}\"", i + 1, peers.get(i));
            }
        }
    }

    /** Rebuilds the model from what the store holds. */
    void rebuild(Optional<RecoveredState> recovered) {
        synchronized (state) {
            state.clear();
            recovered.ifPresent(found -> StateRecovery.rebuild(state, found, applier));
        }
    }

    void startServing() {
        serving = Serving.start(state, stateChanges, bus, timers, options, stats, null);
    }

    void stopServing() {
        Serving stopped = serving;
        serving = null;
        if (stopped != null) {
            stopped.close();
        }
    }

    /** Whether this node serves clients now: always standalone, while it leads clustered. */
    boolean serving() {
        return serving != null;
    }

    StateApplier applier() {
        return applier;
    }

    StreamingState model() {
        return state;
    }

    private void afterEachBatch() {
        Serving current = serving;
        if (current != null) {
            current.afterEachBatch();
        }
    }

    /**
     * Two servers with one cluster ID on one NATS network would both answer every client. Asked before
     * this server listens on the discovery subject; when nobody listens there, the NATS server says so
     * at once (no responders), so the check costs no wait.
     */
    private static void checkNoOtherServer(Bus bus, String clusterId, String discovery) {
        byte[] probe = ConnectRequest.newBuilder().setClientID(clusterId).setHeartbeatInbox(bus.newInbox()).build().toByteArray();
        byte[] answer;
        try {
            answer = bus.request(discovery, probe, ANOTHER_SERVER_CHECK_TIMEOUT).get();
        } catch (ExecutionException e) {
            LOG.debug("Did not detect another server instance");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StreamingStartException("interrupted while looking for another server");
        }
        try {
            String closeSubject = ConnectResponse.parseFrom(answer).getCloseRequests();
            if (!closeSubject.isEmpty()) {
                bus.request(closeSubject, CloseRequest.newBuilder().setClientID(clusterId).build().toByteArray(),
                        ANOTHER_SERVER_CHECK_TIMEOUT);
            }
        } catch (InvalidProtocolBufferException e) {
            LOG.debug("Unreadable answer from another server: {}", e.getMessage());
        }
        throw new StreamingStartException(String.format("discovered another streaming server with cluster ID \"%s\"", clusterId));
    }

    public String clusterId() {
        return state.info.getClusterID();
    }

    /** Where clients send their connect requests: named after the cluster ID alone, whatever the store holds. */
    public String discoverySubject() {
        return StreamingSubjects.newServerInfo(clusterId()).getDiscovery();
    }

    public String serverId() {
        return serverId;
    }

    public Instant startTime() {
        return startTime;
    }

    public StreamingStats stats() {
        return stats;
    }

    /**
     * As nats-streaming-server's monitoring says it: STANDALONE, FT_ACTIVE in a fault-tolerance
     * group, CLUSTERED on every node of a cluster.
     */
    public String state() {
        if (cluster != null) {
            return "CLUSTERED";
        }
        return options.faultToleranceGroup() == null ? "STANDALONE" : "FT_ACTIVE";
    }

    /** This node's Raft node; empty when not clustered. */
    public Optional<RaftNode> raft() {
        return cluster == null ? Optional.empty() : Optional.of(cluster.raft());
    }

    /** This node's part in the cluster; empty when not clustered. */
    public Optional<ClusterNode> cluster() {
        return Optional.ofNullable(cluster);
    }

    /** This node's ID in the cluster; empty when not clustered. */
    public String nodeId() {
        return state.info.getNodeID();
    }

    /** The store type: MEMORY, FILE or SQL; clustered, RAFT_ before it, as nats-streaming-server names it. */
    public String storeType() {
        return cluster != null ? "RAFT_" + state.store.name() : state.store.name();
    }

    public StoreLimits storeLimits() {
        return options.storeLimits();
    }

    /** The registered clients, sorted by ID. */
    public List<ClientView> clients() {
        synchronized (state) {
            return state.clients.values().stream().sorted(Comparator.comparing(Client::id)).map(ClientView::of).toList();
        }
    }

    /** The channels, sorted by name. */
    public List<ChannelView> channels() {
        synchronized (state) {
            return state.channels.values().stream().map(ChannelView::of).toList();
        }
    }

    /**
     * Clustered, while leading: hands leadership over to node {@code toNode}, or to the most
     * up-to-date follower when empty, losing no request: this node holds the requests that come
     * from now on, lets what it submitted be committed, transfers leadership, and gives what it held
     * to the new leader. Returns whether leadership moved within {@code timeout}.
     */
    public boolean handOverLeadership(String toNode, Duration timeout) throws InterruptedException {
        Serving leaving = serving;
        if (cluster == null || leaving == null || cluster.raft().members().size() < 2) {
            return false;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        LOG.info("Handing leadership over to {}", toNode.isEmpty() ? "the most up-to-date follower" : "node \"" + toNode + "\"");
        leaving.beginHandover();
        // Applied after everything this node submitted: the next leader's state is complete. Not
        // waited for once leadership is lost (its fate then waits for the next leader's log).
        CompletableFuture<Void> begun = stateChanges.submit(HandoverReceiver.begun(nodeId()));
        while (!begun.isDone() && serving == leaving && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(LEADERSHIP_POLL_NANOS);
        }
        try {
            if (!begun.isDone()) {
                throw new IllegalStateException(serving == leaving
                        ? "the handover was not committed within " + timeout.toMillis() + " ms" : "leadership was lost");
            }
            begun.get();
            cluster.raft().transferLeadership(toNode);
        } catch (ExecutionException | IllegalStateException e) {
            LOG.warn("Could not hand leadership over: {}", e instanceof ExecutionException ? e.getCause().getMessage() : e.getMessage());
            abandonHandover(leaving);
            return false;
        }
        while (serving == leaving && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(LEADERSHIP_POLL_NANOS);
        }
        if (serving == leaving) {
            LOG.warn("Leadership did not move within {} ms", timeout.toMillis());
            abandonHandover(leaving);
            return false;
        }
        HandoverSender.send(bus, clusterId(), nodeId(), leaving, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        return true;
    }

    /**
     * A handover that did not happen. Still leading, this node serves again and takes the requests
     * it held; no longer leading (lost on the way), nobody expects them: they are dropped, and their
     * clients time out as in a crash.
     */
    private void abandonHandover(Serving leaving) {
        boolean stillLeading = serving == leaving;
        stopServing();
        List<RequestGate.Request> held = leaving.releaseRequests();
        if (!stillLeading) {
            LOG.warn("Leadership was lost during the handover: {} held request(s) dropped", held.size());
            return;
        }
        startServing();
        held.forEach(serving::pass);
        stateChanges.submit(HandoverReceiver.over(nodeId()));
    }

    /** Stops serving: no more requests are taken, what was submitted is applied. */
    @Override
    public void close() {
        LOG.info("Shutting down.");
        if (serving != null && cluster != null) {
            try {
                handOverLeadership("", HANDOVER_ON_CLOSE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (earlyDiscovery != null) {
            earlyDiscovery.unsubscribe();
        }
        stopServing();
        if (cluster != null) {
            cluster.close();
        } else if (stateChanges != null) {
            stateChanges.close();
        }
        timers.shutdownNow();
    }
}

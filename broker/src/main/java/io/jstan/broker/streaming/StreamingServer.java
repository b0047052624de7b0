package io.jstan.broker.streaming;

import com.google.protobuf.InvalidProtocolBufferException;
import io.jstan.broker.bus.Bus;
import io.jstan.broker.bus.BusSubscription;
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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The NATS Streaming engine: serves the streaming protocol over a {@link Bus}, keeping its state
 * in a {@link Store}. Every state change is an operation submitted to {@link StateChanges} and
 * applied by the {@link StateApplier}; replies and deliveries follow once it is applied.
 */
public final class StreamingServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamingServer.class);
    private static final Duration ANOTHER_SERVER_CHECK_TIMEOUT = Duration.ofMillis(250);
    private static final long JANITOR_PERIOD_MILLIS = 250;
    /** Clients are told the server is ready only once NATS routes their requests to it. */
    private static final Duration SUBSCRIPTIONS_CONFIRM_TIMEOUT = Duration.ofSeconds(10);

    private final String serverId;
    private final Instant startTime = Instant.now();
    private final Bus bus;
    private final StreamingState state;
    private final StreamingOptions options;
    private final StreamingStats stats = new StreamingStats();
    private final ScheduledThreadPoolExecutor timers;
    private final List<BusSubscription> subscriptions = new ArrayList<>();
    private StateChanges stateChanges;

    private StreamingServer(String serverId, Bus bus, StreamingState state, StreamingOptions options) {
        this.serverId = serverId;
        this.bus = bus;
        this.state = state;
        this.options = options;
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
        store.setLimits(options.storeLimits());
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
            LOG.info("Recovering the state...");
            recovered = store.recover();
            ServerInfo info = recoveredServerInfo(recovered, options);
            if (info == null) {
                info = StreamingSubjects.newServerInfo(options.clusterId());
                store.init(info);
                LOG.info("No recovered state");
            }
            server = new StreamingServer(serverId, bus, new StreamingState(store, info), options);
        } catch (RuntimeException e) {
            discoverySubscription.unsubscribe();
            throw e;
        }
        server.subscriptions.add(discoverySubscription);
        try {
            server.serve(recovered, early);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The recovered server information, null when there is none; refused when made for another cluster ID or encrypted. */
    private static ServerInfo recoveredServerInfo(Optional<RecoveredState> recovered, StreamingOptions options) {
        ServerInfo info = recovered.map(RecoveredState::serverInfo).orElse(null);
        if (info == null) {
            return null;
        }
        if (!info.getEncryptionKeyCheck().isEmpty()) {
            throw new StreamingStartException("the store is encrypted: it is read only with its encryption key (--encrypt)");
        }
        if (!info.getClusterID().equals(options.clusterId())) {
            throw new StreamingStartException(String.format("cluster ID \"%s\" does not match recovered value of \"%s\"",
                    options.clusterId(), info.getClusterID()));
        }
        LOG.info("Recovered {} client(s) and {} channel(s)", recovered.get().clients().size(),
                recovered.get().channels().size());
        return info;
    }

    private void serve(Optional<RecoveredState> recovered, EarlyConnectRequests early) {
        StateApplier applier = new StateApplier(state, () -> true);
        recovered.ifPresent(found -> StateRecovery.rebuild(state, found, applier));
        stateChanges = StandaloneStateChanges.forStore(state.store, applier);

        Replies replies = new Replies(bus);
        ChannelSequencer sequencer = new ChannelSequencer(state, Clock.systemUTC());
        SentAndAckedRecorder recorder = new SentAndAckedRecorder(state, stateChanges, timers);
        Delivery delivery = new Delivery(state, bus, recorder, timers, stats);
        ClientRemoval removal = new ClientRemoval(state, stateChanges, recorder, delivery);
        Heartbeats heartbeats = new Heartbeats(state, bus, timers, options, removal);
        ConnectRequests connects = new ConnectRequests(state, stateChanges, bus, replies, heartbeats, recorder,
                options.duplicateCheckTimeout());
        PublishRequests publishes = new PublishRequests(state, stateChanges, sequencer, delivery, replies, stats);
        stateChanges.afterEachBatch(publishes::deliverToGrownChannels);
        SubscribeRequests subscribes = new SubscribeRequests(state, stateChanges, new StartPositions(sequencer), delivery, recorder,
                replies, options.replaceDurable());
        UnsubscribeRequests unsubscribes = new UnsubscribeRequests(state, stateChanges, recorder, delivery, replies);
        CloseRequests closes = new CloseRequests(state, removal, replies);
        AckMessages acks = new AckMessages(state, delivery);
        ClientPings pings = new ClientPings(state, heartbeats, replies);

        ServerInfo info = state.info;
        subscriptions.add(bus.subscribe(StreamingSubjects.pings(info), null, pings::onMessage));
        subscriptions.add(bus.subscribe(info.getPublish() + ".>", null, publishes::onMessage));
        subscriptions.add(bus.subscribe(info.getSubscribe(), null, subscribes::onMessage));
        subscriptions.add(bus.subscribe(info.getUnsubscribe(), null, unsubscribes::onUnsubscribe));
        subscriptions.add(bus.subscribe(info.getSubClose(), null, unsubscribes::onClose));
        subscriptions.add(bus.subscribe(info.getClose(), null, closes::onMessage));
        subscriptions.add(bus.subscribe(info.getAcksSubs() + ".>", null, acks::onMessage));
        if (!bus.flush(SUBSCRIPTIONS_CONFIRM_TIMEOUT)) {
            throw new StreamingStartException("the NATS server did not confirm the streaming subscriptions in time");
        }
        early.serveWith(connects::onMessage);

        synchronized (state) {
            state.clients.values().forEach(heartbeats::start);
            for (Channel channel : state.channels.values()) {
                for (Subscription sub : List.copyOf(channel.byAckInbox.values())) {
                    delivery.start(sub);
                }
            }
        }
        timers.scheduleWithFixedDelay(new ChannelJanitor(state, stateChanges, sequencer), JANITOR_PERIOD_MILLIS,
                JANITOR_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
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

    public String serverId() {
        return serverId;
    }

    public Instant startTime() {
        return startTime;
    }

    public StreamingStats stats() {
        return stats;
    }

    /** As nats-streaming-server's monitoring says it: STANDALONE, or FT_ACTIVE in a fault-tolerance group. */
    public String state() {
        return options.faultToleranceGroup() == null ? "STANDALONE" : "FT_ACTIVE";
    }

    /** The store type: MEMORY, FILE or SQL. */
    public String storeType() {
        return state.store.name();
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

    /** Stops serving: no more requests are taken, what was submitted is applied. */
    @Override
    public void close() {
        LOG.info("Shutting down.");
        subscriptions.forEach(BusSubscription::unsubscribe);
        subscriptions.clear();
        timers.shutdownNow();
        if (stateChanges != null) {
            stateChanges.close();
        }
    }
}

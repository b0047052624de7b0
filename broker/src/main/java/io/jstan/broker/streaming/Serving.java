package io.jstan.broker.streaming;

import io.jstan.broker.bus.Bus;
import io.jstan.broker.bus.BusSubscription;
import io.jstan.broker.bus.MessageHandler;
import io.jstan.raft.StateChanges;
import io.jstan.store.proto.ServerInfo;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A node serving the streaming protocol, for as long as it does: a standalone server from its start
 * to its close, a clustered one while it leads. It listens on the streaming subjects, answers
 * requests, sends heartbeats and delivers messages; everything it decides goes through the
 * {@link StateChanges}. What it holds besides the model (sequences given out, connects under way,
 * sent and acked sequences not yet submitted) starts afresh with each term.
 *
 * <p>Clustered, leadership may be handed over: the leaving node holds the requests that come
 * ({@link #beginHandover}) and gives them to the next one ({@link HandoverSender}), which holds
 * its own until then ({@link HandoverReceiver}), so that no request is lost or taken twice.
 */
final class Serving implements AutoCloseable {
    private static final long JANITOR_PERIOD_MILLIS = 250;
    /** Clients are told the server is ready only once NATS routes their requests to it. */
    private static final Duration SUBSCRIPTIONS_CONFIRM_TIMEOUT = Duration.ofSeconds(10);

    private final StreamingState state;
    private final Bus bus;
    private final ServingTerm term = new ServingTerm();
    private final RequestGate gate;
    private final List<BusSubscription> requestSubscriptions = new ArrayList<>();
    private final HandoverReceiver handover;
    private final PublishRequests publishes;
    private final Heartbeats heartbeats;
    private final Delivery delivery;
    private final SentAndAckedRecorder recorder;
    private final ChannelJanitor janitor;
    private final ScheduledExecutorService timers;
    private ScheduledFuture<?> janitorRuns;
    private boolean handingOver;

    private final ConnectRequests connects;

    private Serving(StreamingState state, StateChanges stateChanges, Bus bus, ScheduledExecutorService timers,
                    StreamingOptions options, StreamingStats stats, boolean discoveryTaken) {
        this.state = state;
        this.bus = bus;
        this.timers = timers;
        Replies replies = new Replies(bus);
        ChannelSequencer sequencer = new ChannelSequencer(state, Clock.systemUTC());
        recorder = new SentAndAckedRecorder(state, stateChanges, timers, term);
        delivery = new Delivery(state, bus, recorder, timers, stats, term);
        ClientRemoval removal = new ClientRemoval(state, stateChanges, recorder, delivery);
        heartbeats = new Heartbeats(state, bus, timers, options, removal, term);
        janitor = new ChannelJanitor(state, stateChanges, sequencer, term);
        publishes = new PublishRequests(state, stateChanges, sequencer, delivery, replies, stats);
        connects = new ConnectRequests(state, stateChanges, bus, replies, heartbeats, recorder,
                options.duplicateCheckTimeout());
        SubscribeRequests subscribes = new SubscribeRequests(state, stateChanges, new StartPositions(sequencer), delivery, recorder,
                replies, options.replaceDurable());
        UnsubscribeRequests unsubscribes = new UnsubscribeRequests(state, stateChanges, recorder, delivery, replies);
        CloseRequests closes = new CloseRequests(state, removal, replies);
        AckMessages acks = new AckMessages(state, delivery);
        ClientPings pings = new ClientPings(state, heartbeats, replies);

        String handoverFrom;
        synchronized (state) {
            // A handover of this node's own is one whose leadership did not move.
            handoverFrom = state.handoverFrom.equals(state.info.getNodeID()) ? "" : state.handoverFrom;
        }
        gate = new RequestGate(!handoverFrom.isEmpty());
        ServerInfo info = state.info;
        if (!discoveryTaken) {
            listen(info.getDiscovery(), connects::onMessage);
        }
        listen(StreamingSubjects.pings(info), pings::onMessage);
        listen(info.getPublish() + ".>", publishes::onMessage);
        listen(info.getSubscribe(), subscribes::onMessage);
        listen(info.getUnsubscribe(), unsubscribes::onUnsubscribe);
        listen(info.getSubClose(), unsubscribes::onClose);
        listen(info.getClose(), closes::onMessage);
        listen(info.getAcksSubs() + ".>", acks::onMessage);
        handover = handoverFrom.isEmpty() ? null
                : HandoverReceiver.listen(bus, info.getClusterID(), handoverFrom, gate, stateChanges, timers);
    }

    /** Takes a request as if it came now: one held by a handover that did not happen. */
    void pass(RequestGate.Request request) {
        gate.pass(request);
    }

    private void listen(String subject, MessageHandler handler) {
        requestSubscriptions.add(bus.subscribe(subject, null, gate.route(subject, handler)));
    }

    /**
     * Starts serving on what the model holds: clients get heartbeats, subscriptions get what they
     * have pending (redelivered) and what they have not been sent yet. {@code early}, when not null,
     * holds the connect requests of a discovery subscription made before the store was recovered:
     * they are answered now, and the later ones as they come.
     *
     * @throws StreamingStartException when the NATS server does not confirm the subscriptions
     */
    static Serving start(StreamingState state, StateChanges stateChanges, Bus bus, ScheduledExecutorService timers,
                         StreamingOptions options, StreamingStats stats, EarlyConnectRequests early) {
        Serving serving = new Serving(state, stateChanges, bus, timers, options, stats, early != null);
        if (!bus.flush(SUBSCRIPTIONS_CONFIRM_TIMEOUT)) {
            serving.close();
            throw new StreamingStartException("the NATS server did not confirm the streaming subscriptions in time");
        }
        if (early != null) {
            early.serveWith(serving.gate.route(state.info.getDiscovery(), serving.connects::onMessage));
        }
        serving.resume();
        return serving;
    }

    private void resume() {
        synchronized (state) {
            long now = System.nanoTime();
            state.clients.values().forEach(heartbeats::start);
            for (Channel channel : state.channels.values()) {
                // Everything the model holds is stored (clustered: committed), so it may all be delivered.
                channel.deliverableUpTo = channel.messages().lastSequence();
                channel.lastActivity = now;
                for (Subscription sub : List.copyOf(channel.byAckInbox.values())) {
                    delivery.start(sub);
                }
            }
        }
        janitorRuns = timers.scheduleWithFixedDelay(janitor, JANITOR_PERIOD_MILLIS, JANITOR_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** After each batch of operations is applied: the channels that grew offer their new messages. */
    void afterEachBatch() {
        publishes.deliverToGrownChannels();
    }

    /**
     * Stops serving but for taking requests, which are held from now on for the next leader: the
     * sent and acked sequences collected so far are submitted, nothing more is delivered.
     */
    void beginHandover() throws InterruptedException {
        gate.hold();
        if (handover != null) {
            handover.passOn();
        }
        synchronized (state) {
            recorder.submitCollected();
            handingOver = true;
            endTerm();
        }
    }

    /** Stops listening for requests, and returns what was held since {@link #beginHandover}. */
    List<RequestGate.Request> releaseRequests() {
        requestSubscriptions.forEach(BusSubscription::unsubscribe);
        requestSubscriptions.clear();
        bus.flush(SUBSCRIPTIONS_CONFIRM_TIMEOUT);
        return gate.takeHeld();
    }

    /**
     * Stops serving: no timer fires, nothing more is sent, and no request is taken any more, unless
     * they are held for a handover: then {@link #releaseRequests} stops them.
     */
    @Override
    public void close() {
        if (handover != null) {
            handover.close();
        }
        boolean keepRequests;
        synchronized (state) {
            keepRequests = handingOver;
            endTerm();
        }
        if (!keepRequests) {
            requestSubscriptions.forEach(BusSubscription::unsubscribe);
            requestSubscriptions.clear();
        }
    }

    private void endTerm() {
        term.end();
        if (janitorRuns != null) {
            janitorRuns.cancel(false);
        }
        for (Client client : state.clients.values()) {
            if (client.heartbeats != null) {
                client.heartbeats.cancel(false);
            }
        }
        for (Channel channel : state.channels.values()) {
            for (Subscription sub : channel.subscriptions.values()) {
                if (sub.ackTimer != null) {
                    sub.ackTimer.cancel(false);
                }
            }
        }
    }
}

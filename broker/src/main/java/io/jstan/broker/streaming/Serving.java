package io.jstan.broker.streaming;

import io.jstan.broker.bus.Bus;
import io.jstan.broker.bus.BusSubscription;
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
 */
final class Serving implements AutoCloseable {
    private static final long JANITOR_PERIOD_MILLIS = 250;
    /** Clients are told the server is ready only once NATS routes their requests to it. */
    private static final Duration SUBSCRIPTIONS_CONFIRM_TIMEOUT = Duration.ofSeconds(10);

    private final StreamingState state;
    private final ServingTerm term = new ServingTerm();
    private final List<BusSubscription> subscriptions = new ArrayList<>();
    private final PublishRequests publishes;
    private final Heartbeats heartbeats;
    private final Delivery delivery;
    private final ChannelJanitor janitor;
    private final ScheduledExecutorService timers;
    private ScheduledFuture<?> janitorRuns;

    private Serving(StreamingState state, StateChanges stateChanges, Bus bus, ScheduledExecutorService timers,
                    StreamingOptions options, StreamingStats stats) {
        this.state = state;
        this.timers = timers;
        Replies replies = new Replies(bus);
        ChannelSequencer sequencer = new ChannelSequencer(state, Clock.systemUTC());
        SentAndAckedRecorder recorder = new SentAndAckedRecorder(state, stateChanges, timers, term);
        delivery = new Delivery(state, bus, recorder, timers, stats, term);
        ClientRemoval removal = new ClientRemoval(state, stateChanges, recorder, delivery);
        heartbeats = new Heartbeats(state, bus, timers, options, removal, term);
        janitor = new ChannelJanitor(state, stateChanges, sequencer, term);
        publishes = new PublishRequests(state, stateChanges, sequencer, delivery, replies, stats);
        ConnectRequests connects = new ConnectRequests(state, stateChanges, bus, replies, heartbeats, recorder,
                options.duplicateCheckTimeout());
        SubscribeRequests subscribes = new SubscribeRequests(state, stateChanges, new StartPositions(sequencer), delivery, replies);
        UnsubscribeRequests unsubscribes = new UnsubscribeRequests(state, stateChanges, recorder, delivery, replies);
        CloseRequests closes = new CloseRequests(state, removal, replies);
        AckMessages acks = new AckMessages(state, delivery);
        ClientPings pings = new ClientPings(state, heartbeats, replies);

        ServerInfo info = state.info;
        subscriptions.add(bus.subscribe(info.getDiscovery(), null, connects::onMessage));
        subscriptions.add(bus.subscribe(StreamingSubjects.pings(info), null, pings::onMessage));
        subscriptions.add(bus.subscribe(info.getPublish() + ".>", null, publishes::onMessage));
        subscriptions.add(bus.subscribe(info.getSubscribe(), null, subscribes::onMessage));
        subscriptions.add(bus.subscribe(info.getUnsubscribe(), null, unsubscribes::onUnsubscribe));
        subscriptions.add(bus.subscribe(info.getSubClose(), null, unsubscribes::onClose));
        subscriptions.add(bus.subscribe(info.getClose(), null, closes::onMessage));
        subscriptions.add(bus.subscribe(info.getAcksSubs() + ".>", null, acks::onMessage));
    }

    /**
     * Starts serving on what the model holds: clients get heartbeats, subscriptions get what they
     * have pending (redelivered) and what they have not been sent yet.
     *
     * @throws StreamingStartException when the NATS server does not confirm the subscriptions
     */
    static Serving start(StreamingState state, StateChanges stateChanges, Bus bus, ScheduledExecutorService timers,
                         StreamingOptions options, StreamingStats stats) {
        Serving serving = new Serving(state, stateChanges, bus, timers, options, stats);
        if (!bus.flush(SUBSCRIPTIONS_CONFIRM_TIMEOUT)) {
            serving.close();
            throw new StreamingStartException("the NATS server did not confirm the streaming subscriptions in time");
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

    /** Stops serving: no request is taken any more, no timer fires, nothing more is sent. */
    @Override
    public void close() {
        subscriptions.forEach(BusSubscription::unsubscribe);
        subscriptions.clear();
        synchronized (state) {
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
}

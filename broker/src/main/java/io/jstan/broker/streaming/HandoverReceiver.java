package io.jstan.broker.streaming;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.jstan.broker.bus.Bus;
import io.jstan.broker.bus.BusSubscription;
import io.jstan.broker.cluster.ClusterSubjects;
import io.jstan.raft.StateChanges;
import io.jstan.raft.ops.LeaderHandover;
import io.jstan.raft.ops.Operation;
import io.jstan.raft.proto.HandoverRequests;
import io.jstan.raft.proto.HeldRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The new leader's side of a handover: its requests are held until the leaving leader has sent
 * the ones it held, which pass first, or until that leader is given up on. Then the handover is
 * over, for every node.
 */
final class HandoverReceiver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HandoverReceiver.class);
    /** How long the leaving leader may take to start the handover, once this node leads. */
    static final Duration GIVE_UP_AFTER = Duration.ofSeconds(3);
    /** How long it may take to send what it held, once started: many requests may take a while. */
    private static final Duration GIVE_UP_SENDING_AFTER = Duration.ofSeconds(30);
    private static final byte[] RECEIVED = new byte[0];

    private final Bus bus;
    private final ScheduledExecutorService timers;
    private final String from;
    private final RequestGate gate;
    private final StateChanges stateChanges;
    private final List<RequestGate.Request> received = new ArrayList<>();
    private BusSubscription subscription;
    private ScheduledFuture<?> giveUp;
    private boolean over;

    private HandoverReceiver(Bus bus, ScheduledExecutorService timers, String from, RequestGate gate,
                             StateChanges stateChanges) {
        this.bus = bus;
        this.timers = timers;
        this.from = from;
        this.gate = gate;
        this.stateChanges = stateChanges;
    }

    /** Listens for what node {@code from} held, and gives up on it after {@link #GIVE_UP_AFTER}. */
    static HandoverReceiver listen(Bus bus, String clusterId, String from, RequestGate gate, StateChanges stateChanges,
                                   ScheduledExecutorService timers) {
        HandoverReceiver receiver = new HandoverReceiver(bus, timers, from, gate, stateChanges);
        LOG.info("Taking over the clients of node \"{}\"", from);
        synchronized (receiver) {
            receiver.subscription = bus.subscribe(ClusterSubjects.handover(clusterId), null, receiver::onMessage);
            receiver.giveUp = timers.schedule(receiver::giveUp, GIVE_UP_AFTER.toMillis(), TimeUnit.MILLISECONDS);
        }
        return receiver;
    }

    private void onMessage(String subject, String reply, byte[] data) {
        HandoverRequests requests;
        try {
            requests = HandoverRequests.parseFrom(data);
        } catch (InvalidProtocolBufferException e) {
            LOG.error("Invalid handover message: {}", e.getMessage());
            return;
        }
        List<RequestGate.Request> all;
        synchronized (this) {
            if (over || !requests.getFromNode().equals(from)) {
                return;
            }
            if (received.isEmpty() && requests.getRequestsCount() == 0 && !requests.getLast()) {
                giveUp.cancel(false);
                giveUp = timers.schedule(this::giveUp, GIVE_UP_SENDING_AFTER.toMillis(), TimeUnit.MILLISECONDS);
            }
            for (HeldRequest held : requests.getRequestsList()) {
                received.add(new RequestGate.Request(held.getSubject(), held.getReply().isEmpty() ? null : held.getReply(),
                        held.getData().toByteArray()));
            }
            if (reply != null && !reply.isEmpty()) {
                bus.publish(reply, null, RECEIVED);
            }
            if (!requests.getLast()) {
                return;
            }
            all = end();
        }
        LOG.info("Node \"{}\" handed over {} request(s)", from, all.size());
        open(all);
    }

    /** The operation that begins a handover of node {@code from}'s clients. */
    static Operation begun(String from) {
        return Operation.newBuilder().setLeaderHandover(LeaderHandover.newBuilder().setFromNode(from)).build();
    }

    /** The operation that ends that handover. */
    static Operation over(String from) {
        return Operation.newBuilder().setLeaderHandover(LeaderHandover.newBuilder().setFromNode(from).setOver(true)).build();
    }

    private void giveUp() {
        synchronized (this) {
            if (over) {
                return;
            }
            end();
        }
        LOG.warn("Node \"{}\" did not hand over its requests in time: going on without them", from);
        open(List.of());
    }

    private List<RequestGate.Request> end() {
        over = true;
        giveUp.cancel(false);
        subscription.unsubscribe();
        return List.copyOf(received);
    }

    /** Passes the requests on from a thread of its own: they may be many, and a network thread must not wait. */
    private void open(List<RequestGate.Request> first) {
        Thread opening = new Thread(() -> {
            gate.open(first);
            stateChanges.submit(over(from));
        }, "jstan-handover");
        opening.setDaemon(true);
        opening.start();
    }

    /**
     * This node hands leadership over in turn before this handover is over: what it received of
     * the node before is held first, to be handed over with its own.
     */
    synchronized void passOn() {
        if (!over) {
            gate.holdFirst(end());
        }
    }

    /** This node stops leading before the handover is over: nothing more is taken. */
    @Override
    public synchronized void close() {
        if (!over) {
            end();
        }
    }

    /** A held request as a handover message carries it. */
    static HeldRequest toMessage(RequestGate.Request request) {
        return HeldRequest.newBuilder()
                .setSubject(request.subject())
                .setReply(request.reply() == null ? "" : request.reply())
                .setData(ByteString.copyFrom(request.data()))
                .build();
    }
}

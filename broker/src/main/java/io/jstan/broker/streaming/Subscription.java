package io.jstan.broker.streaming;

import io.jstan.store.proto.SubState;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A subscription of the engine's model: its stored state, the messages sent to it and not yet
 * acknowledged, and what the serving node needs to deliver to it. Guarded by the
 * {@link StreamingState} lock, like the whole model.
 */
final class Subscription {
    final long id;
    final Channel channel;
    final String durableName;
    /** As stored: {@code durable:group} for a durable queue group. */
    final String queueName;
    final boolean durable;
    final QueueGroup group;

    String clientId;
    String inbox;
    String ackInbox;
    int maxInFlight;
    int ackWaitSeconds;
    long lastSent;
    /** Offline: a durable whose client closed it, or a durable queue group's shadow. */
    boolean closed;

    /** Sent and not yet acknowledged: sequence to the time it is due again (nanoTime; 0 = due now). */
    final TreeMap<Long, Long> pending = new TreeMap<>();
    /** Redeliveries so far of each pending message; shared by a queue group's members. */
    final Map<Long, Integer> redeliveries;

    /** Serving only: no message goes out before the subscription response did. */
    boolean ready;
    /** Serving only: a close or unsubscribe is on its way; nothing more is sent. */
    boolean leaving;
    /** Serving only: fires when the earliest pending message is due for redelivery. */
    ScheduledFuture<?> ackTimer;
    long ackTimerDue;

    Subscription(Channel channel, SubState state, QueueGroup group) {
        this.id = state.getID();
        this.channel = channel;
        this.durableName = state.getDurableName();
        this.queueName = state.getQGroup();
        this.durable = state.getIsDurable();
        this.group = group;
        this.redeliveries = group != null ? group.redeliveries : new HashMap<>();
        takeOver(state);
    }

    /** Takes the client-facing settings of a (re)started subscription; the position stays. */
    void takeOver(SubState state) {
        clientId = state.getClientID();
        inbox = state.getInbox();
        ackInbox = state.getAckInbox();
        maxInFlight = state.getMaxInFlight();
        ackWaitSeconds = state.getAckWaitInSecs();
        lastSent = Math.max(lastSent, state.getLastSent());
        closed = state.getIsClosed();
    }

    SubState toState() {
        return SubState.newBuilder()
                .setID(id)
                .setClientID(clientId)
                .setQGroup(queueName)
                .setInbox(inbox)
                .setAckInbox(ackInbox)
                .setMaxInFlight(maxInFlight)
                .setAckWaitInSecs(ackWaitSeconds)
                .setDurableName(durableName)
                .setLastSent(group != null ? Math.max(lastSent, group.lastSent) : lastSent)
                .setIsDurable(durable)
                .setIsClosed(closed)
                .build();
    }

    long ackWaitNanos() {
        return TimeUnit.SECONDS.toNanos(ackWaitSeconds);
    }

    /** A durable (not a queue member): clientID and durable name identify it within the channel. */
    boolean isDurableSubscriber() {
        return durable && group == null;
    }

    String durableKey() {
        return durableKey(clientId, durableName);
    }

    static String durableKey(String clientId, String durableName) {
        return clientId + ':' + durableName;
    }

    boolean hasRoom() {
        return pending.size() < maxInFlight;
    }

    boolean canReceive() {
        return ready && !leaving && !closed;
    }
}

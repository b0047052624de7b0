package io.jstan.broker.streaming;

import io.jstan.broker.bus.Bus;
import io.jstan.store.MessageStore;
import io.jstan.store.proto.MsgProto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends stored messages to subscriptions, on the serving node: never more than MaxInFlight
 * unacknowledged per subscription, and again once its AckWait passes without an ack. A queue
 * group's message goes to one member, picked as nats-streaming-server picks it, and so does a
 * message whose AckWait expired, which may then pass to another member. Used under the state lock.
 */
final class Delivery {
    private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);
    /** Messages due this soon are redelivered with those already due, rather than by another timer. */
    private static final long REDELIVERY_SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(15);

    private final StreamingState state;
    private final Bus bus;
    private final SentAndAckedRecorder recorder;
    private final ScheduledExecutorService timers;
    private final StreamingStats stats;
    private final ServingTerm term;

    Delivery(StreamingState state, Bus bus, SentAndAckedRecorder recorder, ScheduledExecutorService timers,
             StreamingStats stats, ServingTerm term) {
        this.state = state;
        this.bus = bus;
        this.recorder = recorder;
        this.timers = timers;
        this.stats = stats;
        this.term = term;
    }

    /** Offers new messages of the channel to every subscription that has room. */
    void deliver(Channel channel) {
        if (term.isOver()) {
            return;
        }
        for (Subscription sub : channel.plain) {
            sendAvailable(sub);
        }
        for (QueueGroup group : channel.queueGroups.values()) {
            sendAvailable(group);
        }
    }

    /**
     * Starts a subscription that was just created or resumed: what it has pending first, to it
     * (not to another queue member, which might then receive a message twice), then new messages.
     */
    void start(Subscription sub) {
        if (term.isOver()) {
            return;
        }
        sub.ready = true;
        redeliverDue(sub, false);
        if (sub.group != null) {
            sendAvailable(sub.group);
        } else {
            sendAvailable(sub);
        }
    }

    /** After a member left: the others take its unacknowledged messages and its share of new ones. */
    void regroup(QueueGroup group) {
        if (term.isOver()) {
            return;
        }
        for (Subscription member : new ArrayList<>(group.members)) {
            redeliverDue(member, true);
        }
        sendAvailable(group);
    }

    /** An ack from a subscription: frees its window, and fills it again. */
    void acknowledged(Subscription sub, long sequence) {
        if (term.isOver()) {
            return;
        }
        if (StreamingTrace.LOG.isTraceEnabled()) {
            StreamingTrace.LOG.trace("[Client:{}] Processing ack for subid={}, subject={}, seq={}", sub.clientId, sub.id,
                    sub.channel.name, sequence);
        }
        if (!release(sub, sequence) && sub.group != null) {
            for (Subscription member : sub.group.members) {
                if (member != sub && release(member, sequence)) {
                    break;
                }
            }
        }
        if (sub.group != null) {
            sendAvailable(sub.group);
        } else {
            sendAvailable(sub);
        }
    }

    private boolean release(Subscription sub, long sequence) {
        if (sub.pending.remove(sequence) == null) {
            return false;
        }
        sub.redeliveries.remove(sequence);
        recorder.acked(sub, sequence);
        return true;
    }

    private void sendAvailable(Subscription sub) {
        if (!sub.canReceive()) {
            return;
        }
        MessageStore messages = sub.channel.messages();
        while (sub.hasRoom()) {
            Optional<MsgProto> next = nextAfter(messages, sub.lastSent, sub.channel.deliverableUpTo);
            if (next.isEmpty()) {
                return;
            }
            sendNew(sub, next.get());
        }
    }

    private void sendAvailable(QueueGroup group) {
        if (group.members.isEmpty()) {
            return;
        }
        Channel channel = group.members.get(0).channel;
        MessageStore messages = channel.messages();
        while (hasMemberWithRoom(group)) {
            Optional<MsgProto> next = nextAfter(messages, group.lastSent, channel.deliverableUpTo);
            if (next.isEmpty()) {
                return;
            }
            Subscription member = pickMember(group);
            if (!member.hasRoom()) {
                return;
            }
            group.lastSent = next.get().getSequence();
            sendNew(member, next.get());
        }
    }

    private static boolean hasMemberWithRoom(QueueGroup group) {
        for (Subscription member : group.members) {
            if (member.canReceive() && member.hasRoom()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The member that gets a message of the group, as nats-streaming-server picks it: of the
     * members with room under their MaxInFlight whose client answers its heartbeats, the one
     * holding the fewest unacknowledged messages, the first in the group's order on a tie; when
     * there is none, the first member (which may have no room). The first member, when picked,
     * moves to the end, so that members that tie take turns. Null when no member can receive.
     */
    private Subscription pickMember(QueueGroup group) {
        Subscription first = null;
        Subscription best = null;
        for (Subscription member : group.members) {
            if (!member.canReceive()) {
                continue;
            }
            if (first == null) {
                first = member;
            }
            if (member.hasRoom() && !missesHeartbeats(member)
                    && (best == null || member.pending.size() < best.pending.size())) {
                best = member;
            }
        }
        Subscription picked = best != null ? best : first;
        if (picked != null && picked == first) {
            group.members.remove(picked);
            group.members.add(picked);
        }
        return picked;
    }

    private boolean missesHeartbeats(Subscription sub) {
        Client client = state.clients.get(sub.clientId);
        return client != null && client.missedHeartbeats > 0;
    }

    /** The first stored message after the sequence, up to the last durable one; limits may have removed some since. */
    private static Optional<MsgProto> nextAfter(MessageStore messages, long lastSent, long deliverableUpTo) {
        long last = Math.min(messages.lastSequence(), deliverableUpTo);
        for (long sequence = Math.max(lastSent + 1, messages.firstSequence()); sequence <= last; sequence++) {
            Optional<MsgProto> message = messages.lookup(sequence);
            if (message.isPresent()) {
                return message;
            }
        }
        return Optional.empty();
    }

    private void sendNew(Subscription sub, MsgProto message) {
        long sequence = message.getSequence();
        sub.lastSent = Math.max(sub.lastSent, sequence);
        long due = System.nanoTime() + sub.ackWaitNanos();
        sub.pending.put(sequence, due);
        recorder.sent(sub, sequence);
        publish(sub, message, false);
        armAckTimer(sub, due);
    }

    /**
     * Sends again what the subscription did not acknowledge in time; what limits removed counts as
     * acknowledged. With {@code toAnyMember}, a queue member's message goes to the member picked
     * for it, which may be another: the message is then pending for that one, and the count of
     * its redeliveries goes on.
     */
    private void redeliverDue(Subscription sub, boolean toAnyMember) {
        if (!sub.canReceive() || sub.pending.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        long nextDue = Long.MAX_VALUE;
        MessageStore messages = sub.channel.messages();
        Map<Subscription, List<Long>> moved = new LinkedHashMap<>();
        for (Map.Entry<Long, Long> entry : List.copyOf(sub.pending.entrySet())) {
            long sequence = entry.getKey();
            if (entry.getValue() - now > REDELIVERY_SLACK_NANOS) {
                nextDue = Math.min(nextDue, entry.getValue());
                continue;
            }
            Optional<MsgProto> message = messages.lookup(sequence);
            if (message.isEmpty()) {
                release(sub, sequence);
                continue;
            }
            Subscription to = toAnyMember && sub.group != null ? pickMember(sub.group) : sub;
            int count = sub.redeliveries.merge(sequence, 1, Integer::sum);
            publish(to, message.get().toBuilder().setRedelivered(true).setRedeliveryCount(count).build(), true);
            long due = now + to.ackWaitNanos();
            if (to == sub) {
                sub.pending.put(sequence, due);
                nextDue = Math.min(nextDue, due);
                continue;
            }
            sub.pending.remove(sequence);
            to.pending.put(sequence, due);
            to.lastSent = Math.max(to.lastSent, sequence);
            moved.computeIfAbsent(to, member -> new ArrayList<>()).add(sequence);
            armAckTimer(to, due);
        }
        if (nextDue != Long.MAX_VALUE) {
            armAckTimer(sub, nextDue);
        }
        if (!moved.isEmpty()) {
            moved.forEach((to, sequences) -> recorder.moved(sub, to, sequences));
            sendAvailable(sub.group);
        }
    }

    private void armAckTimer(Subscription sub, long due) {
        if (sub.ackTimer != null) {
            if (sub.ackTimerDue <= due) {
                return;
            }
            sub.ackTimer.cancel(false);
        }
        sub.ackTimerDue = due;
        sub.ackTimer = timers.schedule(() -> ackTimerFired(sub), due - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    private void ackTimerFired(Subscription sub) {
        synchronized (state) {
            sub.ackTimer = null;
            if (!term.isOver() && sub.channel.subscriptions.get(sub.id) == sub) {
                redeliverDue(sub, true);
            }
        }
    }

    private void publish(Subscription sub, MsgProto message, boolean redelivery) {
        if (StreamingTrace.LOG.isTraceEnabled()) {
            StreamingTrace.LOG.trace("[Client:{}] {} msg to subid={}, subject={}, seq={}", sub.clientId,
                    redelivery ? "Redelivering" : "Delivering", sub.id, message.getSubject(), message.getSequence());
        }
        byte[] data = message.toByteArray();
        try {
            bus.publish(sub.inbox, null, data);
            stats.sent(data.length, redelivery);
        } catch (RuntimeException e) {
            LOG.debug("[Client:{}] Could not send message {} to subscription {}: {}", sub.clientId,
                    message.getSequence(), sub.id, e.getMessage());
        }
    }
}

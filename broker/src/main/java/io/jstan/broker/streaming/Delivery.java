package io.jstan.broker.streaming;

import io.jstan.broker.bus.Bus;
import io.jstan.store.MessageStore;
import io.jstan.store.proto.MsgProto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends stored messages to subscriptions, on the serving node: never more than MaxInFlight
 * unacknowledged per subscription, each queue group message to one member, and again to the same
 * subscription once its AckWait passes without an ack. Used under the state lock.
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

    /** Starts a subscription that was just created or resumed: what it has pending first, then new messages. */
    void start(Subscription sub) {
        if (term.isOver()) {
            return;
        }
        sub.ready = true;
        redeliverDue(sub);
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
            redeliverDue(member);
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
        while (true) {
            Subscription member = memberWithRoom(group);
            if (member == null) {
                return;
            }
            Optional<MsgProto> next = nextAfter(messages, group.lastSent, channel.deliverableUpTo);
            if (next.isEmpty()) {
                return;
            }
            group.lastSent = next.get().getSequence();
            sendNew(member, next.get());
        }
    }

    /** The member after the last one served that can take a message, or null. */
    private static Subscription memberWithRoom(QueueGroup group) {
        int count = group.members.size();
        for (int i = 0; i < count; i++) {
            Subscription member = group.members.get((group.nextMember + i) % count);
            if (member.canReceive() && member.hasRoom()) {
                group.nextMember = (group.nextMember + i + 1) % count;
                return member;
            }
        }
        return null;
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

    /** Sends again what the subscription did not acknowledge in time; what limits removed counts as acknowledged. */
    private void redeliverDue(Subscription sub) {
        if (!sub.canReceive() || sub.pending.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        long nextDue = Long.MAX_VALUE;
        MessageStore messages = sub.channel.messages();
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
            int count = sub.redeliveries.merge(sequence, 1, Integer::sum);
            publish(sub, message.get().toBuilder().setRedelivered(true).setRedeliveryCount(count).build(), true);
            long due = now + sub.ackWaitNanos();
            sub.pending.put(sequence, due);
            nextDue = Math.min(nextDue, due);
        }
        if (nextDue != Long.MAX_VALUE) {
            armAckTimer(sub, nextDue);
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
                redeliverDue(sub);
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

package io.jstan.broker.streaming;

import io.jstan.raft.NotLeaderException;
import io.jstan.raft.StateChanges;
import io.jstan.raft.ops.Operation;
import io.jstan.raft.ops.PendingMove;
import io.jstan.raft.ops.SentAndAcked;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Collects the sequences sent to subscriptions and acknowledged by them, and submits them as one
 * operation per subscription for everything collected in the meantime: a few milliseconds' worth,
 * or less when an operation must follow them. Messages that pass from one queue member to another
 * are submitted at once, after what was collected. Delivery does not wait for these: the serving
 * node's model is already up to date, and what a crash could lose of them is only a redelivery.
 * Used under the state lock.
 */
final class SentAndAckedRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(SentAndAckedRecorder.class);

    private final StreamingState state;
    private final StateChanges stateChanges;
    /** How long sequences wait to share one operation; one per subscription per interval. */
    private static final long COLLECT_MILLIS = 5;

    private final ScheduledExecutorService flusher;
    private final ServingTerm term;
    private final Map<Subscription, SentAndAcked.Builder> collected = new IdentityHashMap<>();

    SentAndAckedRecorder(StreamingState state, StateChanges stateChanges, ScheduledExecutorService flusher,
                         ServingTerm term) {
        this.state = state;
        this.stateChanges = stateChanges;
        this.flusher = flusher;
        this.term = term;
    }

    void sent(Subscription sub, long sequence) {
        collecting(sub).addSent(sequence);
    }

    void acked(Subscription sub, long sequence) {
        collecting(sub).addAcked(sequence);
    }

    /**
     * Queue member {@code from}'s messages were redelivered to member {@code to}. Submitted after
     * what was collected (their sending to {@code from} among it) and before {@code to}'s ack of
     * them can be collected.
     */
    void moved(Subscription from, Subscription to, List<Long> sequences) {
        submitCollected();
        PendingMove move = PendingMove.newBuilder().setChannel(from.channel.name).setFromSubscriptionId(from.id)
                .setToSubscriptionId(to.id).addAllSequences(sequences).build();
        stateChanges.submit(Operation.newBuilder().setPendingMove(move).build()).whenComplete((done, failure) -> {
            if (failure != null) {
                LOG.error("Could not record the redelivery of messages {} of subscription {} to subscription {} on {}: {}",
                        sequences, from.id, to.id, from.channel.name, failure.getMessage());
            }
        });
    }

    /** Submits what was collected now: before an operation that must come after it. */
    void submitCollected() {
        for (SentAndAcked.Builder record : collected.values()) {
            stateChanges.submit(Operation.newBuilder().setSentAndAcked(record).build())
                    .whenComplete((done, failure) -> {
                        if (failure != null && !NotLeaderException.causedBy(failure)) {
                            LOG.error("Could not record sent and acknowledged messages of subscription {} on {}: {}",
                                    record.getSubscriptionId(), record.getChannel(), failure.getMessage());
                        }
                    });
        }
        collected.clear();
    }

    private SentAndAcked.Builder collecting(Subscription sub) {
        SentAndAcked.Builder record = collected.get(sub);
        if (record == null) {
            if (collected.isEmpty()) {
                flusher.schedule(this::submitLater, COLLECT_MILLIS, TimeUnit.MILLISECONDS);
            }
            record = SentAndAcked.newBuilder().setChannel(sub.channel.name).setSubscriptionId(sub.id);
            collected.put(sub, record);
        }
        return record;
    }

    private void submitLater() {
        synchronized (state) {
            if (term.isOver()) {
                collected.clear();
                return;
            }
            submitCollected();
        }
    }
}

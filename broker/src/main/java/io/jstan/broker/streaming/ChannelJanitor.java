package io.jstan.broker.streaming;

import io.jstan.raft.StateChanges;
import io.jstan.raft.ops.ChannelDelete;
import io.jstan.raft.ops.ChannelTrim;
import io.jstan.raft.ops.Operation;
import io.jstan.store.MessageStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The limits that time enforces, checked on every sweep: messages older than a channel's max_age
 * are removed, and a channel without subscriptions or messages for its max_inactivity is deleted.
 * The serving node reads the clock; the removals go through the operations.
 */
final class ChannelJanitor implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelJanitor.class);

    private final StreamingState state;
    private final StateChanges stateChanges;
    private final ChannelSequencer sequencer;
    private final ServingTerm term;
    /** Channels whose deletion is under way. */
    private final Set<String> deleting = new HashSet<>();

    ChannelJanitor(StreamingState state, StateChanges stateChanges, ChannelSequencer sequencer, ServingTerm term) {
        this.state = state;
        this.stateChanges = stateChanges;
        this.sequencer = sequencer;
        this.term = term;
    }

    @Override
    public void run() {
        synchronized (state) {
            if (term.isOver()) {
                return;
            }
            long now = System.nanoTime();
            List<Channel> inactive = new ArrayList<>();
            for (Channel channel : state.channels.values()) {
                if (!channel.limits.maxAge().isZero()) {
                    expire(channel);
                }
                if (isInactive(channel, now)) {
                    inactive.add(channel);
                }
            }
            inactive.forEach(this::delete);
        }
    }

    private void expire(Channel channel) {
        MessageStore messages = channel.messages();
        long first = messages.firstSequence();
        if (first == 0 || first > messages.lastSequence()) {
            return;
        }
        long oldestKept = messages.sequenceAtOrAfter(sequencer.nowNanos() - channel.limits.maxAge().toNanos());
        if (oldestKept > first) {
            submit(Operation.newBuilder()
                    .setChannelTrim(ChannelTrim.newBuilder().setChannel(channel.name).setUpToSequence(oldestKept - 1))
                    .build(), channel.name);
        }
    }

    private boolean isInactive(Channel channel, long now) {
        return !channel.limits.maxInactivity().isZero()
                && !channel.hasOnlineSubscriptions()
                && !sequencer.hasUnstored(channel)
                && now - channel.lastActivity >= channel.limits.maxInactivity().toNanos();
    }

    private void delete(Channel channel) {
        if (!deleting.add(channel.name)) {
            return;
        }
        LOG.debug("Channel {} is being deleted after {} of inactivity", channel.name, channel.limits.maxInactivity());
        submit(Operation.newBuilder().setChannelDelete(ChannelDelete.newBuilder().setChannel(channel.name)).build(),
                channel.name).whenComplete((done, failure) -> {
                    synchronized (state) {
                        deleting.remove(channel.name);
                        sequencer.forget(channel.name);
                    }
                });
    }

    private CompletableFuture<Void> submit(Operation operation, String channel) {
        return stateChanges.submit(operation).whenComplete((done, failure) -> {
            if (failure != null) {
                LOG.error("Could not apply {} to channel {}: {}", operation.getKindCase(), channel, failure.getMessage());
            }
        });
    }
}

package io.jstan.raft;

import io.jstan.raft.ops.Operation;
import io.jstan.raft.ops.PublishBatch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Merges the publishes of a batch of operations into one operation per channel, so that a channel's
 * messages reach its store as one append (one write) instead of one per message. Only publishes
 * that follow each other are merged: any other operation ends the run, so every operation still
 * sees the state that the operations before it left. Within a run, channels keep the order of
 * their first publish. The result depends on the batch alone, so every node that applies the same
 * batch applies the same merged operations.
 */
public final class PublishCoalescing {

    /** An operation to apply, standing for {@code members}: they succeed or fail with it. */
    public record Merged<T>(Operation operation, List<T> members) {
    }

    private PublishCoalescing() {
    }

    public static <T> List<Merged<T>> coalesce(List<T> batch, Function<T, Operation> operationOf) {
        if (batch.size() == 1) {
            // The common case of a server that is not busy: nothing to merge.
            T only = batch.get(0);
            return List.of(new Merged<>(operationOf.apply(only), List.of(only)));
        }
        List<Merged<T>> merged = new ArrayList<>(batch.size());
        Map<String, ChannelRun<T>> run = new LinkedHashMap<>();
        for (T member : batch) {
            Operation operation = operationOf.apply(member);
            if (operation.getKindCase() == Operation.KindCase.PUBLISH) {
                run.computeIfAbsent(operation.getPublish().getChannel(), channel -> new ChannelRun<>()).add(operation, member);
            } else {
                endRun(run, merged);
                merged.add(new Merged<>(operation, List.of(member)));
            }
        }
        endRun(run, merged);
        return merged;
    }

    private static <T> void endRun(Map<String, ChannelRun<T>> run, List<Merged<T>> merged) {
        run.values().forEach(channelRun -> merged.add(channelRun.merged()));
        run.clear();
    }

    /** A channel's publishes within one run. */
    private static final class ChannelRun<T> {
        private final List<Operation> publishes = new ArrayList<>();
        private final List<T> members = new ArrayList<>();

        void add(Operation publish, T member) {
            publishes.add(publish);
            members.add(member);
        }

        Merged<T> merged() {
            if (publishes.size() == 1) {
                return new Merged<>(publishes.get(0), members);
            }
            PublishBatch.Builder all = PublishBatch.newBuilder().setChannel(publishes.get(0).getPublish().getChannel());
            publishes.forEach(publish -> all.addAllMessages(publish.getPublish().getMessagesList()));
            return new Merged<>(Operation.newBuilder().setPublish(all).build(), members);
        }
    }
}

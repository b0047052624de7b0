package io.jstan.raft;

import io.jstan.raft.ops.Operation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * What both standalone {@link StateChanges} do with a batch of submitted operations: apply them in
 * order, the publishes merged per channel ({@link PublishCoalescing}), make the batch durable with
 * one flush, complete the futures in submission order, then tell the after-batch listener.
 */
final class AppliedBatches {
    /** nats-streaming-server's IO batch size: at most this many operations share one flush. */
    static final int MAX_BATCH = 1024;

    private final OperationApplier applier;
    private final Runnable makeDurable;
    private volatile Runnable afterEachBatch = () -> { };

    AppliedBatches(OperationApplier applier, Runnable makeDurable) {
        this.applier = applier;
        this.makeDurable = makeDurable;
    }

    void afterEachBatch(Runnable listener) {
        afterEachBatch = listener;
    }

    /** Applies the batch; an operation that fails to apply fails alone (with the publishes merged with it). */
    List<Submitted> apply(List<Submitted> batch) {
        return applyEach(applier, batch, failure -> false);
    }

    /**
     * Applies the operations in order, with consecutive publishes merged per channel, and returns
     * those applied. An operation that fails to apply fails alone (with the publishes merged with
     * it), unless {@code stopsTheBatch} says its failure is not the operation's: that is thrown.
     */
    static List<Submitted> applyEach(OperationApplier applier, List<Submitted> batch,
            Predicate<RuntimeException> stopsTheBatch) {
        List<Submitted> applied = new ArrayList<>(batch.size());
        for (PublishCoalescing.Merged<Submitted> merged : PublishCoalescing.coalesce(batch, Submitted::operation)) {
            try {
                applier.apply(merged.operation());
                applied.addAll(merged.members());
            } catch (RuntimeException e) {
                if (stopsTheBatch.test(e)) {
                    throw e;
                }
                merged.members().forEach(submitted -> submitted.done().completeExceptionally(e));
            }
        }
        return applied;
    }

    /** Makes what was applied durable with one flush, then completes it; when the flush fails, all of it fails. */
    void makeDurableAndComplete(List<Submitted> applied) {
        if (applied.isEmpty()) {
            return;
        }
        try {
            makeDurable.run();
        } catch (RuntimeException e) {
            applied.forEach(submitted -> submitted.done().completeExceptionally(e));
            return;
        }
        applied.forEach(submitted -> submitted.done().complete(null));
        afterEachBatch.run();
    }

    record Submitted(Operation operation, CompletableFuture<Void> done) {
        static Submitted of(Operation operation) {
            return new Submitted(operation, new CompletableFuture<>());
        }
    }

    static CompletableFuture<Void> closedFailure() {
        return CompletableFuture.failedFuture(new IllegalStateException("state changes are closed"));
    }
}

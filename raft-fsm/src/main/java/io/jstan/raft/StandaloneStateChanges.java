package io.jstan.raft;

import io.jstan.raft.ops.Operation;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link StateChanges} of a server that is not clustered: operations are applied in the order they
 * were submitted, and each batch is made durable at once (the FILE store syncs once per batch: a
 * group commit). There is no thread of its own: the thread that submits applies, taking with its
 * own operation whatever others submitted meanwhile, while those others go on at once. A batch is
 * what waited while the previous one was applied, up to {@link #MAX_BATCH} operations; futures
 * complete on the applying thread, after the batch is durable.
 */
public final class StandaloneStateChanges implements StateChanges {
    /** nats-streaming-server's IO batch size: at most this many operations share one flush. */
    public static final int MAX_BATCH = 1024;

    private final OperationApplier applier;
    private final Runnable makeDurable;
    private final Queue<Submitted> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock applying = new ReentrantLock();
    private volatile boolean closed;

    /** {@code makeDurable} makes everything applied so far durable, e.g. {@code store::flush}. */
    public StandaloneStateChanges(OperationApplier applier, Runnable makeDurable) {
        this.applier = applier;
        this.makeDurable = makeDurable;
    }

    @Override
    public CompletableFuture<Void> submit(Operation operation) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new IllegalStateException("state changes are closed"));
            return done;
        }
        queue.add(new Submitted(operation, done));
        applyWhileAnyWaits();
        return done;
    }

    @Override
    public void close() {
        closed = true;
        applying.lock();
        try {
            applyAllWaiting();
        } finally {
            applying.unlock();
        }
    }

    /**
     * Applies unless another thread is applying, which then takes this operation too. Checking the
     * queue again after letting go closes the gap where an operation came just before the unlock.
     * A future's callback that submits (on the applying thread) leaves its operation to the loop.
     */
    private void applyWhileAnyWaits() {
        if (applying.isHeldByCurrentThread()) {
            return;
        }
        while (!queue.isEmpty() && applying.tryLock()) {
            try {
                applyAllWaiting();
            } finally {
                applying.unlock();
            }
        }
    }

    private void applyAllWaiting() {
        List<Submitted> batch = new ArrayList<>();
        Submitted next;
        while ((next = queue.poll()) != null) {
            batch.add(next);
            if (batch.size() == MAX_BATCH) {
                applyAndMakeDurable(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            applyAndMakeDurable(batch);
        }
    }

    private void applyAndMakeDurable(List<Submitted> batch) {
        List<Submitted> applied = new ArrayList<>(batch.size());
        for (Submitted submitted : batch) {
            try {
                applier.apply(submitted.operation);
                applied.add(submitted);
            } catch (RuntimeException e) {
                submitted.done.completeExceptionally(e);
            }
        }
        if (applied.isEmpty()) {
            return;
        }
        try {
            makeDurable.run();
        } catch (RuntimeException e) {
            applied.forEach(submitted -> submitted.done.completeExceptionally(e));
            return;
        }
        applied.forEach(submitted -> submitted.done.complete(null));
    }

    private record Submitted(Operation operation, CompletableFuture<Void> done) {
    }
}

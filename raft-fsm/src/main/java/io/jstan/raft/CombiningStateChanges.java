package io.jstan.raft;

import io.jstan.raft.AppliedBatches.Submitted;
import io.jstan.raft.ops.Operation;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Standalone {@link StateChanges} for a store whose writes and flush cost no I/O (MEMORY): the
 * thread that submits applies, taking along whatever others submitted meanwhile, while those
 * others go on at once. No thread is woken, so a request is answered on the thread that read it.
 */
final class CombiningStateChanges implements StateChanges {
    private final AppliedBatches batches;
    private final Queue<Submitted> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock applying = new ReentrantLock();
    private volatile boolean closed;

    CombiningStateChanges(OperationApplier applier, Runnable makeDurable) {
        this.batches = new AppliedBatches(applier, makeDurable);
    }

    @Override
    public CompletableFuture<Void> submit(Operation operation) {
        if (closed) {
            return AppliedBatches.closedFailure();
        }
        Submitted submitted = Submitted.of(operation);
        queue.add(submitted);
        applyWhileAnyWaits();
        return submitted.done();
    }

    @Override
    public void afterEachBatch(Runnable listener) {
        batches.afterEachBatch(listener);
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
            if (batch.size() == AppliedBatches.MAX_BATCH) {
                batches.makeDurableAndComplete(batches.apply(batch));
                batch = new ArrayList<>();
            }
        }
        batches.makeDurableAndComplete(batches.apply(batch));
    }
}

package io.jstan.raft;

import io.jstan.raft.AppliedBatches.Submitted;
import io.jstan.raft.ops.Operation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Standalone {@link StateChanges} for a store that writes to a disk (FILE): one writer thread
 * applies and flushes, so that no thread that submits (a network event loop) ever waits for a
 * disk. What is submitted while the writer applies and syncs becomes its next batch: the busier
 * the server, the larger the batches, and the fewer the writes and syncs per message (group
 * commit). Futures complete on the writer thread.
 */
final class WriterThreadStateChanges implements StateChanges {
    /** Told to the writer after the last operation; recognised by identity. */
    private static final Submitted END = Submitted.of(Operation.getDefaultInstance());

    private final AppliedBatches batches;
    private final BlockingQueue<Submitted> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private boolean closed;

    WriterThreadStateChanges(OperationApplier applier, Runnable makeDurable) {
        this.batches = new AppliedBatches(applier, makeDurable);
        this.writer = new Thread(this::writeUntilClosed, "jstan-writer");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public CompletableFuture<Void> submit(Operation operation) {
        Submitted submitted = Submitted.of(operation);
        synchronized (this) {
            if (closed) {
                return AppliedBatches.closedFailure();
            }
            queue.add(submitted);
        }
        return submitted.done();
    }

    @Override
    public void afterEachBatch(Runnable listener) {
        batches.afterEachBatch(listener);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(END);
        }
        if (Thread.currentThread() != writer) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void writeUntilClosed() {
        List<Submitted> batch = new ArrayList<>(AppliedBatches.MAX_BATCH);
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, AppliedBatches.MAX_BATCH - 1);
            // Nothing is queued after the end, so it can only be last.
            boolean end = batch.get(batch.size() - 1) == END;
            if (end) {
                batch.remove(batch.size() - 1);
            }
            batches.makeDurableAndComplete(batches.apply(batch));
            batch.clear();
            if (end) {
                return;
            }
        }
    }
}

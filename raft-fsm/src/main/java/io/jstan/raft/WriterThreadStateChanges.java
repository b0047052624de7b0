package io.jstan.raft;

import io.jstan.raft.AppliedBatches.Submitted;
import io.jstan.raft.ops.Operation;
import io.jstan.store.StoreException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Standalone {@link StateChanges} for a store that writes to a disk (FILE): one writer thread
 * applies and flushes, so that no thread that submits (a network event loop) ever waits for a
 * disk. What is submitted while the writer applies and syncs becomes its next batch: the busier
 * the server, the larger the batches, and the fewer the writes and syncs per message (group
 * commit). Futures complete on the writer thread.
 *
 * <p>When the storage itself fails (a database that went away), what the engine holds went ahead
 * of what the store holds. Until the store is back, the writer fails what is submitted at once,
 * and every second it has the engine read the store again; once that succeeds, it goes on.
 */
final class WriterThreadStateChanges implements StateChanges {
    /** Told to the writer after the last operation; recognised by identity. */
    private static final Submitted END = Submitted.of(Operation.getDefaultInstance());
    private static final long RECOVERY_ATTEMPT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final AppliedBatches batches;
    private final StoreRecovery recovery;
    private final BlockingQueue<Submitted> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private boolean closed;
    /** The storage failure seen while the writer applied or flushed the current batch; writer thread only. */
    private StoreException storageFailure;

    WriterThreadStateChanges(OperationApplier applier, Runnable makeDurable, StoreRecovery recovery) {
        this.batches = new AppliedBatches(operation -> noticingStorageFailure(() -> applier.apply(operation)),
                () -> noticingStorageFailure(makeDurable));
        this.recovery = recovery;
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
            if (storageFailure != null && !recoverFromStorageFailure()) {
                return;
            }
        }
    }

    private void noticingStorageFailure(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            if (StoreException.isStorageFailure(e) && storageFailure == null) {
                storageFailure = (StoreException) e;
            }
            throw e;
        }
    }

    /** Returns once the engine was rebuilt from the store (true), or when closed meanwhile (false). */
    private boolean recoverFromStorageFailure() {
        String reason = storageFailure.getMessage();
        storageFailure = null;
        recovery.storageFailed(reason);
        StoreUnavailableException refusal = new StoreUnavailableException(reason);
        while (true) {
            if (!refuseSubmissionsFor(RECOVERY_ATTEMPT_NANOS, refusal)) {
                return false;
            }
            try {
                recovery.recover();
                return refuseQueued(refusal);
            } catch (RuntimeException e) {
                // Still unavailable: refuse for another second, then try again.
            }
        }
    }

    /**
     * Fails what was submitted while the engine was rebuilt: it was decided on what the engine held
     * before; false when the end came meanwhile.
     */
    private boolean refuseQueued(StoreUnavailableException refusal) {
        List<Submitted> queued = new ArrayList<>();
        queue.drainTo(queued);
        for (Submitted submitted : queued) {
            if (submitted == END) {
                return false;
            }
            submitted.done().completeExceptionally(refusal);
        }
        return true;
    }

    /** Fails what is submitted for {@code nanos}; false when the end came meanwhile. */
    private boolean refuseSubmissionsFor(long nanos, StoreUnavailableException refusal) {
        long deadline = System.nanoTime() + nanos;
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            Submitted submitted;
            try {
                submitted = queue.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                return false;
            }
            if (submitted == END) {
                return false;
            }
            if (submitted != null) {
                submitted.done().completeExceptionally(refusal);
            }
        }
    }
}

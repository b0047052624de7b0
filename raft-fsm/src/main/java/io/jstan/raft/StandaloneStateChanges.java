package io.jstan.raft;

import io.jstan.raft.ops.Operation;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link StateChanges} of a server that is not clustered: operations are applied in the order they
 * were submitted, and made durable a batch at a time (the FILE store syncs once per batch: a
 * group commit). The thread that submits applies, taking along whatever others submitted
 * meanwhile, while those others go on at once; a batch is at most {@link #MAX_BATCH} operations.
 *
 * <p>Making a batch durable happens either on that same thread, when it costs no I/O, or on a
 * thread of its own ({@link #syncingOnItsOwnThread}), which syncs once for every batch applied
 * while it was syncing, so that no thread that submits ever waits for a disk. Futures complete
 * where the batch was made durable, in submission order.
 */
public final class StandaloneStateChanges implements StateChanges {
    /** nats-streaming-server's IO batch size: at most this many operations share one flush. */
    public static final int MAX_BATCH = 1024;

    /** Told to the sync thread after the last batch; recognised by identity. */
    private static final List<Submitted> END_OF_SYNCS = new ArrayList<>(0);

    private final OperationApplier applier;
    private final Runnable makeDurable;
    private final Queue<Submitted> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock applying = new ReentrantLock();
    /** Applied batches waiting for the sync thread; null when batches are made durable where applied. */
    private final BlockingQueue<List<Submitted>> awaitingSync;
    private final Thread syncThread;
    private volatile boolean closed;
    private volatile Runnable afterEachBatch = () -> { };

    /** {@code makeDurable} makes everything applied so far durable, and is cheap: it runs on the applying thread. */
    public StandaloneStateChanges(OperationApplier applier, Runnable makeDurable) {
        this(applier, makeDurable, false);
    }

    /** For a {@code makeDurable} that waits for a disk: it runs on a thread of its own. */
    public static StandaloneStateChanges syncingOnItsOwnThread(OperationApplier applier, Runnable makeDurable) {
        return new StandaloneStateChanges(applier, makeDurable, true);
    }

    private StandaloneStateChanges(OperationApplier applier, Runnable makeDurable, boolean ownSyncThread) {
        this.applier = applier;
        this.makeDurable = makeDurable;
        if (ownSyncThread) {
            awaitingSync = new LinkedBlockingQueue<>();
            syncThread = new Thread(this::syncUntilClosed, "jstan-sync");
            syncThread.setDaemon(true);
            syncThread.start();
        } else {
            awaitingSync = null;
            syncThread = null;
        }
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
    public void afterEachBatch(Runnable listener) {
        afterEachBatch = listener;
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
        if (syncThread != null) {
            awaitingSync.add(END_OF_SYNCS);
            if (Thread.currentThread() != syncThread) {
                try {
                    syncThread.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
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
                batch = new ArrayList<>();
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
        if (awaitingSync != null) {
            awaitingSync.add(applied);
        } else {
            makeDurableAndComplete(applied);
        }
    }

    private void syncUntilClosed() {
        List<List<Submitted>> batches = new ArrayList<>();
        while (true) {
            try {
                batches.add(awaitingSync.take());
            } catch (InterruptedException e) {
                return;
            }
            awaitingSync.drainTo(batches);
            boolean end = batches.removeIf(batch -> batch == END_OF_SYNCS);
            List<Submitted> applied = new ArrayList<>();
            batches.forEach(applied::addAll);
            batches.clear();
            if (!applied.isEmpty()) {
                makeDurableAndComplete(applied);
            }
            if (end) {
                return;
            }
        }
    }

    private void makeDurableAndComplete(List<Submitted> applied) {
        try {
            makeDurable.run();
        } catch (RuntimeException e) {
            applied.forEach(submitted -> submitted.done.completeExceptionally(e));
            return;
        }
        applied.forEach(submitted -> submitted.done.complete(null));
        afterEachBatch.run();
    }

    private record Submitted(Operation operation, CompletableFuture<Void> done) {
    }
}

package io.jstan.raft;

import io.jstan.raft.ops.Operation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * {@link StateChanges} of a server that is not clustered: one thread applies operations in
 * the order they were submitted, and makes each batch durable at once (the FILE store syncs
 * once per batch: a group commit). A batch is whatever was submitted while the previous one
 * was being applied, up to {@link #MAX_BATCH} operations. Futures complete on that thread.
 */
public final class StandaloneStateChanges implements StateChanges {
    /** nats-streaming-server's IO batch size: at most this many operations share one flush. */
    public static final int MAX_BATCH = 1024;

    private static final Submitted END = new Submitted(null, null);

    private final OperationApplier applier;
    private final Runnable makeDurable;
    private final BlockingQueue<Submitted> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private boolean closed;

    /** {@code makeDurable} makes everything applied so far durable, e.g. {@code store::flush}. */
    public StandaloneStateChanges(OperationApplier applier, Runnable makeDurable) {
        this.applier = applier;
        this.makeDurable = makeDurable;
        this.thread = new Thread(this::applyUntilClosed, "jstan-apply");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public CompletableFuture<Void> submit(Operation operation) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (this) {
            if (closed) {
                done.completeExceptionally(new IllegalStateException("state changes are closed"));
                return done;
            }
            queue.add(new Submitted(operation, done));
        }
        return done;
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
        if (Thread.currentThread() != thread) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void applyUntilClosed() {
        List<Submitted> batch = new ArrayList<>(MAX_BATCH);
        boolean running = true;
        while (running) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            running = applyAndMakeDurable(batch);
            batch.clear();
        }
    }

    /** Returns false once the end of the operations is reached. */
    private boolean applyAndMakeDurable(List<Submitted> batch) {
        List<Submitted> applied = new ArrayList<>(batch.size());
        boolean more = true;
        for (Submitted submitted : batch) {
            if (submitted == END) {
                more = false;
                break;
            }
            try {
                applier.apply(submitted.operation);
                applied.add(submitted);
            } catch (RuntimeException e) {
                submitted.done.completeExceptionally(e);
            }
        }
        if (!applied.isEmpty()) {
            try {
                makeDurable.run();
            } catch (RuntimeException e) {
                applied.forEach(submitted -> submitted.done.completeExceptionally(e));
                return more;
            }
            applied.forEach(submitted -> submitted.done.complete(null));
        }
        return more;
    }

    private record Submitted(Operation operation, CompletableFuture<Void> done) {
    }
}

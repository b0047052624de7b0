package io.jstan.raft;

import io.jstan.raft.ops.Operation;

import java.util.concurrent.CompletableFuture;

/**
 * The one path for every state change of the streaming engine. Standalone, an operation is
 * applied to the local store at once; clustered, it is proposed to Raft and applied on every
 * node once committed. The engine cannot tell which: it submits, and acts on the outcome.
 */
public interface StateChanges extends AutoCloseable {
    /**
     * Submits an operation. Operations are applied in the order they were submitted. The future
     * completes once the operation is applied here and durable (clustered: committed by a
     * majority), and fails when it could not be applied or made durable.
     */
    CompletableFuture<Void> submit(Operation operation);

    /**
     * Runs {@code listener} after each batch of operations is applied, made durable and its
     * futures completed, on the thread that completed them: what several operations of a batch
     * each call for (offering new messages to subscribers) can then be done once per batch.
     */
    void afterEachBatch(Runnable listener);

    /** Applies what was submitted before, then refuses further operations. */
    @Override
    void close();
}

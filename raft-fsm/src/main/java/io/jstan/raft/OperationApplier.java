package io.jstan.raft;

import io.jstan.raft.ops.Operation;

/**
 * Applies an operation to the store and to the engine's model of it. The same code runs on
 * every node and in both modes, so it must be deterministic; it must also be idempotent, since
 * a restarting node applies again what followed its last snapshot. It is called from one thread.
 */
@FunctionalInterface
public interface OperationApplier {
    void apply(Operation operation);
}

package io.jstan.raft;

import java.nio.file.Path;

/**
 * What a clustered node's engine is told as the group moves on, besides the operations it applies.
 * Every call comes on the thread that applies, in the log's order.
 */
public interface Replica extends OperationApplier {

    /** This node is the leader, and every entry before its term is applied: it must start serving. */
    void leadershipAcquired();

    /**
     * This node is no longer the leader: it must stop serving at once. What it decided and submitted
     * may never be committed, so what it holds besides the store must be read again from it.
     */
    void leadershipLost();

    /**
     * The store must hold a snapshot from the leader instead of what it holds: restore it from
     * {@code copy} (see {@link io.jstan.store.Store#restore}), and rebuild from it what the engine holds.
     */
    void restoreStore(Path copy);

    /** The node cannot go on (its store failed while applying); it has stopped applying. */
    void failed(String reason);
}

package io.jstan.broker.cluster;

import java.time.Duration;

/** Hands leadership over from this node, the leader, losing no request (the streaming server does). */
@FunctionalInterface
public interface LeadershipTransfer {
    /**
     * Hands leadership to node {@code nodeId}, or to the most up-to-date follower when empty;
     * returns whether it moved within {@code timeout}.
     */
    boolean handOver(String nodeId, Duration timeout) throws InterruptedException;
}

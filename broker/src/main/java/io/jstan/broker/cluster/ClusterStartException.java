package io.jstan.broker.cluster;

/** A node cannot start its part of the cluster; the message says why, in one line. */
public final class ClusterStartException extends RuntimeException {
    public ClusterStartException(String message) {
        super(message);
    }
}

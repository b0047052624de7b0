package io.jstan.broker.nats;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The client connections closed most recently, as nats-server keeps them for /connz?state=closed:
 * a bounded ring in which a new one pushes out the oldest.
 */
final class ClosedConnections {
    /** nats-server's default (DEFAULT_MAX_CLOSED_CLIENTS), which it does not let users change. */
    static final int DEFAULT_CAPACITY = 10_000;

    private final int capacity;
    private final ArrayDeque<ConnectionInfo> ring;

    ClosedConnections(int capacity) {
        this.capacity = capacity;
        this.ring = new ArrayDeque<>(capacity);
    }

    synchronized void add(ConnectionInfo closed) {
        if (ring.size() == capacity) {
            ring.removeFirst();
        }
        ring.addLast(closed);
    }

    /** Oldest first. */
    synchronized List<ConnectionInfo> snapshot() {
        return List.copyOf(ring);
    }
}

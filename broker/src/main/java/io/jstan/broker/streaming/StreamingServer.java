package io.jstan.broker.streaming;

import io.jstan.broker.bus.Bus;
import io.jstan.store.Store;

/**
 * The NATS Streaming engine: serves the streaming protocol over a {@link Bus}, keeping its state
 * in a {@link Store}. Skeleton: the engine lands in the next commits.
 */
public final class StreamingServer implements AutoCloseable {
    private final String clusterId;

    private StreamingServer(String clusterId) {
        this.clusterId = clusterId;
    }

    /**
     * Recovers the store's state and starts serving. The caller keeps ownership of the bus and
     * the store, and closes them after this server.
     *
     * @throws StreamingStartException when the server cannot start (e.g. the store was made for
     *     another cluster ID, or another server with this cluster ID runs on the NATS network)
     */
    public static StreamingServer start(Bus bus, Store store, StreamingOptions options) {
        return new StreamingServer(options.clusterId());
    }

    public String clusterId() {
        return clusterId;
    }

    /** Stops serving: no more requests are taken, what was submitted is applied. */
    @Override
    public void close() {
    }
}

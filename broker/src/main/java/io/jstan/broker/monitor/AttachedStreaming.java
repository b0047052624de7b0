package io.jstan.broker.monitor;

import io.jstan.broker.streaming.StreamingServer;

import java.util.Objects;
import java.util.Optional;

/** The streaming server that /streaming/* and the streaming metrics report on, once it is started and attached. */
final class AttachedStreaming {
    private volatile StreamingServer server;

    void attach(StreamingServer streaming) {
        server = Objects.requireNonNull(streaming);
    }

    Optional<StreamingServer> get() {
        return Optional.ofNullable(server);
    }

    /**
     * The attached server. While there is none, throws {@link NotFoundException} as for an unknown path:
     * nats-streaming-server adds its /streaming handlers to the monitor only once it has started.
     */
    StreamingServer require() {
        StreamingServer attached = server;
        if (attached == null) {
            throw NotFoundException.noSuchPath();
        }
        return attached;
    }
}

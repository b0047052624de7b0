package io.jstan.broker.nats;

import java.util.concurrent.atomic.LongAdder;

/** Server-wide message and byte counters, for /varz. */
public final class ServerStats {
    private final LongAdder inMessages = new LongAdder();
    private final LongAdder inBytes = new LongAdder();
    private final LongAdder outMessages = new LongAdder();
    private final LongAdder outBytes = new LongAdder();
    private final LongAdder slowConsumers = new LongAdder();
    private final LongAdder totalConnections = new LongAdder();

    void received(int bytes) {
        inMessages.increment();
        inBytes.add(bytes);
    }

    void sent(int bytes) {
        outMessages.increment();
        outBytes.add(bytes);
    }

    void slowConsumer() {
        slowConsumers.increment();
    }

    void connectionAccepted() {
        totalConnections.increment();
    }

    public long inMessages() {
        return inMessages.sum();
    }

    public long inBytes() {
        return inBytes.sum();
    }

    public long outMessages() {
        return outMessages.sum();
    }

    public long outBytes() {
        return outBytes.sum();
    }

    public long slowConsumers() {
        return slowConsumers.sum();
    }

    public long totalConnections() {
        return totalConnections.sum();
    }
}

package io.jstan.broker.nats;

import java.util.Collection;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToLongFunction;

/**
 * Server-wide message and byte counters, for /varz. Each connection counts its own traffic
 * (no shared counter on the hot path); the totals add the open connections' counts to what
 * the closed ones had counted.
 */
public final class ServerStats {
    private final Collection<ClientConnection> open;
    private final LongAdder closedInMessages = new LongAdder();
    private final LongAdder closedInBytes = new LongAdder();
    private final LongAdder closedOutMessages = new LongAdder();
    private final LongAdder closedOutBytes = new LongAdder();
    private final LongAdder slowConsumers = new LongAdder();
    private final LongAdder totalConnections = new LongAdder();

    ServerStats(Collection<ClientConnection> open) {
        this.open = open;
    }

    void connectionAccepted() {
        totalConnections.increment();
    }

    /** Keeps a closing connection's counts in the totals; called once it is no longer open. */
    void connectionClosed(ClientConnection connection) {
        closedInMessages.add(connection.inMessages());
        closedInBytes.add(connection.inBytes());
        closedOutMessages.add(connection.outMessages());
        closedOutBytes.add(connection.outBytes());
    }

    void slowConsumer() {
        slowConsumers.increment();
    }

    public long inMessages() {
        return closedInMessages.sum() + sumOpen(ClientConnection::inMessages);
    }

    public long inBytes() {
        return closedInBytes.sum() + sumOpen(ClientConnection::inBytes);
    }

    public long outMessages() {
        return closedOutMessages.sum() + sumOpen(ClientConnection::outMessages);
    }

    public long outBytes() {
        return closedOutBytes.sum() + sumOpen(ClientConnection::outBytes);
    }

    public long slowConsumers() {
        return slowConsumers.sum();
    }

    public long totalConnections() {
        return totalConnections.sum();
    }

    private long sumOpen(ToLongFunction<ClientConnection> counter) {
        return open.stream().mapToLong(counter).sum();
    }
}

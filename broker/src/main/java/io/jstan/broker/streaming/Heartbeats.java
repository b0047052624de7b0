package io.jstan.broker.streaming;

import io.jstan.broker.bus.Bus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Pings each client's heartbeat inbox every interval; a client that misses more heartbeats in a
 * row than the fail count allows is closed, as if it had closed itself.
 */
final class Heartbeats {
    private static final Logger LOG = LoggerFactory.getLogger(Heartbeats.class);

    private final StreamingState state;
    private final Bus bus;
    private final ScheduledExecutorService timers;
    private final StreamingOptions options;
    private final ClientRemoval removal;
    private final ServingTerm term;

    Heartbeats(StreamingState state, Bus bus, ScheduledExecutorService timers, StreamingOptions options,
               ClientRemoval removal, ServingTerm term) {
        this.state = state;
        this.bus = bus;
        this.timers = timers;
        this.options = options;
        this.removal = removal;
        this.term = term;
    }

    /** Starts the heartbeats of a registered client; called under the state lock. */
    void start(Client client) {
        long interval = options.heartbeatInterval().toNanos();
        client.heartbeats = timers.scheduleWithFixedDelay(() -> beat(client), interval, interval, TimeUnit.NANOSECONDS);
    }

    private void beat(Client client) {
        bus.request(client.info.getHbInbox(), new byte[0], options.heartbeatTimeout()).whenComplete((answer, silence) -> {
            synchronized (state) {
                if (term.isOver() || state.clients.get(client.id()) != client) {
                    return;
                }
                if (silence == null) {
                    client.missedHeartbeats = 0;
                    return;
                }
                client.missedHeartbeats++;
                LOG.debug("[Client:{}] Missed heartbeat {}", client.id(), client.missedHeartbeats);
                if (client.missedHeartbeats > options.heartbeatFailCount()) {
                    LOG.info("[Client:{}] Timed out on heartbeats", client.id());
                    client.heartbeats.cancel(false);
                    removal.remove(client);
                }
            }
        });
    }

    /** Answers a client's ping; also makes a client that missed heartbeats be pinged again now. */
    void pinged(Client client) {
        if (client.missedHeartbeats > 0) {
            timers.execute(() -> beat(client));
        }
    }
}

package io.jstan.broker.nats;

/**
 * Which consumer a producer overran while its bytes were being handled: an {@link OutboundBuffer}
 * filled past half of max_pending tells this thread, and the connection whose read caused it
 * learns it once the read is parsed (see {@link NatsConnection#channelRead}). A thread-local,
 * because deliveries happen on the producer's own thread, deep inside its parser.
 */
final class Congestion {
    private static final ThreadLocal<OutboundBuffer> OVERRUN = new ThreadLocal<>();

    private Congestion() {
    }

    /** The first consumer overrun since the last {@link #take}; the others drain meanwhile anyway. */
    static void overrun(OutboundBuffer consumer) {
        if (OVERRUN.get() == null) {
            OVERRUN.set(consumer);
        }
    }

    /** The consumer overrun on this thread since the last call, or null. */
    static OutboundBuffer take() {
        OutboundBuffer consumer = OVERRUN.get();
        if (consumer != null) {
            OVERRUN.set(null);
        }
        return consumer;
    }
}

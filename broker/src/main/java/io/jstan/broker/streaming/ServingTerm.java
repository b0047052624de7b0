package io.jstan.broker.streaming;

/**
 * The time during which a node serves clients: from the start of its {@link Serving} to its end.
 * What was set going within a term (timers, replies to requests, deliveries) and comes back after
 * it checks this first and does nothing: a node that stopped serving sends nothing to subscribers.
 * Guarded by the state lock.
 */
final class ServingTerm {
    private boolean over;

    boolean isOver() {
        return over;
    }

    void end() {
        over = true;
    }
}

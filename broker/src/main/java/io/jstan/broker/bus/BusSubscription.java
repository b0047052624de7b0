package io.jstan.broker.bus;

/** A subscription made through a {@link Bus}. */
public interface BusSubscription {
    /** Stops delivery; calling it again does nothing. */
    void unsubscribe();
}

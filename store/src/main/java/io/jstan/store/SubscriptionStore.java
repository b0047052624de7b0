package io.jstan.store;

import io.jstan.store.proto.SubState;

/**
 * The subscriptions of one channel, with each one's pending messages (sent and not yet acked).
 * Calls naming an unknown subscription ID are ignored, like an operation applied again after the
 * subscription was deleted.
 */
public interface SubscriptionStore {

    /**
     * Stores a subscription under the ID the engine gave it in {@link SubState#getID()}; creating an
     * ID that exists replaces it.
     *
     * @throws StoreException {@link StoreException.Kind#TOO_MANY_SUBSCRIPTIONS} when a new ID
     *     would exceed the channel's max_subscriptions
     * @throws IllegalArgumentException on ID 0
     */
    void create(SubState sub);

    /** Replaces the state of the subscription with the same ID. */
    void update(SubState sub);

    /** Deletes the subscription and its pending messages. */
    void delete(long subId);

    /**
     * Adds the sequences to the subscription's pending messages. The subscription's last sent
     * sequence is at least the highest of them from then on: the engine does not update the
     * subscription for every message it sends, so a persistent store keeps this itself.
     */
    void recordSent(long subId, long[] sequences);

    /** Removes the sequences from the subscription's pending messages. */
    void recordAcked(long subId, long[] sequences);
}

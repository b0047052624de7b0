package io.jstan.store.sql;

import java.util.HashSet;
import java.util.Set;

/**
 * The subid values of the Subscriptions table, unique in the whole database as nats-streaming-server
 * makes them: SubsPending rows name their subscription by subid alone. A subscription is stored
 * under its own ID where no other channel's subscription took it (so always for IDs that jstan's
 * engine hands out, which are unique in the server), else under a new value.
 */
final class SubscriptionKeys {
    private final Set<Long> used = new HashSet<>();
    private long highest;

    synchronized void recovered(long key) {
        used.add(key);
        highest = Math.max(highest, key);
    }

    synchronized long assign(long subscriptionId) {
        long key = used.contains(subscriptionId) ? highest + 1 : subscriptionId;
        recovered(key);
        return key;
    }

    synchronized void release(long key) {
        used.remove(key);
    }
}

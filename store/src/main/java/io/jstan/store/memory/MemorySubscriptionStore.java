package io.jstan.store.memory;

import io.jstan.store.StoreException;
import io.jstan.store.SubscriptionStore;
import io.jstan.store.proto.SubState;
import java.util.HashSet;
import java.util.Set;

/**
 * Counts a channel's subscriptions for max_subscriptions. Nothing else is kept: nothing in a MEMORY
 * store outlives the process, and the engine holds the subscriptions' state and pending messages.
 */
final class MemorySubscriptionStore implements SubscriptionStore {

    private final int maxSubscriptions;
    private final Set<Long> ids = new HashSet<>();

    MemorySubscriptionStore(int maxSubscriptions) {
        this.maxSubscriptions = maxSubscriptions;
    }

    @Override
    public synchronized void create(SubState sub) {
        long id = sub.getID();
        if (id == 0) {
            throw new IllegalArgumentException("subscription without an ID");
        }
        if (ids.contains(id)) {
            return;
        }
        if (maxSubscriptions > 0 && ids.size() >= maxSubscriptions) {
            throw new StoreException(StoreException.Kind.TOO_MANY_SUBSCRIPTIONS);
        }
        ids.add(id);
    }

    @Override
    public void update(SubState sub) {
        // Nothing to keep, see the class comment.
    }

    @Override
    public synchronized void delete(long subId) {
        ids.remove(subId);
    }

    @Override
    public void recordSent(long subId, long[] sequences) {
        // Nothing to keep, see the class comment.
    }

    @Override
    public void recordAcked(long subId, long[] sequences) {
        // Nothing to keep, see the class comment.
    }
}

package io.jstan.store.file;

import io.jstan.store.StoreException;
import io.jstan.store.SubscriptionStore;
import io.jstan.store.file.StoreDatabase.Family;
import io.jstan.store.proto.SubState;
import java.util.HashMap;
import java.util.Map;

/**
 * A channel's subscriptions in the subscriptions column family and their pending messages in the
 * pending one, both under the channel's ID. The states are also held in memory (their number is
 * bounded by max_subscriptions): to count them, to ignore calls naming unknown IDs, and to keep
 * last sent from going back: {@link #recordSent} advances it, and an update carrying an older
 * value keeps the higher one.
 */
final class FileSubscriptionStore implements SubscriptionStore {

    /** A pending message is its key alone. */
    private static final byte[] NOTHING = new byte[0];

    private final long channelId;
    private final int maxSubscriptions;
    private final StoreDatabase db;
    private final ChecksummedValues values;
    private final Map<Long, SubState> subscriptions;

    FileSubscriptionStore(long channelId, int maxSubscriptions, Map<Long, SubState> recovered, StoreDatabase db,
            ChecksummedValues values) {
        this.channelId = channelId;
        this.maxSubscriptions = maxSubscriptions;
        this.subscriptions = new HashMap<>(recovered);
        this.db = db;
        this.values = values;
    }

    @Override
    public synchronized void create(SubState sub) {
        long id = sub.getID();
        if (id == 0) {
            throw new IllegalArgumentException("subscription without an ID");
        }
        if (!subscriptions.containsKey(id) && maxSubscriptions > 0 && subscriptions.size() >= maxSubscriptions) {
            throw new StoreException(StoreException.Kind.TOO_MANY_SUBSCRIPTIONS);
        }
        store(sub);
    }

    @Override
    public synchronized void update(SubState sub) {
        SubState known = subscriptions.get(sub.getID());
        if (known == null) {
            return;
        }
        store(sub.getLastSent() >= known.getLastSent() ? sub : sub.toBuilder().setLastSent(known.getLastSent()).build());
    }

    private void store(SubState sub) {
        db.put(Family.SUBSCRIPTIONS, Keys.subscription(channelId, sub.getID()), values.seal(sub));
        subscriptions.put(sub.getID(), sub);
    }

    @Override
    public synchronized void delete(long subId) {
        if (subscriptions.remove(subId) == null) {
            return;
        }
        byte[] pendingPrefix = Keys.subscription(channelId, subId);
        try (StoreDatabase.Batch write = db.batch()) {
            write.delete(Family.SUBSCRIPTIONS, Keys.subscription(channelId, subId))
                    .deleteRange(Family.PENDING, pendingPrefix, Keys.prefixEnd(pendingPrefix))
                    .commit();
        }
    }

    @Override
    public synchronized void recordSent(long subId, long[] sequences) {
        SubState known = subscriptions.get(subId);
        if (known == null || sequences.length == 0) {
            return;
        }
        long highest = known.getLastSent();
        try (StoreDatabase.Batch write = db.batch()) {
            for (long sequence : sequences) {
                write.put(Family.PENDING, Keys.pending(channelId, subId, sequence), NOTHING);
                highest = Math.max(highest, sequence);
            }
            SubState advanced = known;
            if (highest > known.getLastSent()) {
                advanced = known.toBuilder().setLastSent(highest).build();
                write.put(Family.SUBSCRIPTIONS, Keys.subscription(channelId, subId), values.seal(advanced));
            }
            write.commit();
            subscriptions.put(subId, advanced);
        }
    }

    @Override
    public synchronized void recordAcked(long subId, long[] sequences) {
        if (!subscriptions.containsKey(subId) || sequences.length == 0) {
            return;
        }
        try (StoreDatabase.Batch write = db.batch()) {
            for (long sequence : sequences) {
                write.delete(Family.PENDING, Keys.pending(channelId, subId, sequence));
            }
            write.commit();
        }
    }
}

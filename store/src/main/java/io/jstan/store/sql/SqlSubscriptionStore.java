package io.jstan.store.sql;

import io.jstan.store.StoreException;
import io.jstan.store.SubscriptionStore;
import io.jstan.store.proto.SubState;
import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.Map;

/**
 * A channel's subscriptions in the Subscriptions table (the SubState protobuf in proto, the highest
 * sent sequence in lastsent) and their pending messages in SubsPending, one row per sent and not yet
 * acknowledged message, with the sequence in both row and seq, as nats-streaming-server writes them
 * with caching off. The states are also held in memory (their number is bounded by
 * max_subscriptions): to count them, to ignore calls naming unknown IDs, and to keep last sent from
 * going back.
 */
final class SqlSubscriptionStore implements SubscriptionStore {

    private static final String UPDATE = "UPDATE Subscriptions SET proto=?, lastsent=? WHERE id=? AND subid=?";

    /** A subscription as stored: its state and the subid of its rows. */
    record Stored(SubState state, long key) {
    }

    private final int channelId;
    private final int maxSubscriptions;
    private final SqlDatabase db;
    private final SubscriptionKeys keys;
    private final Map<Long, Stored> subscriptions;

    SqlSubscriptionStore(int channelId, int maxSubscriptions, Map<Long, Stored> recovered, SqlDatabase db,
            SubscriptionKeys keys) {
        this.channelId = channelId;
        this.maxSubscriptions = maxSubscriptions;
        this.subscriptions = new HashMap<>(recovered);
        this.db = db;
        this.keys = keys;
    }

    @Override
    public synchronized void create(SubState sub) {
        long id = sub.getID();
        if (id == 0) {
            throw new IllegalArgumentException("subscription without an ID");
        }
        Stored known = subscriptions.get(id);
        if (known != null) {
            store(new Stored(sub, known.key()));
            return;
        }
        if (maxSubscriptions > 0 && subscriptions.size() >= maxSubscriptions) {
            throw new StoreException(StoreException.Kind.TOO_MANY_SUBSCRIPTIONS);
        }
        long key = keys.assign(id);
        try {
            db.run(database -> database.update("INSERT INTO Subscriptions (id, subid, lastsent, proto) VALUES (?, ?, ?, ?)",
                    channelId, key, sub.getLastSent(), sub.toByteArray()));
        } catch (RuntimeException e) {
            keys.release(key);
            throw e;
        }
        subscriptions.put(id, new Stored(sub, key));
    }

    @Override
    public synchronized void update(SubState sub) {
        Stored known = subscriptions.get(sub.getID());
        if (known == null) {
            return;
        }
        long lastSent = known.state().getLastSent();
        store(new Stored(sub.getLastSent() >= lastSent ? sub : sub.toBuilder().setLastSent(lastSent).build(), known.key()));
    }

    private void store(Stored sub) {
        db.run(database -> database.update(UPDATE, sub.state().toByteArray(), sub.state().getLastSent(), channelId, sub.key()));
        subscriptions.put(sub.state().getID(), sub);
    }

    @Override
    public synchronized void delete(long subId) {
        Stored known = subscriptions.remove(subId);
        if (known == null) {
            return;
        }
        db.run(database -> {
            database.update("DELETE FROM Subscriptions WHERE id=? AND subid=?", channelId, known.key());
            return database.update("DELETE FROM SubsPending WHERE subid=?", known.key());
        });
        keys.release(known.key());
    }

    @Override
    public synchronized void recordSent(long subId, long[] sequences) {
        Stored known = subscriptions.get(subId);
        if (known == null || sequences.length == 0) {
            return;
        }
        long highest = known.state().getLastSent();
        for (long sequence : sequences) {
            highest = Math.max(highest, sequence);
        }
        long lastSent = highest;
        db.run(database -> {
            PreparedStatement insert = database.statement(database.dialect().addPendingIfAbsent());
            for (long sequence : sequences) {
                insert.setLong(1, known.key());
                insert.setLong(2, sequence);
                insert.setLong(3, sequence);
                insert.addBatch();
            }
            insert.executeBatch();
            if (lastSent > known.state().getLastSent()) {
                database.update("UPDATE Subscriptions SET lastsent=? WHERE id=? AND subid=?", lastSent, channelId, known.key());
            }
            return null;
        });
        if (lastSent > known.state().getLastSent()) {
            subscriptions.put(subId, new Stored(known.state().toBuilder().setLastSent(lastSent).build(), known.key()));
        }
    }

    @Override
    public synchronized void recordAcked(long subId, long[] sequences) {
        Stored known = subscriptions.get(subId);
        if (known == null || sequences.length == 0) {
            return;
        }
        db.run(database -> {
            PreparedStatement delete = database.statement("DELETE FROM SubsPending WHERE subid=? AND "
                    + database.dialect().row() + "=?");
            for (long sequence : sequences) {
                delete.setLong(1, known.key());
                delete.setLong(2, sequence);
                delete.addBatch();
            }
            return delete.executeBatch();
        });
    }

    /** The subid values of the channel's subscriptions, for the channel's deletion. */
    synchronized Iterable<Stored> all() {
        return Map.copyOf(subscriptions).values();
    }
}

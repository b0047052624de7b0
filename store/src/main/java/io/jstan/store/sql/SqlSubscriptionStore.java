package io.jstan.store.sql;

import io.jstan.store.StoreException;
import io.jstan.store.SubscriptionStore;
import io.jstan.store.proto.SubState;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A channel's subscriptions in the Subscriptions table (the SubState protobuf in proto, the highest
 * sent sequence in lastsent) and their pending messages in SubsPending, in rows of
 * nats-streaming-server's cache form: a row per batch of sequences sent or acknowledged, which a
 * {@link PendingRowBook} deletes once they are of no use. The states are also held in memory (their
 * number is bounded by max_subscriptions): to count them, to ignore calls naming unknown IDs, and to
 * keep last sent from going back.
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
    /** The SubsPending rows of each subscription that has any, by subid. */
    private final Map<Long, PendingRowBook> books;

    SqlSubscriptionStore(int channelId, int maxSubscriptions, Map<Long, Stored> recovered,
            Map<Long, PendingRowBook> recoveredRows, SqlDatabase db, SubscriptionKeys keys) {
        this.channelId = channelId;
        this.maxSubscriptions = maxSubscriptions;
        this.subscriptions = new HashMap<>(recovered);
        this.books = new HashMap<>(recoveredRows);
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
        books.remove(known.key());
        keys.release(known.key());
    }

    @Override
    public synchronized void recordSent(long subId, long[] sequences) {
        Stored known = subscriptions.get(subId);
        if (known == null || sequences.length == 0) {
            return;
        }
        long lastSent = Math.max(known.state().getLastSent(), Arrays.stream(sequences).max().orElse(0));
        List<PendingRowBook.Insert> rows = books.computeIfAbsent(known.key(), key -> new PendingRowBook()).sent(sequences);
        db.run(database -> {
            insert(database, known.key(), rows, lastSent);
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
        PendingRowBook book = known == null ? null : books.get(known.key());
        if (book == null) {
            return;
        }
        PendingRowBook.AckChanges changes = book.acknowledged(sequences);
        if (changes.inserts().isEmpty() && changes.deletedRows().isEmpty()) {
            return;
        }
        db.run(database -> {
            insert(database, known.key(), changes.inserts(), known.state().getLastSent());
            if (!changes.deletedRows().isEmpty()) {
                PreparedStatement delete = database.statement("DELETE FROM SubsPending WHERE subid=? AND "
                        + database.dialect().row() + "=?");
                for (long row : changes.deletedRows()) {
                    delete.setLong(1, known.key());
                    delete.setLong(2, row);
                    delete.addBatch();
                }
                delete.executeBatch();
            }
            return null;
        });
    }

    /** Inserts a subscription's SubsPending rows. */
    static void insert(SqlDatabase database, long key, List<PendingRowBook.Insert> rows, long lastSent) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        PreparedStatement insert = database.statement(database.dialect().addPendingRow());
        for (PendingRowBook.Insert row : rows) {
            insert.setLong(1, key);
            insert.setLong(2, row.row());
            insert.setLong(3, lastSent);
            insert.setBytes(4, row.sent().length == 0 ? null : PendingRows.json(row.sent()));
            insert.setBytes(5, row.acks().length == 0 ? null : PendingRows.json(row.acks()));
            insert.addBatch();
        }
        insert.executeBatch();
    }

    /** The subid values of the channel's subscriptions, for the channel's deletion. */
    synchronized Iterable<Stored> all() {
        return Map.copyOf(subscriptions).values();
    }
}

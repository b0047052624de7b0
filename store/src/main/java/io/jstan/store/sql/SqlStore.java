package io.jstan.store.sql;

import io.jstan.store.ChannelLimits;
import io.jstan.store.ChannelRegistry;
import io.jstan.store.ChannelStore;
import io.jstan.store.MessageStoreState;
import io.jstan.store.RecentMessages;
import io.jstan.store.RecoveredState;
import io.jstan.store.Store;
import io.jstan.store.StoreException;
import io.jstan.store.StoreLimits;
import io.jstan.store.proto.ClientInfo;
import io.jstan.store.proto.ServerInfo;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The SQL store: nats-streaming-server's tables in a PostgreSQL or MySQL/MariaDB database, written
 * the way it writes them, so that a database it wrote opens here. Changes go to the database as
 * they are made, in one transaction that {@link #flush()} commits: what was flushed is durable.
 *
 * <p>Creating an SqlStore connects to nothing. The database is reached by {@link #recover()}, or
 * the first call that needs it, which also creates the missing tables.
 */
public final class SqlStore implements Store {

    public static final String TYPE = "SQL";

    private final SqlStoreOptions options;
    private final SqlStoreLock lock;
    private final Runnable onLockLost;
    private final ChannelRegistry<SqlChannelStore> channels = new ChannelRegistry<>(StoreLimits.DEFAULTS);
    private SubscriptionKeys keys = new SubscriptionKeys();
    private volatile SqlDatabase db;
    private RecentMessages recent;
    private int highestChannelId;
    private Optional<RecoveredState> recovered;
    /** Whether the applied index's table is known to be there. */
    private boolean appliedIndexTable;
    private boolean closed;

    public SqlStore(SqlStoreOptions options) {
        this(options, () -> { });
    }

    /**
     * @param onLockLost run once the store stopped because another server took its lock (see
     *     {@link #tryExclusiveLock()}): the server must not go on, as nats-streaming-server, which aborts
     */
    public SqlStore(SqlStoreOptions options, Runnable onLockLost) {
        this.options = Objects.requireNonNull(options);
        this.onLockLost = Objects.requireNonNull(onLockLost);
        this.lock = new SqlStoreLock(options, this::lockLost);
    }

    /** The StoreLock row of nats-streaming-server, see {@link SqlStoreLock}. */
    @Override
    public synchronized boolean tryExclusiveLock() {
        requireNotClosed();
        return lock.tryLock();
    }

    /** Another server took the lock: nothing more of this one may reach the database. */
    private void lockLost() {
        SqlDatabase current = db;
        if (current != null) {
            current.abandon("lost store lock");
        }
        close();
        onLockLost.run();
    }

    @Override
    public void init(ServerInfo info) {
        byte[] proto = info.toByteArray();
        database().run(database -> {
            if (database.update("UPDATE ServerInfo SET id=?, proto=?, version=? WHERE uniquerow=1",
                    info.getClusterID(), proto, SqlSchema.VERSION) == 0) {
                database.update("INSERT INTO ServerInfo (uniquerow, id, proto, version) VALUES (1, ?, ?, ?)",
                        info.getClusterID(), proto, SqlSchema.VERSION);
            }
            return null;
        });
    }

    @Override
    public String name() {
        return TYPE;
    }

    /**
     * Connects, creates the missing tables, and returns what the database held: empty when it holds
     * no server info.
     *
     * @throws StoreException {@link StoreException.Kind#FAILED} when the database cannot be reached
     *     or what it holds cannot be read
     */
    @Override
    public synchronized Optional<RecoveredState> recover() {
        database();
        return recovered;
    }

    @Override
    public void setLimits(StoreLimits limits) {
        channels.setLimits(limits);
    }

    @Override
    public ChannelLimits channelLimits(String channel) {
        return channels.existing(channel).limits();
    }

    @Override
    public synchronized ChannelStore createChannel(String name) {
        SqlDatabase database = database();
        ChannelLimits channelLimits = channels.limitsOfNew(name);
        int id = highestChannelId + 1;
        database.run(work -> work.update("INSERT INTO Channels (id, name, maxmsgs, maxbytes, maxage) VALUES (?, ?, ?, ?, ?)",
                id, name, columnMaxMsgs(channelLimits), channelLimits.maxBytes(), channelLimits.maxAge().toNanos()));
        highestChannelId = id;
        SqlChannelStore channel = new SqlChannelStore(name, id, channelLimits,
                new SqlMessageStore(name, id, channelLimits, new MessageStoreState(0, 0, 0, 0), database,
                        recent == null ? null : recent.channel()),
                new SqlSubscriptionStore(id, channelLimits.maxSubscriptions(), Map.of(), Map.of(), database, keys));
        return channels.add(name, channel);
    }

    /** Channels.maxmsgs is an INTEGER. */
    static int columnMaxMsgs(ChannelLimits limits) {
        return (int) Math.min(Integer.MAX_VALUE, limits.maxMsgs());
    }

    @Override
    public Optional<ChannelStore> channel(String name) {
        return channels.find(name);
    }

    /** Removes the channel's rows in the transaction of the next flush; nats-streaming-server defers this, jstan does not. */
    @Override
    public synchronized void deleteChannel(String name) {
        SqlDatabase database = database();
        SqlChannelStore channel = channels.existing(name);
        database.run(work -> {
            SqlRecovery.deleteChannelRows(work, channel.id());
            return null;
        });
        channels.remove(name);
        for (SqlSubscriptionStore.Stored sub : channel.subscriptions().all()) {
            keys.release(sub.key());
        }
        channel.messages().clearCache();
    }

    @Override
    public void addClient(ClientInfo client) {
        database().run(database -> {
            database.update("DELETE FROM Clients WHERE id=?", client.getID());
            return database.update("INSERT INTO Clients (id, hbinbox, proto) VALUES (?, ?, ?)",
                    client.getID(), client.getHbInbox(), client.toByteArray());
        });
    }

    @Override
    public void deleteClient(String clientId) {
        database().run(database -> database.update("DELETE FROM Clients WHERE id=?", clientId));
    }

    /** Commits the transaction holding every change made since the last flush. */
    @Override
    public void flush() {
        SqlDatabase current = db;
        if (current != null) {
            current.commit();
        }
    }

    @Override
    public boolean writesToDisk() {
        return true;
    }

    /** From jstan's own table, which the first call creates where it is missing (see {@link SqlAppliedIndex}). */
    @Override
    public long lastAppliedIndex() {
        return SqlAppliedIndex.read(appliedIndexDatabase());
    }

    /**
     * Writes the index in the transaction of the changes it follows, and commits them together: a
     * clustered node's store commits once per batch of applied entries, and never holds changes
     * without the index that covers them, nor the index without its changes.
     */
    @Override
    public void recordAppliedIndex(long index) {
        SqlDatabase database = appliedIndexDatabase();
        SqlAppliedIndex.record(database, index);
        database.commit();
    }

    /**
     * Commits, then copies every table's rows as they are then into files of jstan's own in
     * {@code target} (see {@link SqlSnapshot}), on a connection of the snapshot's own: a third
     * connection to the database while it runs.
     */
    @Override
    public void snapshot(Path target) {
        SqlSnapshot.write(options, appliedIndexDatabase(), target);
    }

    /**
     * Replaces every table's rows by the copy's in one transaction, on a new connection, then reads
     * the store again. The lock's row is the node's own and stays. When the copy cannot be read, the
     * database is left as it was.
     */
    @Override
    public synchronized Optional<RecoveredState> restore(Path copy) {
        requireNotClosed();
        closeDatabase("the store is restored from a snapshot");
        lock.confirmHeld();
        open(restoring -> {
            SqlAppliedIndex.ensure(restoring);
            SqlSnapshot.restore(restoring, copy);
        });
        return recovered;
    }

    /** The database, with the applied index's table there. */
    private synchronized SqlDatabase appliedIndexDatabase() {
        SqlDatabase database = database();
        if (!appliedIndexTable) {
            SqlAppliedIndex.ensure(database);
            appliedIndexTable = true;
        }
        return database;
    }

    /**
     * Reads again what the database holds, on a new connection: after the storage failed (the
     * database went away), once it is back. What was not committed is gone; it was never
     * acknowledged either. A store that holds the lock reads nothing before it confirmed that it
     * still does.
     *
     * @throws StoreException {@link StoreException.Kind#FAILED} while the database cannot be
     *     reached, or when another server took the lock meanwhile
     */
    @Override
    public synchronized Optional<RecoveredState> reload() {
        requireNotClosed();
        closeDatabase("the store is read again");
        lock.confirmHeld();
        open();
        return recovered;
    }

    /** Drops the connection with its open transaction, and what was read from it. */
    private void closeDatabase(String why) {
        if (db != null) {
            db.abandon(why);
            db.close();
            db = null;
        }
        channels.clear();
        keys = new SubscriptionKeys();
        if (recent != null) {
            recent.close();
            recent = null;
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (db != null) {
                try {
                    if (!db.failed()) {
                        db.commit();
                    }
                } finally {
                    db.close();
                    db = null;
                    channels.clear();
                    if (recent != null) {
                        recent.close();
                    }
                }
            }
        } finally {
            lock.release();
        }
    }

    private synchronized SqlDatabase database() {
        requireNotClosed();
        if (db == null) {
            open();
        }
        return db;
    }

    private void requireNotClosed() {
        if (closed) {
            throw new StoreException(StoreException.Kind.FAILED, "the SQL store is closed", null);
        }
    }

    private void open() {
        open(opened -> { });
    }

    /** Connects, creates the missing tables, runs {@code first} on the new connection, then recovers. */
    private void open(Consumer<SqlDatabase> first) {
        SqlDatabase opened = SqlDatabase.connect(options);
        try {
            SqlSchema.ensure(opened);
            first.accept(opened);
            recent = options.noCaching() ? null : new RecentMessages(RecentMessages.DEFAULT_BUDGET_BYTES);
            SqlRecovery.Result result = new SqlRecovery(opened, channels.limits(), keys, recent).recover();
            result.channels().forEach(channels::add);
            highestChannelId = result.highestChannelId();
            recovered = result.serverInfo().map(info -> new RecoveredState(info, result.clients(), result.recovered()));
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
        db = opened;
    }
}

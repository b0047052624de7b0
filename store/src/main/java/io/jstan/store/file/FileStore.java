package io.jstan.store.file;

import io.jstan.store.ChannelLimits;
import io.jstan.store.ChannelRegistry;
import io.jstan.store.ChannelStore;
import io.jstan.store.RecentMessages;
import io.jstan.store.RecoveredChannel;
import io.jstan.store.RecoveredState;
import io.jstan.store.Store;
import io.jstan.store.StoreException;
import io.jstan.store.StoreLimits;
import io.jstan.store.file.StoreDatabase.Family;
import io.jstan.store.proto.ClientInfo;
import io.jstan.store.proto.ServerInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The FILE store: a RocksDB database in the {@value #DATABASE_DIR} directory under the store's
 * directory, with one column family per kind of record (see {@link StoreDatabase.Family}). Writes
 * reach RocksDB unsynced as they are made, one batch per call, and are visible to reads at once;
 * {@link #flush()} makes them all durable with one sync of the write-ahead log.
 *
 * <p>Creating a FileStore touches nothing on disk. The database is opened by {@link #recover()}, or
 * by the first call that needs it, and stays open until {@link #close()}.
 */
public final class FileStore implements Store {

    public static final String TYPE = "FILE";

    /** The directory of the RocksDB database, under the store's directory. */
    public static final String DATABASE_DIR = "rocksdb";

    private static final String LOCK_FILE = "jstan.lock";

    /** The first file of a nats-streaming-server file store, which this store cannot read. */
    private static final String NATS_FILE_STORE_MARKER = "server.dat";

    private final Path dir;
    private final FileStoreOptions options;
    private final ChecksummedValues values;
    private RecentMessages recent;
    private final StoreDirectoryLock lock;
    private final ChannelRegistry<FileChannelStore> channels = new ChannelRegistry<>(StoreLimits.DEFAULTS);
    private volatile StoreDatabase db;
    private ChannelIds channelIds;
    private Optional<RecoveredState> recovered;
    private boolean closed;

    public FileStore(Path dir, FileStoreOptions options) {
        this.dir = Objects.requireNonNull(dir);
        this.options = Objects.requireNonNull(options);
        this.values = new ChecksummedValues(Crc32.of(options.crcPolynomial()), options.crc());
        this.lock = new StoreDirectoryLock(dir.resolve(LOCK_FILE));
    }

    /**
     * An advisory lock on {@value #LOCK_FILE} in the store's directory, held until {@link #close()},
     * which removes the file: a server that fails to start leaves no lock file behind.
     */
    @Override
    public synchronized boolean tryExclusiveLock() {
        requireNotClosed();
        return lock.tryLock();
    }

    @Override
    public void init(ServerInfo info) {
        database().put(Family.STORE, Keys.SERVER_INFO, values.seal(info));
    }

    @Override
    public String name() {
        return TYPE;
    }

    /**
     * Opens the database, creating it when the directory holds none, and returns what it held
     * before: empty when no server info was ever stored.
     *
     * @throws StoreException {@link StoreException.Kind#FAILED} when the database cannot be opened
     *     or a record cannot be read
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
        StoreDatabase database = database();
        ChannelLimits limits = channels.limitsOfNew(name);
        try (StoreDatabase.Batch write = database.batch()) {
            ChannelRecord record = ChannelRecord.empty(channelIds.assign(write, values));
            write.put(Family.CHANNELS, Keys.name(name), values.seal(record.encode())).commit();
            return channels.add(name, FileChannelStore.create(name, limits, record, Map.of(), database, values, recent));
        }
    }

    @Override
    public Optional<ChannelStore> channel(String name) {
        return channels.find(name);
    }

    @Override
    public synchronized void deleteChannel(String name) {
        StoreDatabase database = database();
        FileChannelStore channel = channels.existing(name);
        byte[] prefix = Keys.channel(channel.id());
        byte[] end = Keys.prefixEnd(prefix);
        try (StoreDatabase.Batch write = database.batch()) {
            write.delete(Family.CHANNELS, Keys.name(name))
                    .deleteRange(Family.MESSAGES, prefix, end)
                    .deleteRange(Family.SUBSCRIPTIONS, prefix, end)
                    .deleteRange(Family.PENDING, prefix, end)
                    .commit();
        }
        channels.remove(name);
        channel.messages().deleted();
    }

    @Override
    public void addClient(ClientInfo client) {
        database().put(Family.CLIENTS, Keys.name(client.getID()), values.seal(client));
    }

    @Override
    public void deleteClient(String clientId) {
        database().delete(Family.CLIENTS, Keys.name(clientId));
    }

    /** With the sync option, syncs the write-ahead log: every change made so far is then on disk. */
    @Override
    public void flush() {
        StoreDatabase current = db;
        if (current != null && options.sync()) {
            current.syncWal();
        }
    }

    @Override
    public boolean writesToDisk() {
        return true;
    }

    @Override
    public long lastAppliedIndex() {
        byte[] index = database().get(Family.STORE, Keys.APPLIED_INDEX);
        return index == null ? 0 : Keys.longAt(index, 0);
    }

    @Override
    public void recordAppliedIndex(long index) {
        database().put(Family.STORE, Keys.APPLIED_INDEX, Keys.number(index));
    }

    /**
     * A RocksDB checkpoint: table files are linked rather than copied where {@code target} is on the
     * same file system. A FileStore opened on {@code target} recovers the copy.
     */
    @Override
    public void snapshot(Path target) {
        StoreDatabase database = database();
        try {
            Files.createDirectories(target);
        } catch (IOException e) {
            throw new StoreException(StoreException.Kind.FAILED, "cannot create " + target + ": " + e.getMessage(), e);
        }
        database.checkpoint(target.resolve(DATABASE_DIR));
    }

    /**
     * Replaces the database by a link (or a copy) of the one in {@code copy}. The new one is made
     * beside the old one and renamed into place: a crash on the way leaves the old database, or
     * none at all (an empty store), never a mix of both.
     */
    @Override
    public synchronized Optional<RecoveredState> restore(Path copy) {
        requireNotClosed();
        closeDatabase();
        Path live = dir.resolve(DATABASE_DIR);
        Path incoming = dir.resolve(DATABASE_DIR + ".restoring");
        try {
            DirectoryTrees.delete(incoming);
            DirectoryTrees.linkOrCopy(copy.resolve(DATABASE_DIR), incoming);
            DirectoryTrees.delete(live);
            Files.move(incoming, live, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StoreException(StoreException.Kind.FAILED, "cannot restore the store in " + dir + " from " + copy
                    + ": " + e.getMessage(), e);
        }
        open();
        return recovered;
    }

    @Override
    public synchronized Optional<RecoveredState> reload() {
        requireNotClosed();
        closeDatabase();
        open();
        return recovered;
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
                    flush();
                } finally {
                    closeDatabase();
                }
            }
        } finally {
            lock.release();
        }
    }

    private void closeDatabase() {
        if (db == null) {
            return;
        }
        try {
            recent.close();
            db.close();
        } finally {
            db = null;
            channels.clear();
        }
    }

    private synchronized StoreDatabase database() {
        requireNotClosed();
        if (db == null) {
            open();
        }
        return db;
    }

    private void requireNotClosed() {
        if (closed) {
            throw new StoreException(StoreException.Kind.FAILED, "the store in " + dir + " is closed", null);
        }
    }

    private void open() {
        long start = System.nanoTime();
        if (Files.exists(dir.resolve(NATS_FILE_STORE_MARKER))) {
            throw new StoreException(StoreException.Kind.FAILED, dir + " holds a nats-streaming-server file store ("
                    + NATS_FILE_STORE_MARKER + "), which jstan's FILE store cannot read: jstan migrate copies it into a"
                    + " jstan store", null);
        }
        StoreDatabase opened = StoreDatabase.open(dir.resolve(DATABASE_DIR), options);
        recent = new RecentMessages(RecentMessages.DEFAULT_BUDGET_BYTES);
        StoreRecovery.Result result;
        try {
            result = new StoreRecovery(opened, values, recent, channels.limits()).recover(options.parallelRecovery(), start);
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
        Map<String, RecoveredChannel> recoveredChannels = new HashMap<>();
        result.channels().forEach((name, channel) -> {
            channels.add(name, channel.store());
            recoveredChannels.put(name, new RecoveredChannel(channel.store(), channel.subscriptions()));
        });
        channelIds = result.channelIds();
        recovered = result.serverInfo().map(info -> new RecoveredState(info, result.clients(), recoveredChannels));
        db = opened;
    }
}

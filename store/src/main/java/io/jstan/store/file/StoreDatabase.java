package io.jstan.store.file;

import io.jstan.store.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.rocksdb.AbstractNativeReference;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.Checkpoint;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.Status;
import org.rocksdb.WALRecoveryMode;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteBufferManager;
import org.rocksdb.WriteOptions;

/**
 * The RocksDB database of a FILE store, one column family per kind of record. Writes are not
 * synced; {@link #syncWal()} makes everything written so far durable at once. Every call fails with
 * a {@link StoreException} once the database is closed, never touching freed native memory.
 */
final class StoreDatabase implements AutoCloseable {

    /** What RocksDB may hold in memory: cached blocks of table files, and memtables for half of it. */
    static final long MEMORY_BUDGET_BYTES = 64L * 1024 * 1024;

    /** The column families. */
    enum Family {
        /** Records of the store itself: the server info and the next channel ID. */
        STORE(RocksDB.DEFAULT_COLUMN_FAMILY),
        /** Client ID → ClientInfo. */
        CLIENTS(bytes("clients")),
        /** Channel name → {@link ChannelRecord}. */
        CHANNELS(bytes("channels")),
        /** Channel ID, sequence → MsgProto. */
        MESSAGES(bytes("messages")),
        /** Channel ID, subscription ID → SubState. */
        SUBSCRIPTIONS(bytes("subscriptions")),
        /** Channel ID, subscription ID, sequence → nothing: a message sent and not acknowledged. */
        PENDING(bytes("pending"));

        private final byte[] columnFamilyName;

        Family(byte[] columnFamilyName) {
            this.columnFamilyName = columnFamilyName;
        }

        private static byte[] bytes(String name) {
            return name.getBytes(StandardCharsets.UTF_8);
        }
    }

    private final RocksDB db;
    private final Map<Family, ColumnFamilyHandle> families;
    private final DBOptions dbOptions;
    private final ColumnFamilyOptions familyOptions;
    private final Cache cache;
    private final WriteBufferManager memtables;
    private final WriteOptions writeOptions;
    private final ReadOptions readOptions;
    private final boolean verifyChecksums;
    private final ReadWriteLock closing = new ReentrantReadWriteLock();
    private boolean closed;

    private StoreDatabase(RocksDB db, Map<Family, ColumnFamilyHandle> families, DBOptions dbOptions,
            ColumnFamilyOptions familyOptions, Cache cache, WriteBufferManager memtables, boolean verifyChecksums) {
        this.db = db;
        this.families = families;
        this.dbOptions = dbOptions;
        this.familyOptions = familyOptions;
        this.cache = cache;
        this.memtables = memtables;
        this.verifyChecksums = verifyChecksums;
        this.writeOptions = new WriteOptions().setSync(false);
        this.readOptions = new ReadOptions().setVerifyChecksums(verifyChecksums);
    }

    /** Opens the database in {@code dir}, creating it when missing. */
    static StoreDatabase open(Path dir, FileStoreOptions options) {
        RocksDbNativeLibrary.load();
        DBOptions dbOptions = new DBOptions()
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                .setMaxOpenFiles(options.maxOpenFiles() == 0 ? -1 : options.maxOpenFiles())
                .setWalRecoveryMode(options.truncateBadEof()
                        ? WALRecoveryMode.PointInTimeRecovery
                        : WALRecoveryMode.TolerateCorruptedTailRecords)
                // A log file is deleted once every family's records in it are flushed; the small
                // families would otherwise keep logs alive until 4 times the memtables' total.
                .setMaxTotalWalSize(4 * options.writeBufferSize());
        // One cache bounds what RocksDB holds in memory whatever the amount stored: the table
        // files' blocks with their indexes and filters, and the memtables, charged to it.
        Cache cache = new LRUCache(MEMORY_BUDGET_BYTES);
        WriteBufferManager memtables = new WriteBufferManager(MEMORY_BUDGET_BYTES / 2, cache);
        dbOptions.setWriteBufferManager(memtables);
        ColumnFamilyOptions familyOptions = new ColumnFamilyOptions()
                .setWriteBufferSize(options.writeBufferSize())
                .setTableFormatConfig(new BlockBasedTableConfig()
                        .setBlockCache(cache)
                        .setCacheIndexAndFilterBlocks(true)
                        .setPinL0FilterAndIndexBlocksInCache(true));
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        for (Family family : Family.values()) {
            descriptors.add(new ColumnFamilyDescriptor(family.columnFamilyName, familyOptions));
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            RocksDB db = RocksDB.open(dbOptions, dir.toString(), descriptors, handles);
            Map<Family, ColumnFamilyHandle> families = new EnumMap<>(Family.class);
            for (Family family : Family.values()) {
                families.put(family, handles.get(family.ordinal()));
            }
            return new StoreDatabase(db, families, dbOptions, familyOptions, cache, memtables, options.crc());
        } catch (RocksDBException e) {
            closeAll(familyOptions, dbOptions, memtables, cache);
            boolean corrupt = e.getStatus() != null && e.getStatus().getCode() == Status.Code.Corruption;
            throw failure("cannot open the store in " + dir, e, corrupt && !options.truncateBadEof()
                    ? " (file_truncate_bad_eof drops the write-ahead log from a corrupt record on)" : "");
        } catch (IOException e) {
            closeAll(familyOptions, dbOptions, memtables, cache);
            throw failure("cannot open the store in " + dir, e);
        }
    }

    byte[] get(Family family, byte[] key) {
        return call("read", () -> db.get(families.get(family), readOptions, key));
    }

    void put(Family family, byte[] key, byte[] value) {
        call("write", () -> {
            db.put(families.get(family), writeOptions, key, value);
            return null;
        });
    }

    void delete(Family family, byte[] key) {
        call("write", () -> {
            db.delete(families.get(family), writeOptions, key);
            return null;
        });
    }

    /** A batch of changes written at once by {@link Batch#commit()}. */
    Batch batch() {
        return new Batch();
    }

    /** The entries of {@code family} from key {@code from} (included) to {@code to} (excluded; null for no end), in order. */
    Cursor cursor(Family family, byte[] from, byte[] to) {
        return new Cursor(family, from, to);
    }

    /** Makes every write so far durable. */
    void syncWal() {
        call("sync", () -> {
            db.flushWal(true);
            return null;
        });
    }

    /** Writes a consistent copy of the database into {@code target}, which must not exist. */
    void checkpoint(Path target) {
        call("checkpoint", () -> {
            try (Checkpoint checkpoint = Checkpoint.create(db)) {
                checkpoint.createCheckpoint(target.toString());
            }
            return null;
        });
    }

    @Override
    public void close() {
        closing.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            families.values().forEach(ColumnFamilyHandle::close);
            db.close();
            readOptions.close();
            writeOptions.close();
            closeAll(familyOptions, dbOptions, memtables, cache);
        } finally {
            closing.writeLock().unlock();
        }
    }

    /** A batch of changes; close it whether committed or not. */
    final class Batch implements AutoCloseable {

        private final WriteBatch batch = new WriteBatch();

        Batch put(Family family, byte[] key, byte[] value) {
            return change(() -> batch.put(families.get(family), key, value));
        }

        Batch delete(Family family, byte[] key) {
            return change(() -> batch.delete(families.get(family), key));
        }

        /** Deletes the keys from {@code from} (included) to {@code to} (excluded). */
        Batch deleteRange(Family family, byte[] from, byte[] to) {
            return change(() -> batch.deleteRange(families.get(family), from, to));
        }

        void commit() {
            call("write", () -> {
                db.write(writeOptions, batch);
                return null;
            });
        }

        @Override
        public void close() {
            batch.close();
        }

        private Batch change(RocksChange change) {
            call("prepare a write", () -> {
                change.apply();
                return null;
            });
            return this;
        }
    }

    /** Walks entries in key order: {@link #next()} moves to the first one, then to each following one. */
    final class Cursor implements AutoCloseable {

        private static final ByteBuffer NO_BYTES = ByteBuffer.allocateDirect(0);

        private final ReadOptions options;
        private final Slice upperBound;
        private final RocksIterator iterator;
        private final byte[] from;
        private boolean started;

        private Cursor(Family family, byte[] from, byte[] to) {
            closing.readLock().lock();
            if (closed) {
                closing.readLock().unlock();
                throw closedFailure();
            }
            this.from = from;
            this.upperBound = to == null ? null : new Slice(to);
            this.options = new ReadOptions().setVerifyChecksums(verifyChecksums);
            if (upperBound != null) {
                options.setIterateUpperBound(upperBound);
            }
            this.iterator = db.newIterator(families.get(family), options);
        }

        /** Moves to the next entry; false when there is none. */
        boolean next() {
            if (started) {
                iterator.next();
            } else {
                iterator.seek(from);
                started = true;
            }
            if (iterator.isValid()) {
                return true;
            }
            try {
                iterator.status();
            } catch (RocksDBException e) {
                throw failure("cannot read", e);
            }
            return false;
        }

        byte[] key() {
            return iterator.key();
        }

        byte[] value() {
            return iterator.value();
        }

        /** The size of the value, without copying it. */
        int valueSize() {
            return iterator.value(NO_BYTES.duplicate());
        }

        @Override
        public void close() {
            try {
                iterator.close();
                options.close();
                if (upperBound != null) {
                    upperBound.close();
                }
            } finally {
                closing.readLock().unlock();
            }
        }
    }

    @FunctionalInterface
    private interface RocksCall<T> {
        T call() throws RocksDBException;
    }

    @FunctionalInterface
    private interface RocksChange {
        void apply() throws RocksDBException;
    }

    private <T> T call(String what, RocksCall<T> call) {
        closing.readLock().lock();
        try {
            if (closed) {
                throw closedFailure();
            }
            return call.call();
        } catch (RocksDBException e) {
            throw failure("cannot " + what, e);
        } finally {
            closing.readLock().unlock();
        }
    }

    private static void closeAll(AbstractNativeReference... references) {
        for (AbstractNativeReference reference : references) {
            reference.close();
        }
    }

    private static StoreException closedFailure() {
        return new StoreException(StoreException.Kind.FAILED, "the store is closed", null);
    }

    private static StoreException failure(String what, Exception cause) {
        return failure(what, cause, "");
    }

    private static StoreException failure(String what, Exception cause, String hint) {
        return new StoreException(StoreException.Kind.FAILED, what + ": " + cause.getMessage() + hint, cause);
    }
}

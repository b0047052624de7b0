package io.jstan.store.file;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;

/** The RocksDB database of a closed FILE store, opened directly: what a test sees beneath the store. */
final class RawRocksDb implements AutoCloseable {

    private final DBOptions options;
    private final RocksDB db;
    private final Map<String, ColumnFamilyHandle> families = new HashMap<>();

    RawRocksDb(Path storeDir) throws RocksDBException {
        String path = storeDir.resolve(FileStore.DATABASE_DIR).toString();
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        try (Options listing = new Options()) {
            for (byte[] name : RocksDB.listColumnFamilies(listing, path)) {
                descriptors.add(new ColumnFamilyDescriptor(name));
            }
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        options = new DBOptions();
        db = RocksDB.open(options, path, descriptors, handles);
        for (int i = 0; i < descriptors.size(); i++) {
            families.put(new String(descriptors.get(i).getName(), StandardCharsets.UTF_8), handles.get(i));
        }
    }

    byte[] get(String family, byte[] key) throws RocksDBException {
        return db.get(families.get(family), key);
    }

    void put(String family, byte[] key, byte[] value) throws RocksDBException {
        db.put(families.get(family), key, value);
    }

    /** The keys of {@code family} from {@code from} (included) to {@code to} (excluded), range deletions applied. */
    long count(String family, byte[] from, byte[] to) {
        long keys = 0;
        try (Slice upperBound = new Slice(to);
                ReadOptions read = new ReadOptions().setIterateUpperBound(upperBound);
                RocksIterator iterator = db.newIterator(families.get(family), read)) {
            for (iterator.seek(from); iterator.isValid(); iterator.next()) {
                keys++;
            }
        }
        return keys;
    }

    @Override
    public void close() {
        families.values().forEach(ColumnFamilyHandle::close);
        db.close();
        options.close();
    }
}

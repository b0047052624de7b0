package io.jstan.store.file;

/**
 * The options of the FILE store, with nats-streaming-server's {@code --file_*} flags that set them.
 * What each means on RocksDB is in docs/file-store.md.
 *
 * @param sync {@code --file_sync}: {@link FileStore#flush()} syncs the write-ahead log to disk
 * @param crc {@code --file_crc}: reads check the CRC-32 stored with every record
 * @param crcPolynomial {@code --file_crc_poly}: the CRC-32 polynomial, in reversed form
 * @param writeBufferSize {@code --file_buffer_size}: bytes written to a column family's memtable
 *     before it is flushed to a table file (RocksDB's write_buffer_size)
 * @param maxOpenFiles {@code --file_fds_limit}: table files RocksDB keeps open; 0 for no limit
 * @param parallelRecovery {@code --file_parallel_recovery}: channels recovered at the same time
 * @param truncateBadEof {@code --file_truncate_bad_eof}: recovery drops the write-ahead log from a
 *     corrupt record on, instead of failing
 */
public record FileStoreOptions(boolean sync, boolean crc, long crcPolynomial, long writeBufferSize,
        int maxOpenFiles, int parallelRecovery, boolean truncateBadEof) {

    /** The IEEE polynomial, nats-streaming-server's default. */
    public static final long IEEE_POLYNOMIAL = 0xedb8_8320L;

    /** nats-streaming-server's defaults, except the write buffer: RocksDB's 64 MB, see docs/file-store.md. */
    public static final FileStoreOptions DEFAULTS =
            new FileStoreOptions(true, true, IEEE_POLYNOMIAL, 64L * 1024 * 1024, 0, 1, false);

    /** @throws IllegalArgumentException on a value RocksDB cannot take, naming the flag */
    public FileStoreOptions {
        Crc32.of(crcPolynomial);
        if (writeBufferSize <= 0) {
            throw new IllegalArgumentException("file_buffer_size must be positive (" + writeBufferSize + ")");
        }
        if (maxOpenFiles < 0) {
            throw new IllegalArgumentException("file_fds_limit cannot be negative (" + maxOpenFiles + ")");
        }
        if (parallelRecovery < 1) {
            throw new IllegalArgumentException("file_parallel_recovery must be at least 1 (" + parallelRecovery + ")");
        }
    }

    public FileStoreOptions withSync(boolean value) {
        return new FileStoreOptions(value, crc, crcPolynomial, writeBufferSize, maxOpenFiles, parallelRecovery, truncateBadEof);
    }

    public FileStoreOptions withCrc(boolean value) {
        return new FileStoreOptions(sync, value, crcPolynomial, writeBufferSize, maxOpenFiles, parallelRecovery, truncateBadEof);
    }

    public FileStoreOptions withCrcPolynomial(long value) {
        return new FileStoreOptions(sync, crc, value, writeBufferSize, maxOpenFiles, parallelRecovery, truncateBadEof);
    }

    public FileStoreOptions withWriteBufferSize(long value) {
        return new FileStoreOptions(sync, crc, crcPolynomial, value, maxOpenFiles, parallelRecovery, truncateBadEof);
    }

    public FileStoreOptions withMaxOpenFiles(int value) {
        return new FileStoreOptions(sync, crc, crcPolynomial, writeBufferSize, value, parallelRecovery, truncateBadEof);
    }

    public FileStoreOptions withParallelRecovery(int value) {
        return new FileStoreOptions(sync, crc, crcPolynomial, writeBufferSize, maxOpenFiles, value, truncateBadEof);
    }

    public FileStoreOptions withTruncateBadEof(boolean value) {
        return new FileStoreOptions(sync, crc, crcPolynomial, writeBufferSize, maxOpenFiles, parallelRecovery, value);
    }
}

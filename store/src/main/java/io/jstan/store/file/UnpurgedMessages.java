package io.jstan.store.file;

import io.jstan.store.file.StoreDatabase.Family;

/**
 * The messages a channel's limits removed from its counters and not yet from the database. They
 * are range-deleted together once they add up to {@link #PURGE_BYTES}: every read pays for the
 * range deletions in RocksDB's memtable, so one per append at a channel's limits would make each
 * read slower than the one before (half a millisecond a lookup after a few thousand). Until then
 * they stay below the channel's first sequence, where no read goes.
 */
final class UnpurgedMessages {

    static final long PURGE_BYTES = 1024 * 1024;

    private final long channelId;
    /** Every message below is range-deleted; 0 after a restart, which does not know. */
    private long purgedBelow;
    private long unpurgedBytes;

    UnpurgedMessages(long channelId) {
        this.channelId = channelId;
    }

    /**
     * Adds messages of {@code bytes} bytes just removed, every one now below {@code first}, and adds
     * the range delete of them all to {@code write} once they add up to {@link #PURGE_BYTES}.
     */
    void add(StoreDatabase.Batch write, long first, long bytes) {
        unpurgedBytes += bytes;
        if (unpurgedBytes >= PURGE_BYTES) {
            write.deleteRange(Family.MESSAGES, Keys.message(channelId, purgedBelow), Keys.message(channelId, first));
            purgedBelow = first;
            unpurgedBytes = 0;
        }
    }

    /** The channel's messages were all range-deleted; its sequences may start anywhere again. */
    void clear() {
        purgedBelow = 0;
        unpurgedBytes = 0;
    }
}

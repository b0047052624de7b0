package io.jstan.store.file;

import io.jstan.store.StoreException;
import io.jstan.store.file.StoreDatabase.Family;
import java.util.List;

/**
 * The sizes of a channel's messages, oldest first, for the limits to know how many bytes they
 * remove: the stored ones read from the database (value sizes only, nothing kept), then those of
 * the batch being appended.
 */
final class OldestMessageSizes implements AutoCloseable {

    private final StoreDatabase db;
    private final String channel;
    private final long channelId;
    private final long storedLast;
    private final List<byte[]> appended;
    private long next;
    private StoreDatabase.Cursor cursor;

    /**
     * @param storedFirst the first stored message, where the sizes start
     * @param storedLast the last stored message, after which come the appended ones
     * @param appended the values being appended after {@code storedLast}
     */
    OldestMessageSizes(StoreDatabase db, String channel, long channelId, long storedFirst, long storedLast,
            List<byte[]> appended) {
        this.db = db;
        this.channel = channel;
        this.channelId = channelId;
        this.storedLast = storedLast;
        this.appended = appended;
        this.next = storedFirst;
    }

    /** The size of the next oldest message. */
    long next() {
        long sequence = next++;
        if (sequence > storedLast) {
            return ChecksummedValues.recordSize(appended.get((int) (sequence - storedLast - 1)).length);
        }
        if (cursor == null) {
            cursor = db.cursor(Family.MESSAGES, Keys.message(channelId, sequence), Keys.message(channelId, storedLast + 1));
        }
        if (!cursor.next() || Keys.longAt(cursor.key(), 1) != sequence) {
            throw new StoreException(StoreException.Kind.FAILED,
                    "message " + sequence + " of channel \"" + channel + "\" is missing", null);
        }
        return ChecksummedValues.recordSize(cursor.valueSize());
    }

    @Override
    public void close() {
        if (cursor != null) {
            cursor.close();
        }
    }
}

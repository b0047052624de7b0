package io.jstan.store.file;

import io.jstan.store.StoreException;
import io.jstan.store.file.StoreDatabase.Family;

/**
 * The sizes of a channel's oldest stored messages, for the limits to know how many bytes they
 * remove, read ahead from the database up to {@link #READ_AHEAD} at a time. A channel at its
 * limits removes a few messages per append; a cursor per append spent most of the time in its
 * seek (and more so as the range deletions of earlier removals piled up in the memtable), not in
 * the messages it then stepped over.
 */
final class OldestMessageSizes {
    static final int READ_AHEAD = 1024;

    private final StoreDatabase db;
    private final String channel;
    private final long channelId;
    private int[] sizes = new int[0];
    private long bufferedFrom;
    private int buffered;

    OldestMessageSizes(StoreDatabase db, String channel, long channelId) {
        this.db = db;
        this.channel = channel;
        this.channelId = channelId;
    }

    /** The size of stored message {@code sequence}, the last stored being {@code storedLast}. */
    long size(long sequence, long storedLast) {
        long index = sequence - bufferedFrom;
        if (index < 0 || index >= buffered) {
            readAhead(sequence, storedLast);
            index = 0;
        }
        return sizes[(int) index];
    }

    private void readAhead(long sequence, long storedLast) {
        int wanted = (int) Math.min(READ_AHEAD, storedLast - sequence + 1);
        if (sizes.length < wanted) {
            sizes = new int[wanted];
        }
        buffered = 0;
        try (StoreDatabase.Cursor cursor = db.cursor(Family.MESSAGES, Keys.message(channelId, sequence),
                Keys.message(channelId, sequence + wanted))) {
            for (int i = 0; i < wanted; i++) {
                if (!cursor.next() || Keys.longAt(cursor.key(), 1) != sequence + i) {
                    throw new StoreException(StoreException.Kind.FAILED,
                            "message " + (sequence + i) + " of channel \"" + channel + "\" is missing", null);
                }
                sizes[i] = ChecksummedValues.recordSize(cursor.valueSize());
            }
        }
        bufferedFrom = sequence;
        buffered = wanted;
    }

    /** The channel was emptied: its sequences may start anywhere again. */
    void clear() {
        buffered = 0;
    }
}

package io.jstan.store.file;

import io.jstan.store.file.StoreDatabase.Family;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Assigns channel IDs from a counter kept in the store family and written in the batch that
 * creates the channel, so that an ID is never reused: a channel deleted and created again starts
 * on keys no earlier record holds.
 */
final class ChannelIds {

    private long next;

    private ChannelIds(long next) {
        this.next = next;
    }

    static ChannelIds recover(StoreDatabase db, ChecksummedValues values) {
        byte[] value = db.get(Family.STORE, Keys.NEXT_CHANNEL_ID);
        return new ChannelIds(value == null ? 1 : values.open(value, ChannelIds::decode, () -> "the next channel ID"));
    }

    /** Takes the next ID, counting it in {@code batch}. */
    long assign(StoreDatabase.Batch batch, ChecksummedValues values) {
        long id = next;
        batch.put(Family.STORE, Keys.NEXT_CHANNEL_ID, values.seal(ByteBuffer.allocate(Long.BYTES).putLong(id + 1).array()));
        next = id + 1;
        return id;
    }

    private static long decode(byte[] data, int offset, int length) throws IOException {
        if (length != Long.BYTES) {
            throw new IOException("a channel ID has " + Long.BYTES + " bytes, not " + length);
        }
        return ByteBuffer.wrap(data, offset, length).getLong();
    }
}

package io.jstan.store.file;

import io.jstan.store.MessageStoreState;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * What the channels column family holds for a channel: the ID that starts every key of the channel,
 * and the counters of its messages, written in the same batch as every change to them, so that
 * recovery reads no message.
 *
 * @param bytes the sum of the stored messages' sizes, CRCs aside; what the channel counts for its
 *     limits and in monitoring is {@link #accountedBytes()}
 */
record ChannelRecord(long id, long first, long last, long count, long bytes) {

    /**
     * What nats-streaming-server's FILE store counts for each message on top of its encoded size:
     * the header of its record in the data file (4 bytes of size, 4 of CRC-32) and its entry in the
     * index file (sequence, offset, timestamp, size and CRC-32: 8 + 8 + 8 + 4 + 4 bytes).
     */
    static final int MESSAGE_OVERHEAD = 8 + 32;

    private static final int SIZE = 5 * Long.BYTES;

    static ChannelRecord empty(long id) {
        return new ChannelRecord(id, 0, 0, 0, 0);
    }

    MessageStoreState state() {
        return new MessageStoreState(count, accountedBytes(), first, last);
    }

    /** The channel's size as nats-streaming-server's FILE store counts it, for max_bytes and monitoring. */
    long accountedBytes() {
        return bytes + count * MESSAGE_OVERHEAD;
    }

    /** The counters once the messages {@code from..to} of {@code bytes} bytes are added. */
    ChannelRecord withAdded(long from, long to, long addedBytes) {
        return new ChannelRecord(id, count == 0 ? from : first, to, count + (to - from + 1), bytes + addedBytes);
    }

    /** The counters once the oldest messages up to {@code sequence} of {@code bytes} bytes are removed. */
    ChannelRecord withRemovedUpTo(long sequence, long removedBytes) {
        return new ChannelRecord(id, sequence + 1, last, count - (sequence - first + 1), bytes - removedBytes);
    }

    byte[] encode() {
        return ByteBuffer.allocate(SIZE).putLong(id).putLong(first).putLong(last).putLong(count).putLong(bytes).array();
    }

    static ChannelRecord decode(byte[] data, int offset, int length) throws IOException {
        if (length != SIZE) {
            throw new IOException("a channel record has " + SIZE + " bytes, not " + length);
        }
        ByteBuffer buffer = ByteBuffer.wrap(data, offset, length);
        return new ChannelRecord(buffer.getLong(), buffer.getLong(), buffer.getLong(), buffer.getLong(), buffer.getLong());
    }
}

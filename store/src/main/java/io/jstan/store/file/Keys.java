package io.jstan.store.file;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The keys of the FILE store. Numbers are 8 bytes big-endian, so that RocksDB's bytewise order is
 * their order: every key of a channel starts with its ID, a message key is the channel ID then the
 * sequence, a pending key the channel ID, the subscription ID, then the sequence.
 */
final class Keys {

    static final int LONG_BYTES = Long.BYTES;

    /** In the store family: the server info. */
    static final byte[] SERVER_INFO = name("server_info");

    /** In the store family: the ID the next created channel takes. */
    static final byte[] NEXT_CHANNEL_ID = name("next_channel_id");

    /** In the store family: the index of the last replicated log entry applied (clustering). */
    static final byte[] APPLIED_INDEX = name("applied_index");

    private Keys() {
    }

    /** The prefix of every key of the channel, in the messages, subscriptions and pending families. */
    static byte[] channel(long channelId) {
        return longs(channelId);
    }

    static byte[] message(long channelId, long sequence) {
        return longs(channelId, sequence);
    }

    static byte[] subscription(long channelId, long subId) {
        return longs(channelId, subId);
    }

    static byte[] pending(long channelId, long subId, long sequence) {
        return longs(channelId, subId, sequence);
    }

    /** A number as a value: 8 bytes big-endian, read back with {@link #longAt}. */
    static byte[] number(long value) {
        return longs(value);
    }

    static byte[] name(String name) {
        return name.getBytes(StandardCharsets.UTF_8);
    }

    static String name(byte[] key) {
        return new String(key, StandardCharsets.UTF_8);
    }

    /** The number at {@code index} (0 for the first) in a key made of numbers. */
    static long longAt(byte[] key, int index) {
        long value = 0;
        for (int i = index * LONG_BYTES; i < (index + 1) * LONG_BYTES; i++) {
            value = (value << 8) | (key[i] & 0xff);
        }
        return value;
    }

    /** The first key after every key starting with {@code prefix}; null when there is none (a prefix of 0xff bytes only). */
    static byte[] prefixEnd(byte[] prefix) {
        for (int i = prefix.length - 1; i >= 0; i--) {
            if (prefix[i] != (byte) 0xff) {
                byte[] end = Arrays.copyOf(prefix, i + 1);
                end[i]++;
                return end;
            }
        }
        return null;
    }

    private static byte[] longs(long... values) {
        byte[] key = new byte[values.length * LONG_BYTES];
        for (int v = 0; v < values.length; v++) {
            long value = values[v];
            for (int i = LONG_BYTES - 1; i >= 0; i--) {
                key[v * LONG_BYTES + i] = (byte) value;
                value >>>= 8;
            }
        }
        return key;
    }
}

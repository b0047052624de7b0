package io.jstan.store.sql;

import java.nio.charset.StandardCharsets;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A subscription's pending messages read from its SubsPending rows, in both of nats-streaming-server's
 * forms: a row per message (seq set, as written with caching off), or rows written by its cache (seq
 * 0, as jstan writes them too), each with a JSON array of sequences sent and one of sequences
 * acknowledged. Rows are given in row order; an acknowledgement removes a sequence that an earlier row made pending.
 */
final class PendingRows {
    private final SortedSet<Long> pending = new TreeSet<>();
    private long lastSent;
    private int rows;

    void add(long seq, long rowLastSent, byte[] sent, byte[] acks) {
        rows++;
        if (seq > 0) {
            pending.add(seq);
            lastSent = Math.max(lastSent, seq);
            return;
        }
        lastSent = Math.max(lastSent, rowLastSent);
        for (long sequence : sequences(sent)) {
            pending.add(sequence);
        }
        for (long sequence : sequences(acks)) {
            pending.remove(sequence);
        }
    }

    SortedSet<Long> pending() {
        return pending;
    }

    /** The highest sequence the rows say was sent. */
    long lastSent() {
        return lastSent;
    }

    /** How many rows were read. */
    int rows() {
        return rows;
    }

    /** A JSON array of the sequences, as Go's encoding/json writes a []uint64. */
    static byte[] json(long[] sequences) {
        StringBuilder text = new StringBuilder(sequences.length * 8 + 2).append('[');
        for (int i = 0; i < sequences.length; i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(Long.toUnsignedString(sequences[i]));
        }
        return text.append(']').toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The numbers of a JSON array of unsigned integers, as Go's encoding/json writes a []uint64; none for null or empty. */
    static long[] sequences(byte[] json) {
        if (json == null || json.length == 0) {
            return new long[0];
        }
        String text = new String(json, StandardCharsets.US_ASCII).trim();
        if (text.equals("null")) {
            return new long[0];
        }
        if (!text.startsWith("[") || !text.endsWith("]")) {
            throw new IllegalArgumentException("not a JSON array of sequences: " + text);
        }
        String inner = text.substring(1, text.length() - 1).trim();
        if (inner.isEmpty()) {
            return new long[0];
        }
        String[] items = inner.split(",");
        long[] numbers = new long[items.length];
        for (int i = 0; i < items.length; i++) {
            numbers[i] = Long.parseUnsignedLong(items[i].trim());
        }
        return numbers;
    }
}

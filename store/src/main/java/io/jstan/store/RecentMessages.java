package io.jstan.store;

import io.jstan.store.proto.MsgProto;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The last appended messages of every channel, kept in memory up to a byte budget for the whole
 * store, so that subscribers that keep up are served without reading the database. When the
 * budget is exceeded, the oldest appends are dropped first, whichever channel they belong to.
 */
public final class RecentMessages {
    /** The budget of a store: the memory it takes does not grow with the number of stored messages. */
    public static final long DEFAULT_BUDGET_BYTES = 4L * 1024 * 1024;

    /** What a cached message costs besides its encoded size: the objects that hold it. */
    private static final int MESSAGE_OVERHEAD_BYTES = 96;

    private final long budgetBytes;
    private final ArrayDeque<Append> appends = new ArrayDeque<>();
    private long bytes;
    private boolean closed;

    public RecentMessages(long budgetBytes) {
        this.budgetBytes = budgetBytes;
    }

    /** Drops every cached message, and caches none from now on: the store is closed. */
    public synchronized void close() {
        closed = true;
        for (Append append : appends) {
            bytes -= append.channel.dropUpTo(Long.MAX_VALUE);
        }
        appends.clear();
    }

    /** A channel's share of the cache. */
    public Channel channel() {
        return new Channel();
    }

    /** The messages appended to one channel last, with consecutive sequences, oldest first. */
    public final class Channel {
        private MsgProto[] ring = new MsgProto[16];
        private int head;
        private int size;
        private long firstSequence;

        /** Caches messages just appended, which follow each other; a gap from the cached ones replaces them. */
        public void appended(List<MsgProto> messages) {
            synchronized (RecentMessages.this) {
                if (closed || messages.isEmpty()) {
                    return;
                }
                if (size > 0 && messages.get(0).getSequence() != firstSequence + size) {
                    bytes -= dropUpTo(Long.MAX_VALUE);
                }
                for (MsgProto message : messages) {
                    add(message);
                }
                appends.add(new Append(this, messages.get(messages.size() - 1).getSequence()));
                while (bytes > budgetBytes && !appends.isEmpty()) {
                    Append oldest = appends.poll();
                    bytes -= oldest.channel.dropUpTo(oldest.lastSequence);
                }
            }
        }

        /** The cached message with this sequence, or null. */
        public MsgProto get(long sequence) {
            synchronized (RecentMessages.this) {
                long index = sequence - firstSequence;
                return size == 0 || index < 0 || index >= size ? null : ring[(head + (int) index) & (ring.length - 1)];
            }
        }

        /** Forgets this channel's messages (it was emptied or deleted). */
        public void clear() {
            synchronized (RecentMessages.this) {
                bytes -= dropUpTo(Long.MAX_VALUE);
            }
        }

        private void add(MsgProto message) {
            if (size == ring.length) {
                grow();
            }
            if (size == 0) {
                firstSequence = message.getSequence();
            }
            ring[(head + size) & (ring.length - 1)] = message;
            size++;
            bytes += cost(message);
        }

        private void grow() {
            MsgProto[] larger = new MsgProto[ring.length * 2];
            for (int i = 0; i < size; i++) {
                larger[i] = ring[(head + i) & (ring.length - 1)];
            }
            ring = larger;
            head = 0;
        }

        /** Drops the cached messages up to a sequence; returns the bytes they took. */
        private long dropUpTo(long sequence) {
            long released = 0;
            while (size > 0 && firstSequence <= sequence) {
                released += cost(ring[head]);
                ring[head] = null;
                head = (head + 1) & (ring.length - 1);
                size--;
                firstSequence++;
            }
            return released;
        }
    }

    public static long cost(MsgProto message) {
        return message.getSerializedSize() + MESSAGE_OVERHEAD_BYTES;
    }

    private record Append(Channel channel, long lastSequence) {
    }
}

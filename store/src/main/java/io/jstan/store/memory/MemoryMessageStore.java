package io.jstan.store.memory;

import io.jstan.store.ChannelLimits;
import io.jstan.store.LimitsWarning;
import io.jstan.store.MessageStore;
import io.jstan.store.MessageStoreState;
import io.jstan.store.NewMessages;
import io.jstan.store.proto.MsgProto;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/** A channel's messages in a ring indexed by sequence - first; a read-write lock lets readers run beside the writer. */
final class MemoryMessageStore implements MessageStore {

    private final String channel;
    private final ChannelLimits limits;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final MessageRing ring = new MessageRing();
    private long first;
    private long last;
    private long bytes;
    private boolean reportedLimits;

    MemoryMessageStore(String channel, ChannelLimits limits) {
        this.channel = channel;
        this.limits = limits;
    }

    @Override
    public void append(List<MsgProto> batch) {
        lock.writeLock().lock();
        try {
            for (MsgProto message : NewMessages.of(channel, last, batch)) {
                add(message);
                enforceLimits();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void add(MsgProto message) {
        if (ring.size() == 0) {
            first = message.getSequence();
        }
        ring.addLast(message);
        last = message.getSequence();
        bytes += message.getSerializedSize();
    }

    /** Removes the oldest messages while over max_msgs or max_bytes, always keeping the last, as nats-streaming-server after each message. */
    private void enforceLimits() {
        long maxMsgs = limits.maxMsgs();
        long maxBytes = limits.maxBytes();
        while (ring.size() > 1 && ((maxMsgs > 0 && ring.size() > maxMsgs) || (maxBytes > 0 && bytes > maxBytes))) {
            removeFirst();
            if (!reportedLimits) {
                reportedLimits = true;
                LimitsWarning.log(channel, ring.size(), bytes, limits);
            }
        }
    }

    private void removeFirst() {
        bytes -= ring.removeFirst().getSerializedSize();
        first++;
    }

    @Override
    public void removeUpTo(long sequence) {
        lock.writeLock().lock();
        try {
            while (ring.size() > 0 && first <= sequence) {
                removeFirst();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public Optional<MsgProto> lookup(long sequence) {
        return read(() -> Optional.ofNullable(at(sequence)));
    }

    private MsgProto at(long sequence) {
        if (ring.size() == 0 || sequence < first || sequence > last) {
            return null;
        }
        return ring.get((int) (sequence - first));
    }

    @Override
    public long firstSequence() {
        return read(() -> first);
    }

    @Override
    public long lastSequence() {
        return read(() -> last);
    }

    @Override
    public long sequenceAtOrAfter(long timestampNanos) {
        return read(() -> {
            if (last == 0) {
                return 0L;
            }
            int low = 0;
            int high = ring.size();
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (ring.get(middle).getTimestamp() < timestampNanos) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            return low == ring.size() ? last + 1 : first + low;
        });
    }

    @Override
    public Optional<MsgProto> firstMessage() {
        return read(() -> Optional.ofNullable(at(first)));
    }

    @Override
    public Optional<MsgProto> lastMessage() {
        return read(() -> Optional.ofNullable(at(last)));
    }

    @Override
    public MessageStoreState state() {
        return read(() -> new MessageStoreState(ring.size(), bytes, first, last));
    }

    @Override
    public void empty() {
        lock.writeLock().lock();
        try {
            ring.clear();
            first = 0;
            last = 0;
            bytes = 0;
            reportedLimits = false;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private <T> T read(Supplier<T> reader) {
        lock.readLock().lock();
        try {
            return reader.get();
        } finally {
            lock.readLock().unlock();
        }
    }
}

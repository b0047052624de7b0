package io.jstan.store.file;

import io.jstan.store.ChannelLimits;
import io.jstan.store.LimitsWarning;
import io.jstan.store.MessageStore;
import io.jstan.store.MessageStoreState;
import io.jstan.store.NewMessages;
import io.jstan.store.RecentMessages;
import io.jstan.store.file.StoreDatabase.Family;
import io.jstan.store.proto.MsgProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A channel's messages in the messages column family, under the channel's ID. The counters live
 * in memory and in the channel's record, written in the same batch as the messages, and bound
 * every read. Limits remove the oldest messages from the counters, and from the database with
 * range deletes ({@link UnpurgedMessages}). Writers are one thread at a time (the Store contract);
 * readers see the counters of the last completed write. The last appended messages are also kept
 * in memory ({@link RecentMessages}), for subscribers that keep up.
 */
final class FileMessageStore implements MessageStore {

    private final String channel;
    private final byte[] recordKey;
    private final ChannelLimits limits;
    private final StoreDatabase db;
    private final ChecksummedValues values;
    private final UnpurgedMessages unpurged;
    private final OldestMessageSizes oldestSizes;
    private final RecentMessages.Channel recent;
    private volatile ChannelRecord record;
    private boolean reportedLimits;

    FileMessageStore(String channel, ChannelLimits limits, ChannelRecord record, StoreDatabase db, ChecksummedValues values,
            RecentMessages.Channel recent) {
        this.channel = channel;
        this.recent = recent;
        this.recordKey = Keys.name(channel);
        this.limits = limits;
        this.record = record;
        this.unpurged = new UnpurgedMessages(record.id());
        this.oldestSizes = new OldestMessageSizes(db, channel, record.id());
        this.db = db;
        this.values = values;
    }

    @Override
    public void append(List<MsgProto> batch) {
        ChannelRecord current = record;
        List<MsgProto> fresh = NewMessages.of(channel, current.last(), batch);
        if (fresh.isEmpty()) {
            return;
        }
        List<byte[]> sealed = new ArrayList<>(fresh.size());
        long addedBytes = 0;
        for (MsgProto message : fresh) {
            byte[] value = values.seal(message);
            sealed.add(value);
            addedBytes += ChecksummedValues.recordSize(value.length);
        }
        long from = fresh.get(0).getSequence();
        ChannelRecord grown = current.withAdded(from, fresh.get(fresh.size() - 1).getSequence(), addedBytes);
        Trimming trimming = overLimits(grown) ? trimmed(current, from, sealed) : new Trimming(grown, null);
        ChannelRecord trimmed = trimming.result();
        try (StoreDatabase.Batch write = db.batch()) {
            if (trimmed.first() > grown.first()) {
                unpurged.add(write, trimmed.first(), grown.bytes() - trimmed.bytes());
            }
            for (int i = 0; i < sealed.size(); i++) {
                long sequence = from + i;
                if (sequence >= trimmed.first()) {
                    write.put(Family.MESSAGES, Keys.message(current.id(), sequence), sealed.get(i));
                }
            }
            write.put(Family.CHANNELS, recordKey, values.seal(trimmed.encode()));
            write.commit();
        }
        record = trimmed;
        recent.appended(fresh);
        if (trimming.firstRemoval() != null) {
            reportLimitsReached(trimming.firstRemoval());
        }
    }

    /**
     * The counters once the appended messages are added one by one, max_msgs and max_bytes removing
     * the oldest after each (always keeping the last), as nats-streaming-server stores them.
     */
    private Trimming trimmed(ChannelRecord current, long from, List<byte[]> appended) {
        ChannelRecord counters = current;
        ChannelRecord firstRemoval = null;
        for (int i = 0; i < appended.size(); i++) {
            long sequence = from + i;
            counters = counters.withAdded(sequence, sequence, ChecksummedValues.recordSize(appended.get(i).length));
            while (counters.count() > 1 && overLimits(counters)) {
                long oldest = counters.first();
                // The appended messages follow the stored ones, or start anywhere in an empty channel.
                long size = oldest < from ? oldestSizes.size(oldest, from - 1)
                        : ChecksummedValues.recordSize(appended.get((int) (oldest - from)).length);
                counters = counters.withRemovedUpTo(oldest, size);
                if (firstRemoval == null) {
                    firstRemoval = counters;
                }
            }
        }
        return new Trimming(counters, firstRemoval);
    }

    /** Counters after limits removed messages, and as they were right after the first removal (null when none). */
    private record Trimming(ChannelRecord result, ChannelRecord firstRemoval) {
    }

    private boolean overLimits(ChannelRecord counters) {
        return (limits.maxMsgs() > 0 && counters.count() > limits.maxMsgs())
                || (limits.maxBytes() > 0 && counters.accountedBytes() > limits.maxBytes());
    }

    private void reportLimitsReached(ChannelRecord counters) {
        if (!reportedLimits) {
            reportedLimits = true;
            LimitsWarning.log(channel, counters.count(), counters.accountedBytes(), limits);
        }
    }

    @Override
    public void removeUpTo(long sequence) {
        ChannelRecord current = record;
        if (current.count() == 0 || sequence < current.first()) {
            return;
        }
        long upTo = Math.min(sequence, current.last());
        long removedBytes = upTo == current.last() ? current.bytes() : storedBytes(current, upTo);
        ChannelRecord trimmed = current.withRemovedUpTo(upTo, removedBytes);
        try (StoreDatabase.Batch write = db.batch()) {
            unpurged.add(write, trimmed.first(), removedBytes);
            write.put(Family.CHANNELS, recordKey, values.seal(trimmed.encode())).commit();
        }
        record = trimmed;
    }

    private long storedBytes(ChannelRecord current, long upTo) {
        long bytes = 0;
        for (long sequence = current.first(); sequence <= upTo; sequence++) {
            bytes += oldestSizes.size(sequence, current.last());
        }
        return bytes;
    }

    @Override
    public void empty() {
        ChannelRecord emptied = ChannelRecord.empty(record.id());
        byte[] prefix = Keys.channel(emptied.id());
        try (StoreDatabase.Batch write = db.batch()) {
            write.deleteRange(Family.MESSAGES, prefix, Keys.prefixEnd(prefix))
                    .put(Family.CHANNELS, recordKey, values.seal(emptied.encode()))
                    .commit();
        }
        record = emptied;
        recent.clear();
        unpurged.clear();
        oldestSizes.clear();
        reportedLimits = false;
    }

    @Override
    public Optional<MsgProto> lookup(long sequence) {
        return stored(record, sequence);
    }

    private Optional<MsgProto> stored(ChannelRecord counters, long sequence) {
        if (counters.count() == 0 || sequence < counters.first() || sequence > counters.last()) {
            return Optional.empty();
        }
        MsgProto cached = recent.get(sequence);
        if (cached != null) {
            return Optional.of(cached);
        }
        byte[] value = db.get(Family.MESSAGES, Keys.message(counters.id(), sequence));
        if (value == null) {
            return Optional.empty();
        }
        return Optional.of(values.open(value, MsgProto.parser()::parseFrom,
                () -> "message " + sequence + " of channel \"" + channel + "\""));
    }

    @Override
    public long firstSequence() {
        return record.first();
    }

    @Override
    public long lastSequence() {
        return record.last();
    }

    /** A binary search by sequence, as the MEMORY store does, so that every store gives the same answer. */
    @Override
    public long sequenceAtOrAfter(long timestampNanos) {
        ChannelRecord counters = record;
        if (counters.last() == 0) {
            return 0;
        }
        long low = counters.first();
        long high = counters.last() + 1;
        while (low < high) {
            long middle = (low + high) >>> 1;
            // A message removed meanwhile was among the oldest: older than any still stored.
            boolean older = stored(counters, middle).map(message -> message.getTimestamp() < timestampNanos).orElse(true);
            if (older) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    @Override
    public Optional<MsgProto> firstMessage() {
        ChannelRecord counters = record;
        return stored(counters, counters.first());
    }

    @Override
    public Optional<MsgProto> lastMessage() {
        ChannelRecord counters = record;
        return stored(counters, counters.last());
    }

    /** The channel is deleted: its cached messages go. */
    void deleted() {
        recent.clear();
    }

    @Override
    public MessageStoreState state() {
        return record.state();
    }
}

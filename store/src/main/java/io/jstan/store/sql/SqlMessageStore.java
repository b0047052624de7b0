package io.jstan.store.sql;

import com.google.protobuf.InvalidProtocolBufferException;
import io.jstan.store.ChannelLimits;
import io.jstan.store.LimitsWarning;
import io.jstan.store.MessageStore;
import io.jstan.store.MessageStoreState;
import io.jstan.store.NewMessages;
import io.jstan.store.RecentMessages;
import io.jstan.store.StoreException;
import io.jstan.store.proto.MsgProto;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A channel's messages in the Messages table, as nats-streaming-server keeps them: one row per
 * message under the channel's ID and the message's sequence, with its timestamp, its size and the
 * whole MsgProto encoded in data. A message counts for its encoded size, as in the MEMORY store.
 *
 * <p>The counters live in memory and bound every read. Limits remove the oldest messages in the
 * same transaction as the append that went over them. The last appended messages are also kept in
 * memory ({@link RecentMessages}, unless caching is off), for subscribers that keep up; one further
 * behind reads a {@link MessageWindow} of the messages that follow at a time. Writers are
 * one thread at a time (the Store contract); readers see the counters of the last completed write.
 */
final class SqlMessageStore implements MessageStore {

    private static final String INSERT = "INSERT INTO Messages (id, seq, timestamp, size, data) VALUES (?, ?, ?, ?, ?)";
    private static final String DELETE_UP_TO = "DELETE FROM Messages WHERE id=? AND seq<=?";
    private static final String LOOKUP = "SELECT data FROM Messages WHERE id=? AND seq=?";
    private static final String LOOKUP_WINDOW = "SELECT seq, data FROM Messages WHERE id=? AND seq>=? AND seq<=? ORDER BY seq";
    /** What a read-ahead window aims to hold: about this many bytes, and at most so many messages. */
    private static final long WINDOW_BYTES = 256 * 1024;
    private static final int WINDOW_MESSAGES = 1024;

    private final String channel;
    private final int channelId;
    private final ChannelLimits limits;
    private final SqlDatabase db;
    private final RecentMessages.Channel recent;
    private volatile MessageStoreState counters;
    private volatile MessageWindow window = MessageWindow.EMPTY;
    private boolean reportedLimits;

    SqlMessageStore(String channel, int channelId, ChannelLimits limits, MessageStoreState counters, SqlDatabase db,
            RecentMessages.Channel recent) {
        this.channel = channel;
        this.channelId = channelId;
        this.limits = limits;
        this.counters = counters;
        this.db = db;
        this.recent = recent;
    }

    @Override
    public void append(List<MsgProto> batch) {
        MessageStoreState current = counters;
        List<MsgProto> fresh = NewMessages.of(channel, current.lastSequence(), batch);
        if (fresh.isEmpty()) {
            return;
        }
        List<byte[]> encoded = new ArrayList<>(fresh.size());
        for (MsgProto message : fresh) {
            encoded.add(message.toByteArray());
        }
        Trimming trimming = db.call(database -> {
            Trimming result = trimmed(database, current, fresh.get(0).getSequence(), encoded);
            long first = result.counters().firstSequence();
            if (current.count() > 0 && first > current.firstSequence()) {
                database.update(DELETE_UP_TO, channelId, Math.min(first, fresh.get(0).getSequence()) - 1);
            }
            PreparedStatement insert = database.statement(INSERT);
            for (int i = 0; i < fresh.size(); i++) {
                MsgProto message = fresh.get(i);
                if (message.getSequence() >= first) {
                    insert.setInt(1, channelId);
                    insert.setLong(2, message.getSequence());
                    insert.setLong(3, message.getTimestamp());
                    insert.setInt(4, encoded.get(i).length);
                    insert.setBytes(5, encoded.get(i));
                    insert.addBatch();
                }
            }
            insert.executeBatch();
            return result;
        });
        counters = trimming.counters();
        if (recent != null) {
            recent.appended(fresh);
        }
        if (trimming.firstRemoval() != null && !reportedLimits) {
            reportedLimits = true;
            MessageStoreState reached = trimming.firstRemoval();
            LimitsWarning.log(channel, reached.count(), reached.bytes(), limits);
        }
    }

    /**
     * The counters once the appended messages are added one by one, max_msgs and max_bytes removing
     * the oldest after each (always keeping the last), as nats-streaming-server stores them; the
     * sizes of stored messages that go are read from the database, oldest first, as needed.
     */
    private Trimming trimmed(SqlDatabase database, MessageStoreState current, long from, List<byte[]> appended)
            throws SQLException {
        long count = current.count();
        long bytes = current.bytes();
        long first = count == 0 ? from : current.firstSequence();
        MessageStoreState firstRemoval = null;
        try (StoredSizes stored = new StoredSizes(database, count == 0 ? from : first)) {
            for (int i = 0; i < appended.size(); i++) {
                count++;
                bytes += appended.get(i).length;
                while (count > 1 && overLimits(count, bytes)) {
                    bytes -= first >= from ? appended.get((int) (first - from)).length : stored.next();
                    first++;
                    count--;
                    if (firstRemoval == null) {
                        firstRemoval = new MessageStoreState(count, bytes, first, from + i);
                    }
                }
            }
        }
        return new Trimming(new MessageStoreState(count, bytes, first, from + appended.size() - 1), firstRemoval);
    }

    /** Counters after limits removed messages, and as they were right after the first removal (null when none). */
    private record Trimming(MessageStoreState counters, MessageStoreState firstRemoval) {
    }

    private boolean overLimits(long count, long bytes) {
        return (limits.maxMsgs() > 0 && count > limits.maxMsgs()) || (limits.maxBytes() > 0 && bytes > limits.maxBytes());
    }

    /** The sizes of the stored messages from a sequence on, in order, read from the database only once asked for. */
    private final class StoredSizes implements AutoCloseable {
        private final SqlDatabase database;
        private final long from;
        private ResultSet sizes;

        StoredSizes(SqlDatabase database, long from) {
            this.database = database;
            this.from = from;
        }

        long next() throws SQLException {
            if (sizes == null) {
                PreparedStatement query = database.statement("SELECT size FROM Messages WHERE id=? AND seq>=? ORDER BY seq");
                query.setFetchSize(256);
                query.setInt(1, channelId);
                query.setLong(2, from);
                sizes = query.executeQuery();
            }
            if (!sizes.next()) {
                throw new SQLException("channel \"" + channel + "\" holds fewer messages than its counters say");
            }
            return sizes.getLong(1);
        }

        @Override
        public void close() throws SQLException {
            if (sizes != null) {
                sizes.close();
            }
        }
    }

    @Override
    public void removeUpTo(long sequence) {
        MessageStoreState current = counters;
        if (current.count() == 0 || sequence < current.firstSequence()) {
            return;
        }
        long upTo = Math.min(sequence, current.lastSequence());
        long removedBytes = db.call(database -> {
            long bytes = current.bytes();
            if (upTo < current.lastSequence()) {
                PreparedStatement query = database.statement("SELECT COALESCE(SUM(size), 0) FROM Messages WHERE id=? AND seq<=?");
                query.setInt(1, channelId);
                query.setLong(2, upTo);
                try (ResultSet result = query.executeQuery()) {
                    result.next();
                    bytes = result.getLong(1);
                }
            }
            database.update(DELETE_UP_TO, channelId, upTo);
            // So that a channel left without messages recovers its sequences.
            database.update("UPDATE Channels SET maxseq=? WHERE id=?", current.lastSequence(), channelId);
            return bytes;
        });
        counters = new MessageStoreState(current.count() - (upTo - current.firstSequence() + 1), current.bytes() - removedBytes,
                upTo + 1, current.lastSequence());
    }

    @Override
    public void empty() {
        db.run(database -> {
            database.update("DELETE FROM Messages WHERE id=?", channelId);
            database.update("UPDATE Channels SET maxseq=0 WHERE id=?", channelId);
            return null;
        });
        counters = new MessageStoreState(0, 0, 0, 0);
        clearCache();
        reportedLimits = false;
    }

    @Override
    public Optional<MsgProto> lookup(long sequence) {
        return stored(counters, sequence);
    }

    private Optional<MsgProto> stored(MessageStoreState bounds, long sequence) {
        if (bounds.count() == 0 || sequence < bounds.firstSequence() || sequence > bounds.lastSequence()) {
            return Optional.empty();
        }
        if (recent == null) {
            return lookupOne(sequence);
        }
        MsgProto cached = recent.get(sequence);
        if (cached != null) {
            return Optional.of(cached);
        }
        MessageWindow read = window;
        if (!read.covers(sequence)) {
            read = lookupWindow(bounds, sequence);
            window = read;
        }
        return read.get(sequence);
    }

    private Optional<MsgProto> lookupOne(long sequence) {
        byte[] data = db.call(database -> {
            PreparedStatement query = database.statement(LOOKUP);
            query.setInt(1, channelId);
            query.setLong(2, sequence);
            try (ResultSet result = query.executeQuery()) {
                return result.next() ? result.getBytes(1) : null;
            }
        });
        return data == null ? Optional.empty() : Optional.of(parse(sequence, data));
    }

    /** The stored messages from {@code sequence} on, as many as make about {@link #WINDOW_BYTES}. */
    private MessageWindow lookupWindow(MessageStoreState bounds, long sequence) {
        long averageSize = Math.max(1, bounds.bytes() / Math.max(1, bounds.count()));
        long last = Math.min(bounds.lastSequence(), sequence - 1 + Math.max(1, Math.min(WINDOW_MESSAGES, WINDOW_BYTES / averageSize)));
        MsgProto[] messages = new MsgProto[(int) (last - sequence + 1)];
        db.run(database -> {
            PreparedStatement query = database.statement(LOOKUP_WINDOW);
            query.setInt(1, channelId);
            query.setLong(2, sequence);
            query.setLong(3, last);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    long found = result.getLong(1);
                    messages[(int) (found - sequence)] = parse(found, result.getBytes(2));
                }
            }
            return null;
        });
        return new MessageWindow(sequence, messages);
    }

    private MsgProto parse(long sequence, byte[] data) {
        try {
            return MsgProto.parseFrom(data);
        } catch (InvalidProtocolBufferException e) {
            throw new StoreException(StoreException.Kind.FAILED, "sql: message " + sequence + " of channel \"" + channel
                    + "\" cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public long firstSequence() {
        return counters.firstSequence();
    }

    @Override
    public long lastSequence() {
        return counters.lastSequence();
    }

    @Override
    public long sequenceAtOrAfter(long timestampNanos) {
        MessageStoreState bounds = counters;
        if (bounds.lastSequence() == 0) {
            return 0;
        }
        if (bounds.count() == 0) {
            return bounds.lastSequence() + 1;
        }
        Long found = db.call(database -> {
            PreparedStatement query = database.statement(
                    "SELECT seq FROM Messages WHERE id=? AND seq>=? AND timestamp>=? ORDER BY seq LIMIT 1");
            query.setInt(1, channelId);
            query.setLong(2, bounds.firstSequence());
            query.setLong(3, timestampNanos);
            try (ResultSet result = query.executeQuery()) {
                return result.next() ? result.getLong(1) : null;
            }
        });
        return found == null || found > bounds.lastSequence() ? bounds.lastSequence() + 1 : found;
    }

    @Override
    public Optional<MsgProto> firstMessage() {
        MessageStoreState bounds = counters;
        return stored(bounds, bounds.firstSequence());
    }

    @Override
    public Optional<MsgProto> lastMessage() {
        MessageStoreState bounds = counters;
        return stored(bounds, bounds.lastSequence());
    }

    @Override
    public MessageStoreState state() {
        return counters;
    }

    /** Forgets the cached messages: the channel was emptied or deleted. */
    void clearCache() {
        window = MessageWindow.EMPTY;
        if (recent != null) {
            recent.clear();
        }
    }
}

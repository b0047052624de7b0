package io.jstan.store.sql;

import com.google.protobuf.InvalidProtocolBufferException;
import io.jstan.store.ChannelLimits;
import io.jstan.store.MessageStoreState;
import io.jstan.store.RecentMessages;
import io.jstan.store.RecoveredChannel;
import io.jstan.store.RecoveredSubscription;
import io.jstan.store.StoreException;
import io.jstan.store.StoreLimits;
import io.jstan.store.proto.ClientInfo;
import io.jstan.store.proto.ServerInfo;
import io.jstan.store.proto.SubState;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what the database holds, written by jstan or by nats-streaming-server: server info, clients,
 * channels with their message counters (no message is read), subscriptions and pending messages.
 * Leftovers of nats-streaming-server's deferred deletions (rows marked deleted) are removed, and
 * each subscription's pending rows are written again as few as they can be; that work is committed.
 */
final class SqlRecovery {

    /** What was recovered; no server info means nothing was stored yet. */
    record Result(Optional<ServerInfo> serverInfo, List<ClientInfo> clients, Map<String, SqlChannelStore> channels,
            Map<String, RecoveredChannel> recovered, int highestChannelId) {
    }

    private final SqlDatabase db;
    private final StoreLimits limits;
    private final SubscriptionKeys keys;
    private final RecentMessages recent;

    SqlRecovery(SqlDatabase db, StoreLimits limits, SubscriptionKeys keys, RecentMessages recent) {
        this.db = db;
        this.limits = limits;
        this.keys = keys;
        this.recent = recent;
    }

    Result recover() {
        Result result = db.call(this::read);
        db.commit();
        return result;
    }

    private Result read(SqlDatabase database) throws SQLException {
        int highestChannelId = queryLong(database, "SELECT COALESCE(MAX(id), 0) FROM Channels").intValue();
        Optional<ServerInfo> info = serverInfo(database);
        if (info.isEmpty()) {
            if (highestChannelId > 0) {
                throw new StoreException(StoreException.Kind.FAILED, "no server state recovered but channels present", null);
            }
            return new Result(Optional.empty(), List.of(), Map.of(), Map.of(), 0);
        }
        removeDeleted(database);
        List<ClientInfo> clients = clients(database);
        Map<String, SqlChannelStore> channels = new HashMap<>();
        Map<String, RecoveredChannel> recovered = new HashMap<>();
        List<Object[]> rows = new ArrayList<>();
        try (ResultSet result = database.statement("SELECT id, name, maxseq FROM Channels WHERE deleted=FALSE").executeQuery()) {
            while (result.next()) {
                rows.add(new Object[] {result.getInt(1), result.getString(2), result.getLong(3)});
            }
        }
        for (Object[] row : rows) {
            int id = (Integer) row[0];
            String name = (String) row[1];
            ChannelLimits channelLimits = limits.channelLimits(name);
            updateLimits(database, id, channelLimits);
            Map<Long, SqlSubscriptionStore.Stored> stored = new HashMap<>();
            Map<Long, PendingRowBook> books = new HashMap<>();
            List<RecoveredSubscription> subscriptions = new ArrayList<>();
            long highestSent = subscriptions(database, id, stored, books, subscriptions);
            MessageStoreState counters = counters(database, id, Math.max((Long) row[2], highestSent));
            SqlMessageStore messages = new SqlMessageStore(name, id, channelLimits, counters, db,
                    recent == null ? null : recent.channel());
            SqlSubscriptionStore subs = new SqlSubscriptionStore(id, channelLimits.maxSubscriptions(), stored, books, db, keys);
            SqlChannelStore channel = new SqlChannelStore(name, id, channelLimits, messages, subs);
            channels.put(name, channel);
            recovered.put(name, new RecoveredChannel(channel, subscriptions));
        }
        return new Result(info, clients, channels, recovered, highestChannelId);
    }

    private static Optional<ServerInfo> serverInfo(SqlDatabase database) throws SQLException {
        try (ResultSet result = database.statement("SELECT id, proto, version FROM ServerInfo WHERE uniquerow=1").executeQuery()) {
            if (!result.next()) {
                return Optional.empty();
            }
            String clusterId = result.getString(1);
            byte[] proto = result.getBytes(2);
            int version = result.getInt(3);
            if (version != SqlSchema.VERSION) {
                throw new StoreException(StoreException.Kind.FAILED, "sql: unsupported version: " + version
                        + " (supports [1.." + SqlSchema.VERSION + "])", null);
            }
            ServerInfo info = parse(() -> ServerInfo.parseFrom(proto), "the server info");
            if (!info.getClusterID().equals(clusterId)) {
                throw new StoreException(StoreException.Kind.FAILED, "sql: id \"" + clusterId
                        + "\" in column does not match cluster ID in data \"" + info.getClusterID() + "\"", null);
            }
            return Optional.of(info);
        }
    }

    /** Completes nats-streaming-server's deferred deletions of channels and subscriptions. */
    private static void removeDeleted(SqlDatabase database) throws SQLException {
        List<Integer> deleted = new ArrayList<>();
        try (ResultSet result = database.statement("SELECT id FROM Channels WHERE deleted=TRUE").executeQuery()) {
            while (result.next()) {
                deleted.add(result.getInt(1));
            }
        }
        for (int id : deleted) {
            deleteChannelRows(database, id);
        }
        database.update("DELETE FROM SubsPending WHERE subid IN (SELECT subid FROM Subscriptions WHERE deleted=TRUE)");
        database.update("DELETE FROM Subscriptions WHERE deleted=TRUE");
    }

    /** Removes every row of a channel. */
    static void deleteChannelRows(SqlDatabase database, int id) throws SQLException {
        database.update("DELETE FROM SubsPending WHERE subid IN (SELECT subid FROM Subscriptions WHERE id=?)", id);
        database.update("DELETE FROM Subscriptions WHERE id=?", id);
        database.update("DELETE FROM Messages WHERE id=?", id);
        database.update("DELETE FROM Channels WHERE id=?", id);
    }

    private static List<ClientInfo> clients(SqlDatabase database) throws SQLException {
        List<ClientInfo> clients = new ArrayList<>();
        try (ResultSet result = database.statement("SELECT id, hbinbox, proto FROM Clients").executeQuery()) {
            while (result.next()) {
                String id = result.getString(1);
                String hbInbox = result.getString(2);
                byte[] proto = result.getBytes(3);
                clients.add(proto == null || proto.length == 0
                        ? ClientInfo.newBuilder().setID(id).setHbInbox(hbInbox == null ? "" : hbInbox).build()
                        : parse(() -> ClientInfo.parseFrom(proto), "client \"" + id + "\""));
            }
        }
        return clients;
    }

    /** Records the limits the channel has from now on, as nats-streaming-server does at recovery. */
    private static void updateLimits(SqlDatabase database, int id, ChannelLimits limits) throws SQLException {
        database.update("UPDATE Channels SET maxmsgs=?, maxbytes=?, maxage=? WHERE id=?",
                SqlStore.columnMaxMsgs(limits), limits.maxBytes(), limits.maxAge().toNanos(), id);
    }

    /**
     * The channel's subscriptions with their pending messages; returns the highest sent sequence,
     * which the channel's sequences must reach.
     */
    private long subscriptions(SqlDatabase database, int channelId, Map<Long, SqlSubscriptionStore.Stored> stored,
            Map<Long, PendingRowBook> books,
            List<RecoveredSubscription> recovered) throws SQLException {
        long highestSent = 0;
        List<Object[]> rows = new ArrayList<>();
        PreparedStatement query = database.statement("SELECT subid, lastsent, proto FROM Subscriptions WHERE id=? AND deleted=FALSE");
        query.setInt(1, channelId);
        try (ResultSet result = query.executeQuery()) {
            while (result.next()) {
                rows.add(new Object[] {result.getLong(1), result.getLong(2), result.getBytes(3)});
            }
        }
        for (Object[] row : rows) {
            long key = (Long) row[0];
            long lastSent = (Long) row[1];
            byte[] proto = (byte[]) row[2];
            keys.recovered(key);
            highestSent = Math.max(highestSent, lastSent);
            if (proto == null) {
                continue;
            }
            SubState sub = parse(() -> SubState.parseFrom(proto), "subscription " + key);
            PendingRows pending = pendingRows(database, key);
            long sent = Math.max(sub.getLastSent(), Math.max(lastSent, pending.lastSent()));
            books.put(key, rewrite(database, key, pending, sent));
            if (sent > lastSent) {
                database.update("UPDATE Subscriptions SET lastsent=? WHERE id=? AND subid=?", sent, channelId, key);
            }
            SubState state = sent > sub.getLastSent() ? sub.toBuilder().setLastSent(sent).build() : sub;
            highestSent = Math.max(highestSent, sent);
            stored.put(state.getID(), new SqlSubscriptionStore.Stored(state, key));
            recovered.add(new RecoveredSubscription(state, pending.pending()));
        }
        return highestSent;
    }

    private static PendingRows pendingRows(SqlDatabase database, long key) throws SQLException {
        String row = database.dialect().row();
        PreparedStatement query = database.statement("SELECT seq, lastsent, pending, acks FROM SubsPending WHERE subid=? ORDER BY " + row);
        query.setLong(1, key);
        PendingRows pending = new PendingRows();
        try (ResultSet result = query.executeQuery()) {
            while (result.next()) {
                pending.add(result.getLong(1), result.getLong(2), result.getBytes(3), result.getBytes(4));
            }
        }
        return pending;
    }

    /**
     * Writes a subscription's pending sequences again as the rows of a new book, so that the rows
     * of earlier runs (nats-streaming-server's of either form too) are not kept for ever.
     */
    private static PendingRowBook rewrite(SqlDatabase database, long key, PendingRows pending, long lastSent)
            throws SQLException {
        PendingRowBook book = new PendingRowBook();
        if (pending.rows() > 0) {
            database.update("DELETE FROM SubsPending WHERE subid=?", key);
            SqlSubscriptionStore.insert(database, key,
                    book.sent(pending.pending().stream().mapToLong(Long::longValue).toArray()), lastSent);
        }
        return book;
    }

    /**
     * The counters of the channel's messages, from the Messages table without reading any message;
     * {@code highestKnown} (the sequence the channel row or a subscription reached) is the last
     * sequence where it is above the last stored message: every message was removed then.
     */
    private static MessageStoreState counters(SqlDatabase database, int id, long highestKnown) throws SQLException {
        PreparedStatement query = database.statement(
                "SELECT COUNT(seq), COALESCE(MIN(seq), 0), COALESCE(MAX(seq), 0), COALESCE(SUM(size), 0) FROM Messages WHERE id=?");
        query.setInt(1, id);
        long count;
        long first;
        long last;
        long bytes;
        try (ResultSet result = query.executeQuery()) {
            result.next();
            count = result.getLong(1);
            first = result.getLong(2);
            last = result.getLong(3);
            bytes = result.getLong(4);
        }
        if (highestKnown > last) {
            if (count > 0) {
                database.update("DELETE FROM Messages WHERE id=?", id);
            }
            return new MessageStoreState(0, 0, highestKnown + 1, highestKnown);
        }
        return new MessageStoreState(count, bytes, first, last);
    }

    private static Long queryLong(SqlDatabase database, String sql) throws SQLException {
        try (ResultSet result = database.statement(sql).executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }

    @FunctionalInterface
    private interface Parse<T> {
        T parse() throws InvalidProtocolBufferException;
    }

    private static <T> T parse(Parse<T> parse, String what) {
        try {
            return parse.parse();
        } catch (InvalidProtocolBufferException e) {
            throw new StoreException(StoreException.Kind.FAILED, "sql: " + what + " cannot be read: " + e.getMessage(), e);
        }
    }
}

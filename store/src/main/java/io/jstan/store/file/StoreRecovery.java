package io.jstan.store.file;

import io.jstan.store.ChannelLimits;
import io.jstan.store.RecentMessages;
import io.jstan.store.RecoveredSubscription;
import io.jstan.store.StoreException;
import io.jstan.store.StoreLimits;
import io.jstan.store.file.StoreDatabase.Family;
import io.jstan.store.proto.ClientInfo;
import io.jstan.store.proto.ServerInfo;
import io.jstan.store.proto.SubState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what a FILE store holds: server info, clients, and each channel's record, subscriptions and
 * pending messages; channels several at a time with the parallel recovery option. Messages are
 * not read: the channel records carry their counters.
 */
final class StoreRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(StoreRecovery.class);

    /** A recovered channel, ready for use, and its subscriptions with their pending messages. */
    record Channel(FileChannelStore store, List<RecoveredSubscription> subscriptions) {
    }

    /** What the store holds; no server info when it holds no state yet. */
    record Result(Optional<ServerInfo> serverInfo, List<ClientInfo> clients, Map<String, Channel> channels, ChannelIds channelIds) {
    }

    private final StoreDatabase db;
    private final ChecksummedValues values;
    private final RecentMessages recent;
    private final StoreLimits limits;

    StoreRecovery(StoreDatabase db, ChecksummedValues values, RecentMessages recent, StoreLimits limits) {
        this.db = db;
        this.values = values;
        this.recent = recent;
        this.limits = limits;
    }

    /**
     * @param start when the recovery started, on {@link System#nanoTime()}
     * @throws StoreException {@link StoreException.Kind#FAILED} when a record cannot be read
     */
    Result recover(int parallelism, long start) {
        Optional<ServerInfo> serverInfo = Optional.ofNullable(db.get(Family.STORE, Keys.SERVER_INFO))
                .map(value -> values.open(value, ServerInfo.parser()::parseFrom, () -> "the server info"));
        List<ClientInfo> clients = new ArrayList<>();
        try (StoreDatabase.Cursor cursor = db.cursor(Family.CLIENTS, new byte[0], null)) {
            while (cursor.next()) {
                String id = Keys.name(cursor.key());
                clients.add(values.open(cursor.value(), ClientInfo.parser()::parseFrom, () -> "client \"" + id + "\""));
            }
        }
        Map<String, ChannelRecord> records = channelRecords();
        RecoveryProgress progress = new RecoveryProgress(start, records.size(), System::nanoTime, LOG::info);
        Map<String, Channel> channels = new ConcurrentHashMap<>();
        forEach(records, parallelism, (name, record) -> {
            channels.put(name, channel(name, record));
            progress.channelDone();
        });
        progress.finished();
        return new Result(serverInfo, clients, channels, ChannelIds.recover(db, values));
    }

    private Map<String, ChannelRecord> channelRecords() {
        Map<String, ChannelRecord> records = new LinkedHashMap<>();
        try (StoreDatabase.Cursor cursor = db.cursor(Family.CHANNELS, new byte[0], null)) {
            while (cursor.next()) {
                String name = Keys.name(cursor.key());
                records.put(name, values.open(cursor.value(), ChannelRecord::decode, () -> "the record of channel \"" + name + "\""));
            }
        }
        return records;
    }

    private Channel channel(String name, ChannelRecord record) {
        byte[] prefix = Keys.channel(record.id());
        byte[] end = Keys.prefixEnd(prefix);
        Map<Long, SubState> states = new HashMap<>();
        try (StoreDatabase.Cursor cursor = db.cursor(Family.SUBSCRIPTIONS, prefix, end)) {
            while (cursor.next()) {
                long id = Keys.longAt(cursor.key(), 1);
                states.put(id, values.open(cursor.value(), SubState.parser()::parseFrom,
                        () -> "subscription " + id + " of channel \"" + name + "\""));
            }
        }
        Map<Long, SortedSet<Long>> pending = new HashMap<>();
        try (StoreDatabase.Cursor cursor = db.cursor(Family.PENDING, prefix, end)) {
            while (cursor.next()) {
                byte[] key = cursor.key();
                pending.computeIfAbsent(Keys.longAt(key, 1), id -> new TreeSet<>()).add(Keys.longAt(key, 2));
            }
        }
        List<RecoveredSubscription> subscriptions = new ArrayList<>();
        states.forEach((id, state) -> subscriptions.add(new RecoveredSubscription(state, pending.getOrDefault(id, new TreeSet<>()))));
        ChannelLimits channelLimits = limits.channelLimits(name);
        return new Channel(FileChannelStore.create(name, channelLimits, record, states, db, values, recent), subscriptions);
    }

    private static void forEach(Map<String, ChannelRecord> records, int parallelism, ChannelTask task) {
        if (parallelism == 1 || records.size() < 2) {
            records.forEach(task::run);
            return;
        }
        ExecutorService executor = Executors.newFixedThreadPool(Math.min(parallelism, records.size()), runnable -> {
            Thread thread = new Thread(runnable, "jstan-file-recovery");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            records.forEach((name, record) -> futures.add(executor.submit(() -> task.run(name, record))));
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new StoreException(StoreException.Kind.FAILED, "recovery failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(StoreException.Kind.FAILED, "recovery interrupted", e);
        } finally {
            executor.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface ChannelTask {
        void run(String name, ChannelRecord record);
    }
}

package io.jstan.store.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.jstan.store.ChannelLimits;
import io.jstan.store.ChannelStore;
import io.jstan.store.MessageStore;
import io.jstan.store.MessageStoreState;
import io.jstan.store.RecoveredChannel;
import io.jstan.store.RecoveredState;
import io.jstan.store.RecoveredSubscription;
import io.jstan.store.StoreException;
import io.jstan.store.StoreLimits;
import io.jstan.store.SubscriptionStore;
import io.jstan.store.proto.ClientInfo;
import io.jstan.store.proto.MsgProto;
import io.jstan.store.proto.ServerInfo;
import io.jstan.store.proto.SubState;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.RocksDBException;

class FileStoreTest {

    private static final ServerInfo SERVER_INFO = ServerInfo.newBuilder().setClusterID("test-cluster").setNodeID("a").build();

    private static final int LARGE_MESSAGE_DATA = 64 * 1024;

    @TempDir
    Path dir;

    private FileStore store;

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void creatingAStoreTouchesNothingOnDisk() {
        Path missing = dir.resolve("missing");
        store = new FileStore(missing, FileStoreOptions.DEFAULTS);
        store.close();
        assertFalse(Files.exists(missing));
    }

    @Test
    void aDirectoryWithoutStateRecoversNothing() {
        assertTrue(open(StoreLimits.DEFAULTS).isEmpty());
        assertTrue(Files.isDirectory(dir.resolve(FileStore.DATABASE_DIR)));
    }

    @Test
    void everyKindOfRecordIsRecoveredWithoutAnExplicitFlush() {
        open(StoreLimits.DEFAULTS);
        store.init(SERVER_INFO);
        ClientInfo client = ClientInfo.newBuilder().setID("me").setHbInbox("hb").setConnID(ByteString.copyFromUtf8("c")).build();
        store.addClient(client);
        ChannelStore foo = store.createChannel("foo");
        foo.messages().append(messages(1, 5));
        SubState sub = sub(1).toBuilder().setDurableName("dur").setIsDurable(true).build();
        foo.subscriptions().create(sub);
        foo.subscriptions().recordSent(1, new long[] {1, 2, 3});
        foo.subscriptions().recordAcked(1, new long[] {2});
        store.createChannel("bar");

        RecoveredState state = reopen(StoreLimits.DEFAULTS);

        assertEquals(SERVER_INFO, state.serverInfo());
        assertEquals(List.of(client), state.clients());
        assertEquals(Set.of("foo", "bar"), state.channels().keySet());
        RecoveredChannel recoveredFoo = state.channels().get("foo");
        for (MsgProto message : messages(1, 5)) {
            assertEquals(Optional.of(message), recoveredFoo.channel().messages().lookup(message.getSequence()));
        }
        assertEquals(new MessageStoreState(5, bytes(messages(1, 5)), 1, 5), recoveredFoo.channel().messages().state());
        RecoveredSubscription recoveredSub = recoveredFoo.subscriptions().get(0);
        assertEquals(sub.toBuilder().setLastSent(3).build(), recoveredSub.state());
        assertEquals(new TreeSet<>(List.of(1L, 3L)), recoveredSub.pending());
        assertEquals(new MessageStoreState(0, 0, 0, 0), state.channels().get("bar").channel().messages().state());
    }

    @Test
    void lastSentAdvancedBySendingSurvivesARestartAndNeverGoesBack() {
        open(StoreLimits.DEFAULTS);
        store.init(SERVER_INFO);
        SubscriptionStore subs = channelWith("foo", 1, 9).subscriptions();
        subs.create(sub(1));
        subs.recordSent(1, new long[] {3, 7, 5});
        subs.recordAcked(1, new long[] {7});
        subs.update(sub(1).toBuilder().setLastSent(2).setMaxInFlight(10).build());

        RecoveredSubscription recovered = reopen(StoreLimits.DEFAULTS).channels().get("foo").subscriptions().get(0);

        assertEquals(sub(1).toBuilder().setLastSent(7).setMaxInFlight(10).build(), recovered.state());
        assertEquals(new TreeSet<>(List.of(3L, 5L)), recovered.pending());
    }

    @Test
    void aCorruptMessageIsReportedWithItsChannelAndSequenceAndNeverReturned() throws RocksDBException {
        open(StoreLimits.DEFAULTS);
        store.init(SERVER_INFO);
        channelWith("foo", 1, 3);
        store.close();
        flipLastByte("messages", Keys.message(1, 2));

        MessageStore messages = reopen(StoreLimits.DEFAULTS).channels().get("foo").channel().messages();

        StoreException failure = assertThrows(StoreException.class, () -> messages.lookup(2));
        assertEquals(StoreException.Kind.FAILED, failure.kind());
        assertTrue(failure.getMessage().startsWith("message 2 of channel \"foo\" is corrupt: CRC-32 mismatch"), failure.getMessage());
        assertEquals(Optional.of(messages(1, 1).get(0)), messages.lookup(1));
        assertEquals(Optional.of(messages(3, 3).get(0)), messages.lookup(3));
    }

    @Test
    void withoutTheCrcOptionReadsDoNotCheck() throws RocksDBException {
        open(StoreLimits.DEFAULTS);
        store.init(SERVER_INFO);
        channelWith("foo", 1, 3);
        store.close();
        flipLastByte("messages", Keys.message(1, 2));

        store = new FileStore(dir, FileStoreOptions.DEFAULTS.withCrc(false));
        MessageStore messages = store.recover().orElseThrow().channels().get("foo").channel().messages();

        assertEquals(2, messages.lookup(2).orElseThrow().getSequence());
    }

    @Test
    void aCorruptChannelRecordFailsTheRecovery() throws RocksDBException {
        open(StoreLimits.DEFAULTS);
        store.init(SERVER_INFO);
        channelWith("foo", 1, 3);
        store.close();
        flipLastByte("channels", Keys.name("foo"));

        store = new FileStore(dir, FileStoreOptions.DEFAULTS);
        StoreException failure = assertThrows(StoreException.class, store::recover);
        assertTrue(failure.getMessage().startsWith("the record of channel \"foo\" is corrupt"), failure.getMessage());
    }

    @Test
    void aStoreWrittenWithAnotherPolynomialReadsAsCorrupt() {
        long castagnoli = 0x82f6_3b78L;
        store = new FileStore(dir, FileStoreOptions.DEFAULTS.withCrcPolynomial(castagnoli));
        store.recover();
        store.init(SERVER_INFO);
        channelWith("foo", 1, 3);
        store.close();

        store = new FileStore(dir, FileStoreOptions.DEFAULTS.withCrcPolynomial(castagnoli));
        assertEquals(3, store.recover().orElseThrow().channels().get("foo").channel().messages().state().count());
        store.close();
        store = new FileStore(dir, FileStoreOptions.DEFAULTS);
        StoreException failure = assertThrows(StoreException.class, store::recover);
        assertTrue(failure.getMessage().startsWith("the server info is corrupt"), failure.getMessage());
    }

    @Test
    void aCheckpointTakenWhileServingIsOpenedAsAStore() {
        open(StoreLimits.DEFAULTS);
        store.init(SERVER_INFO);
        store.addClient(client("me"));
        ChannelStore foo = channelWith("foo", 1, 5);
        foo.subscriptions().create(sub(1));
        foo.subscriptions().recordSent(1, new long[] {4, 5});
        Path target = dir.resolve("snapshot");

        store.snapshot(target);
        foo.messages().append(messages(6, 8));
        foo.subscriptions().recordAcked(1, new long[] {4});
        store.deleteClient("me");

        try (FileStore copy = new FileStore(target, FileStoreOptions.DEFAULTS)) {
            RecoveredState state = copy.recover().orElseThrow();
            assertEquals(List.of(client("me")), state.clients());
            RecoveredChannel recoveredFoo = state.channels().get("foo");
            assertEquals(new MessageStoreState(5, bytes(messages(1, 5)), 1, 5), recoveredFoo.channel().messages().state());
            assertEquals(Optional.of(messages(5, 5).get(0)), recoveredFoo.channel().messages().lookup(5));
            assertEquals(new TreeSet<>(List.of(4L, 5L)), recoveredFoo.subscriptions().get(0).pending());
        }
        assertEquals(8, foo.messages().lastSequence());
    }

    @Test
    void aSecondStoreOnTheDirectoryNeitherGetsTheLockNorDisturbsTheHolder() {
        open(StoreLimits.DEFAULTS);
        assertTrue(store.tryExclusiveLock());
        store.init(SERVER_INFO);
        MessageStore messages = channelWith("foo", 1, 2).messages();

        try (FileStore standby = new FileStore(dir, FileStoreOptions.DEFAULTS)) {
            assertFalse(standby.tryExclusiveLock());
            assertFalse(standby.tryExclusiveLock());
        }

        messages.append(messages(3, 3));
        assertTrue(store.tryExclusiveLock());
        assertEquals(3, reopen(StoreLimits.DEFAULTS).channels().get("foo").channel().messages().lastSequence());
    }

    @Test
    void aChannelDeletedAndCreatedAgainShowsNoOldRecordAfterARestart() throws RocksDBException {
        open(StoreLimits.DEFAULTS);
        store.init(SERVER_INFO);
        ChannelStore old = channelWith("foo", 1, 5);
        old.subscriptions().create(sub(1));
        old.subscriptions().recordSent(1, new long[] {1, 2});
        store.deleteChannel("foo");
        channelWith("foo", 1, 2);

        RecoveredChannel foo = reopen(StoreLimits.DEFAULTS).channels().get("foo");

        assertEquals(new MessageStoreState(2, bytes(messages(1, 2)), 1, 2), foo.channel().messages().state());
        assertTrue(foo.channel().messages().lookup(3).isEmpty());
        assertTrue(foo.subscriptions().isEmpty());
        store.close();
        try (RawRocksDb db = new RawRocksDb(dir)) {
            for (String family : List.of("messages", "subscriptions", "pending")) {
                assertEquals(0, keysOfChannel(db, family, 1), family + " of the deleted channel");
            }
            assertEquals(2, keysOfChannel(db, "messages", 2));
        }
    }

    @Test
    void countersLeftByRangeDeletesAreRightAcrossARestart() throws RocksDBException {
        long maxBytes = bytes(messages(91, 100));
        StoreLimits limits = StoreLimits.builder().global(ChannelLimits.DEFAULTS.withMaxMsgs(20).withMaxBytes(maxBytes)).build();
        open(limits);
        store.init(SERVER_INFO);
        MessageStore byMsgs = store.createChannel("msgs").messages();
        MessageStore expired = store.createChannel("expired").messages();
        for (long from = 1; from <= 100; from += 7) {
            byMsgs.append(messages(from, Math.min(from + 6, 100)));
            expired.append(messages(from, Math.min(from + 6, 100)));
        }
        expired.removeUpTo(60);
        MessageStoreState byMsgsState = byMsgs.state();
        MessageStoreState expiredState = expired.state();

        RecoveredState state = reopen(limits);

        MessageStore recoveredByMsgs = state.channels().get("msgs").channel().messages();
        assertEquals(byMsgsState, recoveredByMsgs.state());
        assertEquals(new MessageStoreState(10, maxBytes, 91, 100), byMsgsState);
        assertEquals(expiredState, state.channels().get("expired").channel().messages().state());
        recoveredByMsgs.append(messages(101, 101));
        assertEquals(new MessageStoreState(9, bytes(messages(93, 101)), 93, 101), recoveredByMsgs.state(),
                "message 101 is one byte longer: max_bytes removes two");
    }

    @Test
    void aChannelAtItsLimitCountsTheBytesOfWhatItRemovesAcrossManyReadAheads() {
        int maxMsgs = 2 * OldestMessageSizes.READ_AHEAD + 100;
        open(StoreLimits.builder().global(ChannelLimits.DEFAULTS.withMaxMsgs(maxMsgs)).build());
        store.init(SERVER_INFO);
        MessageStore messages = store.createChannel("foo").messages();
        List<MsgProto> appended = new ArrayList<>();
        long last = 3L * maxMsgs;
        for (long from = 1; from <= last; from += 13) {
            List<MsgProto> batch = messages(from, Math.min(from + 12, last)).stream()
                    .map(message -> message.toBuilder().setData(ByteString.copyFrom(new byte[(int) (message.getSequence() % 97)])).build())
                    .toList();
            messages.append(batch);
            appended.addAll(batch);
            long first = Math.max(1, appended.size() - maxMsgs + 1);
            assertEquals(new MessageStoreState(appended.size() - first + 1, bytes(appended.subList((int) first - 1, appended.size())),
                    first, appended.size()), messages.state());
        }
        messages.removeUpTo(last - 10);
        assertEquals(new MessageStoreState(10, bytes(appended.subList((int) last - 10, (int) last)), last - 9, last), messages.state());
    }

    @Test
    void removedMessagesAreRangeDeletedOnceTheyAddUpToAMegabyte() throws RocksDBException {
        StoreLimits limits = StoreLimits.builder().global(ChannelLimits.DEFAULTS.withMaxMsgs(2)).build();
        open(limits);
        store.init(SERVER_INFO);
        appendLargeOneByOne(store.createChannel("foo").messages(), 1, 40);
        store.close();
        assertFewRemovedMessagesStored(39, 38);

        MessageStore recovered = open(limits).orElseThrow().channels().get("foo").channel().messages();
        appendLargeOneByOne(recovered, 41, 60);
        assertTrue(recovered.lookup(58).isEmpty());
        store.close();
        assertFewRemovedMessagesStored(59, 58);
    }

    private static void appendLargeOneByOne(MessageStore messages, long from, long to) {
        ByteString data = ByteString.copyFrom(new byte[LARGE_MESSAGE_DATA]);
        for (MsgProto message : messages(from, to)) {
            messages.append(List.of(message.toBuilder().setData(data).build()));
        }
    }

    private void assertFewRemovedMessagesStored(long first, long removed) throws RocksDBException {
        try (RawRocksDb db = new RawRocksDb(dir)) {
            long stored = db.count("messages", Keys.message(1, 0), Keys.message(1, first));
            assertTrue(stored <= UnpurgedMessages.PURGE_BYTES / LARGE_MESSAGE_DATA + 1 && stored < removed,
                    stored + " of " + removed + " removed messages are still stored");
            assertEquals(2, db.count("messages", Keys.message(1, first), Keys.message(2, 0)));
        }
    }

    @Test
    void sequencesStoredAgainAfterEmptyingShowTheNewMessagesOnly() {
        open(StoreLimits.DEFAULTS);
        store.init(SERVER_INFO);
        MessageStore foo = channelWith("foo", 1, 5).messages();
        foo.empty();
        List<MsgProto> again = messages(1, 3).stream()
                .map(message -> message.toBuilder().setData(ByteString.copyFromUtf8("again")).build())
                .toList();
        foo.append(again);
        assertShowsOnly(again, foo);

        MessageStore recovered = reopen(StoreLimits.DEFAULTS).channels().get("foo").channel().messages();

        assertShowsOnly(again, recovered);
        recovered.append(messages(4, 4));
        recovered.removeUpTo(3);
        assertEquals(new MessageStoreState(1, bytes(messages(4, 4)), 4, 4), recovered.state());
        assertEquals(Optional.of(messages(4, 4).get(0)), recovered.lookup(4));
    }

    private static void assertShowsOnly(List<MsgProto> expected, MessageStore messages) {
        assertEquals(new MessageStoreState(expected.size(), bytes(expected), 1, expected.size()), messages.state());
        for (MsgProto message : expected) {
            assertEquals(Optional.of(message), messages.lookup(message.getSequence()));
        }
        assertTrue(messages.lookup(expected.size() + 1).isEmpty());
    }

    @Test
    void channelsAreRecoveredInParallel() {
        open(StoreLimits.DEFAULTS);
        store.init(SERVER_INFO);
        for (int i = 0; i < 10; i++) {
            ChannelStore channel = channelWith("foo." + i, 1, i + 1);
            channel.subscriptions().create(sub(1));
            channel.subscriptions().recordSent(1, new long[] {i + 1});
        }
        store.close();

        store = new FileStore(dir, FileStoreOptions.DEFAULTS.withParallelRecovery(4));
        Map<String, RecoveredChannel> channels = store.recover().orElseThrow().channels();

        assertEquals(10, channels.size());
        for (int i = 0; i < 10; i++) {
            RecoveredChannel channel = channels.get("foo." + i);
            assertEquals(i + 1, channel.channel().messages().lastSequence());
            assertEquals(Set.of((long) i + 1), channel.subscriptions().get(0).pending());
        }
    }

    @Test
    void aTornWriteAtTheEndOfTheLogIsDroppedAtRecovery() throws IOException {
        tenMessagesInTheLog();
        Path log = newestLog();
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "rw")) {
            file.setLength(file.length() - 20);
        }

        MessageStore foo = open(StoreLimits.DEFAULTS).orElseThrow().channels().get("foo").channel().messages();

        assertEquals(9, foo.lastSequence(), "the last write, unfinished, was never flushed");
    }

    @Test
    void aCorruptLogFailsTheRecoveryUnlessTruncateBadEofDropsItsRest() throws IOException {
        tenMessagesInTheLog();
        Path log = newestLog();
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "rw")) {
            file.seek(file.length() / 2);
            int middle = file.read();
            file.seek(file.length() / 2);
            file.write(middle ^ 0xff);
        }

        store = new FileStore(dir, FileStoreOptions.DEFAULTS);
        StoreException failure = assertThrows(StoreException.class, store::recover);
        assertTrue(failure.getMessage().endsWith("(file_truncate_bad_eof drops the write-ahead log from a corrupt record on)"),
                failure.getMessage());
        store.close();
        store = new FileStore(dir, FileStoreOptions.DEFAULTS.withTruncateBadEof(true));
        long last = store.recover().orElseThrow().channels().get("foo").channel().messages().lastSequence();
        assertTrue(last > 0 && last < 10, "recovered up to " + last);
    }

    @Test
    void aClosedStoreFailsInsteadOfTouchingTheDatabase() {
        open(StoreLimits.DEFAULTS);
        MessageStore messages = channelWith("foo", 1, 2).messages();
        store.close();
        assertThrows(StoreException.class, () -> messages.lookup(1));
        assertThrows(StoreException.class, () -> messages.append(messages(3, 3)));
        assertThrows(StoreException.class, () -> store.createChannel("bar"));
    }

    @Test
    void aNatsStreamingFileStoreIsRefusedAndLeftAsItWas() throws IOException {
        Files.createFile(dir.resolve("server.dat"));
        store = new FileStore(dir, FileStoreOptions.DEFAULTS);
        assertTrue(store.tryExclusiveLock());
        StoreException failure = assertThrows(StoreException.class, store::recover);
        assertTrue(failure.getMessage().contains("nats-streaming-server file store"), failure.getMessage());
        store.close();
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("server.dat"), files.map(file -> file.getFileName().toString()).toList());
        }
    }

    @Test
    void theLockFileIsThereOnlyWhileTheLockIsHeld() {
        open(StoreLimits.DEFAULTS);
        assertTrue(store.tryExclusiveLock());
        assertTrue(Files.exists(dir.resolve("jstan.lock")));
        store.close();
        assertFalse(Files.exists(dir.resolve("jstan.lock")));
        try (FileStore next = new FileStore(dir, FileStoreOptions.DEFAULTS)) {
            assertTrue(next.tryExclusiveLock(), "the lock once its file is gone");
        }
    }

    // ---- helpers

    private Optional<RecoveredState> open(StoreLimits limits) {
        store = new FileStore(dir, FileStoreOptions.DEFAULTS);
        store.setLimits(limits);
        return store.recover();
    }

    private RecoveredState reopen(StoreLimits limits) {
        store.close();
        return open(limits).orElseThrow();
    }

    private ChannelStore channelWith(String name, long from, long to) {
        ChannelStore channel = store.createChannel(name);
        channel.messages().append(messages(from, to));
        return channel;
    }

    private void tenMessagesInTheLog() {
        open(StoreLimits.DEFAULTS);
        store.init(SERVER_INFO);
        MessageStore foo = store.createChannel("foo").messages();
        for (MsgProto message : messages(1, 10)) {
            foo.append(List.of(message));
        }
        store.close();
    }

    private Path newestLog() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve(FileStore.DATABASE_DIR))) {
            return files.filter(file -> file.getFileName().toString().endsWith(".log")).max(Comparator.naturalOrder()).orElseThrow();
        }
    }

    private void flipLastByte(String family, byte[] key) throws RocksDBException {
        try (RawRocksDb db = new RawRocksDb(dir)) {
            byte[] value = db.get(family, key);
            value[value.length - 1] ^= 1;
            db.put(family, key, value);
        }
    }

    private static long keysOfChannel(RawRocksDb db, String family, long channelId) {
        byte[] prefix = Keys.channel(channelId);
        return db.count(family, prefix, Keys.prefixEnd(prefix));
    }

    private static List<MsgProto> messages(long from, long to) {
        return LongStream.rangeClosed(from, to)
                .mapToObj(seq -> MsgProto.newBuilder()
                        .setSequence(seq)
                        .setSubject("foo")
                        .setTimestamp(seq * 1000)
                        .setData(ByteString.copyFromUtf8("msg-" + seq))
                        .build())
                .toList();
    }

    /** As the FILE store counts them: 40 bytes of record header and index entry each, as nats-streaming-server's. */
    private static long bytes(List<MsgProto> messages) {
        return messages.stream().mapToLong(message -> message.getSerializedSize() + 40).sum();
    }

    private static SubState sub(long id) {
        return SubState.newBuilder().setID(id).setClientID("me").setInbox("_INBOX." + id).setMaxInFlight(1024).setAckWaitInSecs(30).build();
    }

    private static ClientInfo client(String id) {
        return ClientInfo.newBuilder().setID(id).setHbInbox("hb." + id).build();
    }
}

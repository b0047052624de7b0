package io.jstan.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.protobuf.ByteString;
import io.jstan.store.StoreException.Kind;
import io.jstan.store.proto.ClientInfo;
import io.jstan.store.proto.MsgProto;
import io.jstan.store.proto.ServerInfo;
import io.jstan.store.proto.SubState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link Store} implementation must have. Each test starts on a fresh store
 * that was opened, asked to recover, and initialized with {@link #SERVER_INFO}; a persistent store
 * is also closed and reopened to check what it recovers.
 */
public abstract class StoreContractTest {

    protected static final ServerInfo SERVER_INFO = ServerInfo.newBuilder()
            .setClusterID("test-cluster")
            .setDiscovery("_STAN.discover.test-cluster")
            .setPublish("_STAN.pub.test-cluster")
            .setSubscribe("_STAN.sub.test-cluster")
            .setUnsubscribe("_STAN.unsub.test-cluster")
            .setClose("_STAN.close.test-cluster")
            .setSubClose("_STAN.subclose.test-cluster")
            .setAcksSubs("_STAN.ack.test-cluster")
            .build();

    @TempDir
    protected Path dir;

    /** Where snapshots and other stores go, away from the store's directory. */
    @TempDir
    protected Path copies;

    protected Store store;

    private Optional<RecoveredState> recoveredOnOpen;

    /**
     * A new store on {@code dir} with {@link StoreLimits#DEFAULTS}. Creating it takes no exclusive
     * resource: a store created on a directory another store holds only fails to take the lock.
     */
    protected abstract Store openStore(Path dir);

    /** Whether the store keeps its state across close and reopen, and so supports the exclusive lock. */
    protected abstract boolean persistent();

    @BeforeEach
    void openFreshStore() {
        store = openStore(dir);
        recoveredOnOpen = store.recover();
        store.init(SERVER_INFO);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    /** Closes the store, opens it again with the given limits and returns what it recovered. */
    protected RecoveredState reopen(StoreLimits limits) {
        store.close();
        store = openStore(dir);
        store.setLimits(limits);
        return store.recover().orElseThrow(() -> new AssertionError("nothing was recovered"));
    }

    // ---- lock, init, recover, close

    @Test
    void exclusiveLockIsHeldUntilCloseWhereSupported() {
        if (!persistent()) {
            assertFails(Kind.NOT_SUPPORTED, store::tryExclusiveLock);
            return;
        }
        assertTrue(store.tryExclusiveLock());
        assertTrue(store.tryExclusiveLock(), "a holder taking the lock again");
        try (Store other = openStore(dir)) {
            assertFalse(other.tryExclusiveLock(), "the lock while another store holds it");
            store.close();
            assertTrue(other.tryExclusiveLock(), "the lock once its holder closed");
        }
    }

    @Test
    void freshStoreRecoversNothing() {
        assertTrue(recoveredOnOpen.isEmpty());
    }

    @Test
    void storeWithoutStateRecoversNothingEvenAfterChanges() {
        assumeFalse(persistent());
        store.addClient(client("me", "hb"));
        channelWith("foo", 1, 3).subscriptions().create(sub(1));
        assertTrue(store.recover().isEmpty());
    }

    @Test
    void latestServerInfoIsRecovered() {
        assumeTrue(persistent());
        ServerInfo changed = SERVER_INFO.toBuilder().setClusterID("other").setNodeID("a").build();
        store.init(changed);
        RecoveredState state = reopen(StoreLimits.DEFAULTS);
        assertEquals(changed, state.serverInfo());
        assertTrue(state.clients().isEmpty());
        assertTrue(state.channels().isEmpty());
    }

    @Test
    void closingTwiceIsHarmless() {
        store.createChannel("foo");
        store.close();
        store.close();
    }

    @Test
    void flushedChangesAreKept() {
        channelWith("foo", 1, 2);
        store.flush();
        assertEquals(2, store.channel("foo").orElseThrow().messages().lastSequence());
        if (persistent()) {
            ChannelStore foo = reopen(StoreLimits.DEFAULTS).channels().get("foo").channel();
            assertEquals(2, foo.messages().lastSequence());
        }
    }

    // ---- limits

    @Test
    void newChannelsHaveTheDefaultLimits() {
        store.createChannel("foo");
        assertEquals(ChannelLimits.DEFAULTS, store.channelLimits("foo"));
    }

    @Test
    void limitsOfAnUnknownChannelAreNotFound() {
        assertFails(Kind.NOT_FOUND, () -> store.channelLimits("foo"));
    }

    @Test
    void wildcardLimitsApplyToMatchingChannels() {
        store.setLimits(StoreLimits.builder()
                .channel(">", ChannelLimits.INHERIT.withMaxMsgs(3))
                .channel("foo.>", ChannelLimits.INHERIT.withMaxMsgs(2))
                .channel("foo.bar", ChannelLimits.INHERIT.withMaxSubscriptions(-1))
                .build());
        MessageStore fooBaz = channelWith("foo.baz", 1, 4).messages();
        MessageStore bar = channelWith("bar", 1, 4).messages();
        store.createChannel("foo.bar");

        assertEquals(ChannelLimits.DEFAULTS.withMaxMsgs(2), store.channelLimits("foo.baz"));
        assertEquals(ChannelLimits.DEFAULTS.withMaxMsgs(3), store.channelLimits("bar"));
        assertEquals(ChannelLimits.DEFAULTS.withMaxMsgs(2).withMaxSubscriptions(0), store.channelLimits("foo.bar"));
        assertEquals(3, fooBaz.firstSequence());
        assertEquals(2, bar.firstSequence());
    }

    @Test
    void perChannelLimitsBoundSubscriptions() {
        store.setLimits(StoreLimits.builder()
                .global(ChannelLimits.DEFAULTS.withMaxSubscriptions(2))
                .channel("foo", ChannelLimits.INHERIT.withMaxSubscriptions(1))
                .build());
        SubscriptionStore foo = store.createChannel("foo").subscriptions();
        SubscriptionStore bar = store.createChannel("bar").subscriptions();
        foo.create(sub(1));
        assertFails(Kind.TOO_MANY_SUBSCRIPTIONS, () -> foo.create(sub(2)));
        bar.create(sub(1));
        bar.create(sub(2));
        assertFails(Kind.TOO_MANY_SUBSCRIPTIONS, () -> bar.create(sub(3)));
    }

    @Test
    void limitsAreNotRetroactive() {
        MessageStore old = store.createChannel("old").messages();
        store.setLimits(StoreLimits.builder().global(ChannelLimits.DEFAULTS.withMaxMsgs(2)).build());
        MessageStore fresh = store.createChannel("new").messages();
        old.append(messages(1, 5));
        fresh.append(messages(1, 5));

        assertEquals(ChannelLimits.DEFAULTS, store.channelLimits("old"));
        assertEquals(5, old.state().count());
        assertEquals(2, fresh.state().count());
    }

    @Test
    void maxChannelsIsEnforced() {
        store.setLimits(StoreLimits.builder().maxChannels(2).build());
        store.createChannel("a");
        store.createChannel("b");
        assertFails(Kind.TOO_MANY_CHANNELS, () -> store.createChannel("c"));
        store.deleteChannel("a");
        store.createChannel("c");
        assertTrue(store.channel("c").isPresent());
    }

    @Test
    void zeroMaxChannelsIsUnlimited() {
        store.setLimits(StoreLimits.builder().maxChannels(0).build());
        for (int i = 0; i < StoreLimits.DEFAULT_MAX_CHANNELS + 50; i++) {
            store.createChannel("foo." + i);
        }
        assertTrue(store.channel("foo.149").isPresent());
    }

    // ---- channels

    @Test
    void createdChannelIsFoundByName() {
        ChannelStore created = store.createChannel("foo");
        created.messages().append(messages(1, 1));

        ChannelStore found = store.channel("foo").orElseThrow();
        assertEquals("foo", created.name());
        assertEquals("foo", found.name());
        assertEquals(1, found.messages().lastSequence());
        assertTrue(store.channel("bar").isEmpty());
    }

    @Test
    void creatingAnExistingChannelFails() {
        store.createChannel("foo");
        assertFails(Kind.ALREADY_EXISTS, () -> store.createChannel("foo"));
    }

    @Test
    void deletingAnUnknownChannelFails() {
        assertFails(Kind.NOT_FOUND, () -> store.deleteChannel("foo"));
    }

    @Test
    void deletedChannelIsGoneForGood() {
        store.setLimits(StoreLimits.builder().global(ChannelLimits.DEFAULTS.withMaxSubscriptions(1)).build());
        channelWith("foo", 1, 3).subscriptions().create(sub(1));
        store.createChannel("bar");
        store.deleteChannel("foo");

        assertTrue(store.channel("foo").isEmpty());
        assertFails(Kind.NOT_FOUND, () -> store.channelLimits("foo"));
        assertFails(Kind.NOT_FOUND, () -> store.deleteChannel("foo"));
        ChannelStore again = store.createChannel("foo");
        assertEquals(new MessageStoreState(0, 0, 0, 0), again.messages().state());
        again.subscriptions().create(sub(2));
        store.deleteChannel("foo");
        if (persistent()) {
            assertEquals(Set.of("bar"), reopen(StoreLimits.DEFAULTS).channels().keySet());
        }
    }

    // ---- messages

    @Test
    void newChannelHoldsNoMessage() {
        MessageStore messages = store.createChannel("foo").messages();
        assertEquals(0, messages.firstSequence());
        assertEquals(0, messages.lastSequence());
        assertEquals(new MessageStoreState(0, 0, 0, 0), messages.state());
        assertTrue(messages.firstMessage().isEmpty());
        assertTrue(messages.lastMessage().isEmpty());
        assertTrue(messages.lookup(1).isEmpty());
        assertEquals(0, messages.sequenceAtOrAfter(0));
        assertEquals(0, messages.sequenceAtOrAfter(Long.MAX_VALUE));
    }

    @Test
    void appendedMessagesAreFoundBySequence() {
        List<MsgProto> batch = messages(1, 3);
        MessageStore messages = store.createChannel("foo").messages();
        messages.append(batch);

        for (MsgProto message : batch) {
            assertEquals(Optional.of(message), messages.lookup(message.getSequence()));
        }
        assertTrue(messages.lookup(0).isEmpty());
        assertTrue(messages.lookup(4).isEmpty());
        assertEquals(1, messages.firstSequence());
        assertEquals(3, messages.lastSequence());
        assertEquals(Optional.of(batch.get(0)), messages.firstMessage());
        assertEquals(Optional.of(batch.get(2)), messages.lastMessage());
        assertEquals(new MessageStoreState(3, bytes(batch), 1, 3), messages.state());
    }

    @Test
    void firstAppendMayStartAtAnySequence() {
        MessageStore messages = channelWith("foo", 10, 11).messages();
        assertEquals(10, messages.firstSequence());
        assertEquals(11, messages.lastSequence());
        assertTrue(messages.lookup(9).isEmpty());
    }

    @Test
    void messagesNotAboveTheLastSequenceAreSkipped() {
        MessageStore messages = channelWith("foo", 1, 3).messages();
        List<MsgProto> original = List.of(messages.lookup(2).orElseThrow(), messages.lookup(3).orElseThrow());
        MsgProto four = message(4, 4000, "four");

        messages.append(List.of(message(2, 1, "again"), message(3, 1, "again"), four));
        messages.append(List.of(message(1, 1, "again"), four));

        assertEquals(original, List.of(messages.lookup(2).orElseThrow(), messages.lookup(3).orElseThrow()));
        assertEquals(Optional.of(four), messages.lookup(4));
        assertEquals(4, messages.state().count());
    }

    @Test
    void gapIsRefusedAndNothingOfTheBatchIsStored() {
        MessageStore messages = channelWith("foo", 1, 3).messages();
        MessageStoreState before = messages.state();

        assertThrows(IllegalArgumentException.class, () -> messages.append(messages(5, 5)));
        assertThrows(IllegalArgumentException.class,
                () -> messages.append(List.of(message(4, 4000, "m4"), message(6, 6000, "m6"))));

        assertEquals(before, messages.state());
        assertTrue(messages.lookup(4).isEmpty());
        messages.append(messages(4, 4));
        assertEquals(4, messages.lastSequence());
    }

    @Test
    void sequenceZeroIsRefused() {
        MessageStore messages = store.createChannel("foo").messages();
        assertThrows(IllegalArgumentException.class, () -> messages.append(List.of(message(0, 1, "zero"))));
        assertEquals(new MessageStoreState(0, 0, 0, 0), messages.state());
    }

    @Test
    void maxMsgsDropsTheOldest() {
        store.setLimits(StoreLimits.builder().global(ChannelLimits.DEFAULTS.withMaxMsgs(3)).build());
        MessageStore messages = channelWith("foo", 1, 5).messages();
        assertEquals(3, messages.firstSequence());

        messages.append(messages(6, 6));
        assertEquals(new MessageStoreState(3, bytes(messages(4, 6)), 4, 6), messages.state());
        assertTrue(messages.lookup(3).isEmpty());
        assertEquals(Optional.of(messages(4, 4).get(0)), messages.firstMessage());
    }

    @Test
    void maxBytesDropsTheOldest() {
        long threeMessages = bytes(messages(1, 3));
        store.setLimits(StoreLimits.builder().global(ChannelLimits.DEFAULTS.withMaxBytes(threeMessages + 1)).build());
        MessageStore messages = channelWith("foo", 1, 5).messages();
        assertEquals(new MessageStoreState(3, bytes(messages(3, 5)), 3, 5), messages.state());
    }

    @Test
    void messageLargerThanMaxBytesIsKeptAlone() {
        store.setLimits(StoreLimits.builder().global(ChannelLimits.DEFAULTS.withMaxBytes(100)).build());
        MessageStore messages = channelWith("foo", 1, 2).messages();
        MsgProto big = message(3, 3000, "x".repeat(200));
        messages.append(List.of(big));
        assertEquals(new MessageStoreState(1, storedSize(big), 3, 3), messages.state());
        assertEquals(Optional.of(big), messages.firstMessage());
    }

    @Test
    void limitsDropTheSameMessagesWhateverTheBatching() {
        // Early messages are smaller: max_msgs binds first, max_bytes at the end.
        store.setLimits(StoreLimits.builder()
                .global(ChannelLimits.DEFAULTS.withMaxMsgs(3).withMaxBytes(bytes(messages(18, 20)) - 1))
                .build());
        MessageStore oneBatch = channelWith("one", 1, 20).messages();
        MessageStore oneByOne = store.createChannel("each").messages();
        for (MsgProto message : messages(1, 20)) {
            oneByOne.append(List.of(message));
            if (message.getSequence() == 5) {
                assertEquals(3, oneByOne.state().count());
            }
        }
        assertEquals(oneBatch.state(), oneByOne.state());
        assertEquals(new MessageStoreState(2, bytes(messages(19, 20)), 19, 20), oneBatch.state());
    }

    @Test
    void limitsApplyToAFirstAppendStartingAnywhere() {
        store.setLimits(StoreLimits.builder().global(ChannelLimits.DEFAULTS.withMaxBytes(bytes(messages(11, 12)))).build());
        MessageStore messages = channelWith("foo", 10, 13).messages();
        assertEquals(new MessageStoreState(2, bytes(messages(12, 13)), 12, 13), messages.state());
    }

    @Test
    void removeUpToRemovesTheOldest() {
        MessageStore messages = channelWith("foo", 1, 5).messages();
        messages.removeUpTo(2);
        assertEquals(new MessageStoreState(3, bytes(messages(3, 5)), 3, 5), messages.state());
        assertTrue(messages.lookup(1).isEmpty());
        assertTrue(messages.lookup(2).isEmpty());
        assertEquals(3, messages.firstMessage().orElseThrow().getSequence());

        messages.removeUpTo(1);
        assertEquals(3, messages.firstSequence());
    }

    @Test
    void removingEveryMessageLeavesFirstAfterLast() {
        MessageStore messages = channelWith("foo", 1, 3).messages();
        messages.removeUpTo(10);

        assertEquals(new MessageStoreState(0, 0, 4, 3), messages.state());
        assertTrue(messages.firstMessage().isEmpty());
        assertTrue(messages.lastMessage().isEmpty());
        assertTrue(messages.lookup(3).isEmpty());
        assertEquals(4, messages.sequenceAtOrAfter(0));
        assertEquals(4, messages.sequenceAtOrAfter(Long.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> messages.append(messages(5, 5)));
        messages.append(messages(4, 4));
        assertEquals(new MessageStoreState(1, bytes(messages(4, 4)), 4, 4), messages.state());
    }

    @Test
    void removeUpToOnANewChannelDoesNothing() {
        MessageStore messages = store.createChannel("foo").messages();
        messages.removeUpTo(5);
        assertEquals(new MessageStoreState(0, 0, 0, 0), messages.state());
        messages.append(messages(1, 1));
        assertEquals(1, messages.firstSequence());
    }

    @Test
    void sequenceAtOrAfterFindsTheFirstMessageNotOlderThanTheTime() {
        MessageStore messages = store.createChannel("foo").messages();
        long[] timestamps = {100, 200, 200, 300, 300};
        List<MsgProto> batch = new ArrayList<>();
        for (int i = 0; i < timestamps.length; i++) {
            batch.add(message(i + 1, timestamps[i], "m"));
        }
        messages.append(batch);

        assertEquals(1, messages.sequenceAtOrAfter(50));
        assertEquals(1, messages.sequenceAtOrAfter(100));
        assertEquals(2, messages.sequenceAtOrAfter(150));
        assertEquals(2, messages.sequenceAtOrAfter(200));
        assertEquals(4, messages.sequenceAtOrAfter(250));
        assertEquals(4, messages.sequenceAtOrAfter(300));
        assertEquals(6, messages.sequenceAtOrAfter(301));

        messages.removeUpTo(2);
        assertEquals(3, messages.sequenceAtOrAfter(100));
        assertEquals(3, messages.sequenceAtOrAfter(200));
    }

    @Test
    void emptyRemovesEverythingAndLetsSequencesStartAnew() {
        MessageStore messages = channelWith("foo", 1, 10).messages();
        messages.empty();

        assertEquals(new MessageStoreState(0, 0, 0, 0), messages.state());
        for (long sequence = 1; sequence <= 10; sequence++) {
            assertTrue(messages.lookup(sequence).isEmpty());
        }
        assertTrue(messages.firstMessage().isEmpty());
        assertEquals(0, messages.sequenceAtOrAfter(0));

        messages.append(messages(20, 20));
        assertEquals(new MessageStoreState(1, bytes(messages(20, 20)), 20, 20), messages.state());
        assertEquals(messages.firstMessage(), messages.lastMessage());
    }

    // ---- subscriptions

    @Test
    void subscriptionsBeyondMaxSubscriptionsAreRefused() {
        store.setLimits(StoreLimits.builder().global(ChannelLimits.DEFAULTS.withMaxSubscriptions(2)).build());
        SubscriptionStore subs = store.createChannel("foo").subscriptions();
        subs.create(sub(1));
        subs.create(sub(2));
        assertFails(Kind.TOO_MANY_SUBSCRIPTIONS, () -> subs.create(sub(3)));

        subs.create(sub(1).toBuilder().setLastSent(7).build());
        subs.delete(1);
        subs.create(sub(3));
        assertFails(Kind.TOO_MANY_SUBSCRIPTIONS, () -> subs.create(sub(4)));
    }

    @Test
    void subscriptionWithoutIdIsRefused() {
        SubscriptionStore subs = store.createChannel("foo").subscriptions();
        assertThrows(IllegalArgumentException.class, () -> subs.create(sub(0)));
    }

    @Test
    void callsNamingUnknownSubscriptionsAreIgnored() {
        SubscriptionStore subs = channelWith("foo", 1, 3).subscriptions();
        subs.update(sub(9));
        subs.recordSent(9, new long[] {1, 2});
        subs.recordAcked(9, new long[] {1});
        subs.delete(9);
        if (persistent()) {
            assertTrue(reopen(StoreLimits.DEFAULTS).channels().get("foo").subscriptions().isEmpty());
        }
    }

    @Test
    void subscriptionsAndTheirPendingMessagesAreRecovered() {
        assumeTrue(persistent());
        SubscriptionStore foo = channelWith("foo", 1, 5).subscriptions();
        SubState updated = sub(1).toBuilder().setLastSent(5).build();
        foo.create(sub(1));
        foo.update(updated);
        foo.recordSent(1, new long[] {3, 4});
        foo.recordSent(1, new long[] {5});
        foo.recordAcked(1, new long[] {4, 2});
        foo.create(sub(2));
        foo.recordSent(2, new long[] {1});
        foo.delete(2);
        SubState closedDurable = sub(3).toBuilder().setDurableName("dur").setIsDurable(true).setIsClosed(true).build();
        foo.create(closedDurable);
        SubscriptionStore bar = channelWith("bar", 1, 3).subscriptions();
        bar.create(sub(7));
        bar.recordSent(7, new long[] {3, 1, 2});

        RecoveredState state = reopen(StoreLimits.DEFAULTS);

        Map<Long, RecoveredSubscription> fooSubs = byId(state.channels().get("foo"));
        assertEquals(Set.of(1L, 3L), fooSubs.keySet());
        assertEquals(updated, fooSubs.get(1L).state());
        assertEquals(sortedSet(3, 5), fooSubs.get(1L).pending());
        assertEquals(closedDurable, fooSubs.get(3L).state());
        assertEquals(sortedSet(), fooSubs.get(3L).pending());
        Map<Long, RecoveredSubscription> barSubs = byId(state.channels().get("bar"));
        assertEquals(sortedSet(1, 2, 3), barSubs.get(7L).pending());
    }

    // ---- clients

    @Test
    void clientsAreAddedReplacedAndDeleted() {
        ClientInfo replaced = client("one", "hb.1b");
        ClientInfo three = client("three", "hb.3").toBuilder()
                .setConnID(ByteString.copyFromUtf8("conn-3")).setProtocol(1).setPingInterval(5).setPingMaxOut(3).build();
        store.deleteClient("unknown");
        store.addClient(client("one", "hb.1a"));
        store.addClient(client("two", "hb.2"));
        store.addClient(replaced);
        store.addClient(three);
        store.deleteClient("two");
        if (persistent()) {
            List<ClientInfo> clients = reopen(StoreLimits.DEFAULTS).clients();
            assertEquals(Map.of("one", replaced, "three", three),
                    clients.stream().collect(Collectors.toMap(ClientInfo::getID, Function.identity())));
        }
    }

    // ---- recovery of everything

    @Test
    void everythingStoredIsRecovered() {
        assumeTrue(persistent());
        store.addClient(client("me", "hb.me"));
        MessageStore foo = channelWith("foo", 1, 5).messages();
        foo.removeUpTo(2);
        channelWith("drained", 1, 3).messages().removeUpTo(3);
        channelWith("emptied", 1, 3).messages().empty();
        channelWith("deleted", 1, 3);
        store.deleteChannel("deleted");

        RecoveredState state = reopen(StoreLimits.DEFAULTS);

        assertEquals(SERVER_INFO, state.serverInfo());
        assertEquals(List.of(client("me", "hb.me")), state.clients());
        assertEquals(Set.of("foo", "drained", "emptied"), state.channels().keySet());
        MessageStore recoveredFoo = state.channels().get("foo").channel().messages();
        assertEquals(new MessageStoreState(3, bytes(messages(3, 5)), 3, 5), recoveredFoo.state());
        assertTrue(recoveredFoo.lookup(2).isEmpty());
        for (MsgProto message : messages(3, 5)) {
            assertEquals(Optional.of(message), recoveredFoo.lookup(message.getSequence()));
        }
        assertEquals(3, recoveredFoo.sequenceAtOrAfter(0));
        MessageStore drained = state.channels().get("drained").channel().messages();
        assertEquals(new MessageStoreState(0, 0, 4, 3), drained.state());
        assertEquals(4, drained.sequenceAtOrAfter(0));
        assertEquals(new MessageStoreState(0, 0, 0, 0), state.channels().get("emptied").channel().messages().state());

        MessageStore reached = store.channel("foo").orElseThrow().messages();
        reached.append(messages(4, 6));
        assertEquals(new MessageStoreState(4, bytes(messages(3, 6)), 3, 6), reached.state());
        assertThrows(IllegalArgumentException.class, () -> reached.append(messages(8, 8)));
    }

    @Test
    void recoveryKeepsWhatSmallerLimitsWouldRefuseAndAppliesThemAfterwards() {
        assumeTrue(persistent());
        ChannelStore foo = channelWith("foo", 1, 5);
        foo.subscriptions().create(sub(1));
        foo.subscriptions().create(sub(2));
        ChannelLimits smaller = ChannelLimits.DEFAULTS.withMaxMsgs(2).withMaxSubscriptions(1);

        RecoveredState state = reopen(StoreLimits.builder().global(smaller).build());

        ChannelStore recovered = state.channels().get("foo").channel();
        assertEquals(5, recovered.messages().state().count());
        assertEquals(2, state.channels().get("foo").subscriptions().size());
        assertEquals(smaller, store.channelLimits("foo"));
        recovered.messages().append(messages(6, 6));
        assertEquals(new MessageStoreState(2, bytes(messages(5, 6)), 5, 6), recovered.messages().state());
        assertFails(Kind.TOO_MANY_SUBSCRIPTIONS, () -> recovered.subscriptions().create(sub(3)));
    }

    // ---- clustering: the applied index, snapshot and restore

    @Test
    void onlyAPersistentStoreCanBeReplicated() {
        assumeFalse(persistent());
        for (Executable call : List.<Executable>of(store::lastAppliedIndex, () -> store.recordAppliedIndex(1),
                () -> store.snapshot(copies.resolve("snapshot")), () -> store.restore(copies), store::reload)) {
            assertEquals(Kind.NOT_SUPPORTED, assertThrows(StoreException.class, call).kind());
        }
    }

    @Test
    void theAppliedIndexIsRecovered() {
        assumeTrue(persistent());
        assertEquals(0, store.lastAppliedIndex());
        channelWith("foo", 1, 3);
        store.recordAppliedIndex(5);
        reopen(StoreLimits.DEFAULTS);
        assertEquals(5, store.lastAppliedIndex());
    }

    @Test
    void aSnapshotRestoredIntoAnotherStoreReplacesWhatItHeld() {
        assumeTrue(persistent());
        ChannelStore foo = channelWith("foo", 1, 3);
        foo.subscriptions().create(sub(1));
        foo.subscriptions().recordSent(1, new long[] {1, 2});
        foo.subscriptions().recordAcked(1, new long[] {1});
        store.addClient(client("me", "hb"));
        store.recordAppliedIndex(9);
        Path snapshot = copies.resolve("snapshot");
        store.snapshot(snapshot);
        foo.messages().append(messages(4, 4));
        store.recordAppliedIndex(10);

        try (Store other = openStore(copies.resolve("other"))) {
            other.recover();
            other.init(SERVER_INFO);
            other.createChannel("bar").messages().append(messages(1, 1));
            other.addClient(client("other", "hb2"));
            other.recordAppliedIndex(2);

            RecoveredState restored = other.restore(snapshot).orElseThrow();
            assertEquals(SERVER_INFO, restored.serverInfo());
            assertEquals(List.of(client("me", "hb")), restored.clients());
            assertEquals(Set.of("foo"), restored.channels().keySet());
            MessageStore messages = restored.channels().get("foo").channel().messages();
            assertEquals(new MessageStoreState(3, bytes(messages(1, 3)), 1, 3), messages.state());
            assertEquals(messages(1, 3), LongStream.rangeClosed(1, 3).mapToObj(seq -> messages.lookup(seq).orElseThrow()).toList());
            RecoveredSubscription restoredSub = restored.channels().get("foo").subscriptions().get(0);
            assertEquals(sortedSet(2), restoredSub.pending());
            assertEquals(9, other.lastAppliedIndex());
            assertTrue(other.channel("bar").isEmpty());
            other.channel("foo").orElseThrow().messages().append(messages(4, 4));
        }
    }

    // ---- helpers

    /** Messages {@code from..to} of channel foo, each with timestamp sequence * 1000. */
    protected static List<MsgProto> messages(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(seq -> message(seq, seq * 1000, "msg-" + seq)).toList();
    }

    protected static MsgProto message(long sequence, long timestamp, String data) {
        return MsgProto.newBuilder()
                .setSequence(sequence)
                .setSubject("foo")
                .setTimestamp(timestamp)
                .setData(ByteString.copyFromUtf8(data))
                .build();
    }

    /** The size a message counts for in {@link MessageStoreState#bytes()} and the max_bytes limit. */
    protected long storedSize(MsgProto message) {
        return message.getSerializedSize();
    }

    protected long bytes(List<MsgProto> messages) {
        return messages.stream().mapToLong(this::storedSize).sum();
    }

    protected static SubState sub(long id) {
        return SubState.newBuilder()
                .setID(id)
                .setClientID("me")
                .setInbox("_INBOX." + id)
                .setAckInbox("_STAN.ack.test-cluster." + id)
                .setMaxInFlight(1024)
                .setAckWaitInSecs(30)
                .build();
    }

    protected static ClientInfo client(String id, String hbInbox) {
        return ClientInfo.newBuilder().setID(id).setHbInbox(hbInbox).build();
    }

    /** Creates a channel holding messages {@code from..to}. */
    protected ChannelStore channelWith(String name, long from, long to) {
        ChannelStore channel = store.createChannel(name);
        channel.messages().append(messages(from, to));
        return channel;
    }

    protected static void assertFails(Kind kind, Executable call) {
        StoreException failure = assertThrows(StoreException.class, call);
        assertEquals(kind, failure.kind());
        assertEquals(kind.text(), failure.getMessage());
    }

    private static Map<Long, RecoveredSubscription> byId(RecoveredChannel channel) {
        return channel.subscriptions().stream().collect(Collectors.toMap(sub -> sub.state().getID(), Function.identity()));
    }

    private static SortedSet<Long> sortedSet(long... sequences) {
        return LongStream.of(sequences).boxed().collect(Collectors.toCollection(TreeSet::new));
    }
}

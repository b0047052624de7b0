package io.jstan.raft;

import com.google.protobuf.ByteString;
import io.jstan.raft.ops.ChannelDelete;
import io.jstan.raft.ops.Operation;
import io.jstan.raft.ops.PublishBatch;
import io.jstan.store.ChannelStore;
import io.jstan.store.Store;
import io.jstan.store.StoreException;
import io.jstan.store.memory.MemoryStore;
import io.jstan.store.proto.MsgProto;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.jstan.store.file.FileStore;
import io.jstan.store.file.FileStoreOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StandaloneStateChangesTest {
    private static final long WAIT_SECONDS = 10;
    private static final StoreRecovery NO_RECOVERY = new StoreRecovery() {
        @Override
        public void storageFailed(String reason) {
            throw new AssertionError("the storage failed: " + reason);
        }

        @Override
        public void recover() {
            throw new AssertionError("recover without a failure");
        }
    };

    private StateChanges changes;

    @AfterEach
    void close() {
        if (changes != null) {
            changes.close();
        }
    }

    @Test
    void publishedBatchesReachTheStoreInSubmissionOrderBeforeTheirFuturesComplete() throws Exception {
        Store store = new MemoryStore();
        ChannelStore orders = store.createChannel("orders");
        changes = StandaloneStateChanges.applyingOnSubmitters(
                operation -> orders.messages().append(operation.getPublish().getMessagesList()), store::flush);

        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (long sequence = 1; sequence <= 100; sequence++) {
            done.add(changes.submit(publish("orders", sequence)));
        }

        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(1, orders.messages().firstSequence());
        assertEquals(100, orders.messages().lastSequence());
        for (long sequence = 1; sequence <= 100; sequence++) {
            assertEquals("message " + sequence, orders.messages().lookup(sequence).orElseThrow().getData().toStringUtf8());
        }
    }

    @Test
    void whatArrivesDuringABatchIsAppliedAsTheNextBatchWithOneFlush() throws Exception {
        CountDownLatch firstApplying = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Long> applied = Collections.synchronizedList(new ArrayList<>());
        List<Integer> appliedAtFlush = Collections.synchronizedList(new ArrayList<>());
        List<Integer> operationsApplied = Collections.synchronizedList(new ArrayList<>());
        changes = StandaloneStateChanges.applyingOnSubmitters(operation -> {
            if (firstSequence(operation) == 1) {
                firstApplying.countDown();
                await(release);
            }
            applied.addAll(sequences(operation));
            operationsApplied.add(operation.getPublish().getMessagesCount());
        }, () -> appliedAtFlush.add(applied.size()));

        CompletableFuture<Void> first = submitElsewhere(publish("c", 1));
        await(firstApplying);
        List<CompletableFuture<Void>> rest = new ArrayList<>();
        for (long sequence = 2; sequence <= 500; sequence++) {
            rest.add(changes.submit(publish("c", sequence)));
        }
        assertFalse(first.isDone(), "completed before its flush");
        release.countDown();

        CompletableFuture.allOf(rest.toArray(CompletableFuture[]::new)).get(WAIT_SECONDS, TimeUnit.SECONDS);
        first.get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(List.of(1, 500), appliedAtFlush, "one flush for the first operation, one for the 499 that waited");
        assertEquals(List.of(1, 499), operationsApplied, "the 499 publishes that waited applied as one");
        for (int i = 0; i < 500; i++) {
            assertEquals(i + 1, applied.get(i));
        }
    }

    @Test
    void aBatchNeverHoldsMoreThanTheMaximum() throws Exception {
        CountDownLatch firstApplying = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger appliedCount = new AtomicInteger();
        List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger atLastFlush = new AtomicInteger();
        changes = StandaloneStateChanges.applyingOnSubmitters(operation -> {
            if (appliedCount.addAndGet(operation.getPublish().getMessagesCount()) == 1) {
                firstApplying.countDown();
                await(release);
            }
        }, () -> batchSizes.add(appliedCount.get() - atLastFlush.getAndSet(appliedCount.get())));

        submitElsewhere(publish("c", 1));
        await(firstApplying);
        List<CompletableFuture<Void>> waiting = new ArrayList<>();
        for (int i = 0; i < StandaloneStateChanges.MAX_BATCH + 10; i++) {
            waiting.add(changes.submit(publish("c", i + 2)));
        }
        release.countDown();

        CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(List.of(1, StandaloneStateChanges.MAX_BATCH, 10), batchSizes);
    }

    @Test
    void anOperationThatFailsToApplyFailsAloneAndTheOthersStillComplete() throws Exception {
        IllegalStateException refused = new IllegalStateException("refused");
        changes = StandaloneStateChanges.applyingOnSubmitters(operation -> {
            if (operation.hasChannelDelete()) {
                throw refused;
            }
        }, () -> { });

        CompletableFuture<Void> before = changes.submit(publish("c", 1));
        CompletableFuture<Void> failing = changes.submit(deleteChannel("c"));
        CompletableFuture<Void> after = changes.submit(publish("c", 2));

        after.get(WAIT_SECONDS, TimeUnit.SECONDS);
        before.get(WAIT_SECONDS, TimeUnit.SECONDS);
        ExecutionException failure = assertThrows(ExecutionException.class, () -> failing.get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertSame(refused, failure.getCause());
    }

    @Test
    void aPublishThatFailsToApplyFailsTheOthersOfItsChannelInTheBatchButNoneOfAnotherChannel() throws Exception {
        CountDownLatch firstApplying = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        IllegalStateException refused = new IllegalStateException("too many channels");
        changes = StandaloneStateChanges.applyingOnSubmitters(operation -> {
            if (firstSequence(operation) == 1) {
                firstApplying.countDown();
                await(release);
            }
            if (operation.getPublish().getChannel().equals("refused")) {
                throw refused;
            }
        }, () -> { });
        submitElsewhere(publish("c", 1));
        await(firstApplying);

        CompletableFuture<Void> refusedFirst = changes.submit(publish("refused", 10));
        CompletableFuture<Void> accepted = changes.submit(publish("c", 2));
        CompletableFuture<Void> refusedSecond = changes.submit(publish("refused", 11));
        release.countDown();

        accepted.get(WAIT_SECONDS, TimeUnit.SECONDS);
        for (CompletableFuture<Void> publish : List.of(refusedFirst, refusedSecond)) {
            ExecutionException failure = assertThrows(ExecutionException.class, () -> publish.get(WAIT_SECONDS, TimeUnit.SECONDS));
            assertSame(refused, failure.getCause());
        }
    }

    @Test
    void whenTheFlushFailsNoOperationOfItsBatchIsReportedDone() {
        IllegalStateException diskFull = new IllegalStateException("disk full");
        changes = StandaloneStateChanges.applyingOnSubmitters(operation -> { }, () -> {
            throw diskFull;
        });

        CompletableFuture<Void> done = changes.submit(publish("c", 1));

        ExecutionException failure = assertThrows(ExecutionException.class, () -> done.get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertSame(diskFull, failure.getCause());
    }

    @Test
    void theSubmittingThreadAppliesWhenNoOtherIsApplying() {
        List<String> appliedBy = Collections.synchronizedList(new ArrayList<>());
        changes = StandaloneStateChanges.applyingOnSubmitters(operation -> appliedBy.add(Thread.currentThread().getName()), () -> { });

        CompletableFuture<Void> done = changes.submit(publish("c", 1));

        assertTrue(done.isDone(), "applied and made durable before submit returned");
        assertEquals(List.of(Thread.currentThread().getName()), appliedBy);
    }

    @Test
    void anOperationSubmittedByACompletionOnTheApplyingThreadIsAppliedAfterThatCompletion() throws Exception {
        CountDownLatch firstApplying = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Long> applied = Collections.synchronizedList(new ArrayList<>());
        changes = StandaloneStateChanges.applyingOnSubmitters(operation -> {
            if (firstSequence(operation) == 1) {
                firstApplying.countDown();
                await(release);
            }
            applied.addAll(sequences(operation));
        }, () -> { });
        submitElsewhere(publish("c", 1));
        await(firstApplying);
        CompletableFuture<CompletableFuture<Void>> third = new CompletableFuture<>();
        List<Long> appliedWhenThirdWasSubmitted = new ArrayList<>();

        changes.submit(publish("c", 2)).thenRun(() -> {
            CompletableFuture<Void> submitted = changes.submit(publish("c", 3));
            appliedWhenThirdWasSubmitted.addAll(applied);
            third.complete(submitted);
        });
        release.countDown();

        third.get(WAIT_SECONDS, TimeUnit.SECONDS).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(List.of(1L, 2L), appliedWhenThirdWasSubmitted, "not applied inside the completion of the second");
        assertEquals(List.of(1L, 2L, 3L), applied);
    }

    @Test
    void withAWriterThreadSubmittersGoOnAtOnceAndWhatArrivesDuringAFlushIsTheNextBatch() throws Exception {
        CountDownLatch flushing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> appliedAtFlush = Collections.synchronizedList(new ArrayList<>());
        List<Long> applied = Collections.synchronizedList(new ArrayList<>());
        List<String> appliedOn = Collections.synchronizedList(new ArrayList<>());
        List<String> completedOn = Collections.synchronizedList(new ArrayList<>());
        changes = StandaloneStateChanges.applyingOnAWriterThread(operation -> {
            applied.addAll(sequences(operation));
            appliedOn.add(Thread.currentThread().getName());
        }, () -> {
            appliedAtFlush.add(applied.size());
            if (appliedAtFlush.size() == 1) {
                flushing.countDown();
                await(release);
            }
        }, NO_RECOVERY);

        CompletableFuture<Void> first = changes.submit(publish("c", 1));
        first.whenComplete((ok, failure) -> completedOn.add(Thread.currentThread().getName()));
        await(flushing);
        List<CompletableFuture<Void>> duringTheFlush = new ArrayList<>();
        for (long sequence = 2; sequence <= 100; sequence++) {
            duringTheFlush.add(changes.submit(publish("c", sequence)));
        }
        assertEquals(1, applied.size(), "nothing applied by the submitter");
        assertFalse(first.isDone(), "done before its flush");
        release.countDown();

        CompletableFuture.allOf(duringTheFlush.toArray(CompletableFuture[]::new)).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(List.of(1, 100), appliedAtFlush, "the 99 submitted during the first flush share the second");
        assertEquals(List.of("jstan-writer", "jstan-writer"), appliedOn, "the 99 applied as one operation");
        assertEquals(List.of("jstan-writer"), completedOn);
        for (int i = 0; i < 100; i++) {
            assertEquals(i + 1, applied.get(i));
        }
    }

    @Test
    void aFileStoreGetsAWriterThreadAndAMemoryStoreItsSubmitters(@TempDir Path dir) throws Exception {
        List<String> appliedOn = Collections.synchronizedList(new ArrayList<>());
        OperationApplier recordingThread = operation -> appliedOn.add(Thread.currentThread().getName());
        try (Store memory = new MemoryStore(); Store file = new FileStore(dir, FileStoreOptions.DEFAULTS)) {
            for (Store store : List.of(memory, file)) {
                changes = StandaloneStateChanges.forStore(store, recordingThread, NO_RECOVERY);
                changes.submit(publish("c", 1)).get(WAIT_SECONDS, TimeUnit.SECONDS);
                changes.close();
            }
        }
        assertEquals(List.of(Thread.currentThread().getName(), "jstan-writer"), appliedOn);
    }

    @Test
    void afterAStorageFailureTheWriterRefusesChangesUntilTheEngineReadTheStoreAgain() throws Exception {
        AtomicInteger flushes = new AtomicInteger();
        CountDownLatch twoAttempts = new CountDownLatch(2);
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch storeBack = new CountDownLatch(1);
        StoreRecovery recovery = new StoreRecovery() {
            @Override
            public void storageFailed(String reason) {
                failures.add(reason);
            }

            @Override
            public void recover() {
                twoAttempts.countDown();
                if (storeBack.getCount() > 0) {
                    throw new StoreException(StoreException.Kind.FAILED, "connection refused", null);
                }
            }
        };
        changes = StandaloneStateChanges.applyingOnAWriterThread(operation -> { }, () -> {
            if (flushes.incrementAndGet() == 1) {
                throw new StoreException(StoreException.Kind.FAILED, "sql: connection lost", null);
            }
        }, recovery);

        ExecutionException lost = assertThrows(ExecutionException.class,
                () -> changes.submit(publish("c", 1)).get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals("sql: connection lost", lost.getCause().getMessage());
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> changes.submit(publish("c", 2)).get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals("store unavailable: sql: connection lost", refused.getCause().getMessage(), "refused at once, not queued");
        assertTrue(StoreUnavailableException.causedBy(refused));
        assertEquals(List.of("sql: connection lost"), failures);
        assertEquals(1, flushes.get(), "nothing applied while the store is unavailable");

        assertTrue(twoAttempts.await(WAIT_SECONDS, TimeUnit.SECONDS), "tried again after a failed attempt");
        storeBack.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        CompletableFuture<Void> applied = null;
        while (System.nanoTime() < deadline) {
            CompletableFuture<Void> attempt = changes.submit(publish("c", 3));
            try {
                attempt.get(WAIT_SECONDS, TimeUnit.SECONDS);
                applied = attempt;
                break;
            } catch (ExecutionException stillRefused) {
                assertTrue(stillRefused.getCause().getMessage().startsWith("store unavailable: "));
            }
        }
        assertTrue(applied != null, "changes are applied again once the store was read again");
        assertEquals(List.of("sql: connection lost"), failures, "one failure, told once");
    }

    @ParameterizedTest(name = "on a writer thread: {0}")
    @ValueSource(booleans = {false, true})
    void closeAppliesWhatWasSubmittedThenRefusesMore(boolean onAWriterThread) throws Exception {
        List<Long> applied = Collections.synchronizedList(new ArrayList<>());
        OperationApplier applier = operation -> applied.addAll(sequences(operation));
        changes = onAWriterThread
                ? StandaloneStateChanges.applyingOnAWriterThread(applier, () -> { }, NO_RECOVERY)
                : StandaloneStateChanges.applyingOnSubmitters(applier, () -> { });
        List<CompletableFuture<Void>> submitted = new ArrayList<>();
        for (long sequence = 1; sequence <= 50; sequence++) {
            submitted.add(changes.submit(publish("c", sequence)));
        }

        changes.close();

        assertEquals(50, applied.size());
        submitted.forEach(future -> assertTrue(future.isDone() && !future.isCompletedExceptionally()));
        CompletableFuture<Void> late = changes.submit(publish("c", 51));
        ExecutionException failure = assertThrows(ExecutionException.class, () -> late.get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals("state changes are closed", failure.getCause().getMessage());
    }

    /** Submits from another thread, which then applies: for tests that hold an operation inside its apply. */
    private CompletableFuture<Void> submitElsewhere(Operation operation) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread submitter = new Thread(() -> changes.submit(operation).whenComplete((ok, failure) -> {
            if (failure != null) {
                done.completeExceptionally(failure);
            } else {
                done.complete(null);
            }
        }), "submitter");
        submitter.start();
        return done;
    }

    private static Operation publish(String channel, long sequence) {
        MsgProto message = MsgProto.newBuilder()
                .setSequence(sequence)
                .setSubject(channel)
                .setTimestamp(1_700_000_000_000_000_000L + sequence)
                .setData(ByteString.copyFromUtf8("message " + sequence))
                .build();
        return Operation.newBuilder()
                .setPublish(PublishBatch.newBuilder().setChannel(channel).addMessages(message))
                .build();
    }

    private static long firstSequence(Operation operation) {
        return operation.getPublish().getMessagesCount() == 0 ? 0 : operation.getPublish().getMessages(0).getSequence();
    }

    private static List<Long> sequences(Operation operation) {
        return operation.getPublish().getMessagesList().stream().map(MsgProto::getSequence).toList();
    }

    private static Operation deleteChannel(String channel) {
        return Operation.newBuilder().setChannelDelete(ChannelDelete.newBuilder().setChannel(channel)).build();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(WAIT_SECONDS, TimeUnit.SECONDS), "waited " + WAIT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

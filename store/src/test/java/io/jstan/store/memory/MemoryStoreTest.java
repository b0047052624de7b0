package io.jstan.store.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jstan.store.ChannelLimits;
import io.jstan.store.MessageStore;
import io.jstan.store.MessageStoreState;
import io.jstan.store.Store;
import io.jstan.store.StoreContractTest;
import io.jstan.store.StoreLimits;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MemoryStoreTest extends StoreContractTest {

    @Override
    protected Store openStore(Path dir) {
        return new MemoryStore();
    }

    @Override
    protected boolean persistent() {
        return false;
    }

    @Test
    void nameIsMemory() {
        assertEquals("MEMORY", store.name());
    }

    @Test
    void readersSeeAConsistentChannelWhileItIsWritten() throws InterruptedException {
        store.setLimits(StoreLimits.builder().global(ChannelLimits.DEFAULTS.withMaxMsgs(100)).build());
        MessageStore messages = store.createChannel("foo").messages();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong reads = new AtomicLong();
        CountDownLatch readerStarted = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            readerStarted.countDown();
            try {
                long previousFirst = 0;
                while (writing.get()) {
                    MessageStoreState state = messages.state();
                    long expectedCount = state.lastSequence() == 0 ? 0 : state.lastSequence() - state.firstSequence() + 1;
                    assertEquals(expectedCount, state.count(), state::toString);
                    assertTrue(state.firstSequence() >= previousFirst, "first sequence went back");
                    previousFirst = state.firstSequence();
                    long probe = state.firstSequence() + state.count() / 2;
                    messages.lookup(probe).ifPresent(message -> assertEquals(probe, message.getSequence()));
                    messages.lastMessage().ifPresent(message -> assertTrue(message.getSequence() >= state.lastSequence()));
                    reads.incrementAndGet();
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        reader.start();
        readerStarted.await();
        for (long sequence = 1; sequence <= 100_000; sequence += 10) {
            messages.append(messages(sequence, sequence + 9));
            if (sequence % 1000 == 1) {
                messages.removeUpTo(sequence + 9);
            }
        }
        writing.set(false);
        reader.join();

        if (failure.get() != null) {
            throw new AssertionError("reader failed after " + reads.get() + " reads", failure.get());
        }
        assertEquals(new MessageStoreState(100, bytes(messages(99_901, 100_000)), 99_901, 100_000), messages.state());
    }
}

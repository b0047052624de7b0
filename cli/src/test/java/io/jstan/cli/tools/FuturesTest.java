package io.jstan.cli.tools;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FuturesTest {

    @Test
    void oneFailureEndsTheWaitWhileOthersAreStillRunning() {
        CompletableFuture<String> running = new CompletableFuture<>();
        CompletableFuture<String> failing = new CompletableFuture<>();
        CompletableFuture<Void> all = Futures.allOrFirstFailure(List.of(running, failing));
        IOException ackTimeout = new IOException("stan: publish ack timeout");

        failing.completeExceptionally(ackTimeout);

        assertSame(ackTimeout, assertThrows(IOException.class, () -> Futures.awaitFor(all, Duration.ZERO)));
        assertFalse(running.isDone());
    }

    @Test
    void completesWhenAllHave() throws Exception {
        CompletableFuture<String> first = new CompletableFuture<>();
        CompletableFuture<String> second = new CompletableFuture<>();
        CompletableFuture<Void> all = Futures.allOrFirstFailure(List.of(first, second));

        first.complete("a");
        assertFalse(Futures.awaitFor(all, Duration.ZERO));
        second.complete("b");
        assertTrue(Futures.awaitFor(all, Duration.ZERO));
    }

    @Test
    void otherFailuresAreToldAsIoExceptions() {
        CompletableFuture<String> failed = CompletableFuture.failedFuture(new IllegalStateException("stan: connection closed"));
        assertEquals("java.lang.IllegalStateException: stan: connection closed",
                assertThrows(IOException.class, () -> Futures.await(failed)).getMessage());
    }
}

package io.jstan.cli.tools;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting on the futures that acks and deliveries complete, their failures told as IOExceptions. */
final class Futures {
    private Futures() {
    }

    /** Completes when all of {@code futures} have, or fails as soon as one of them fails (where allOf would wait for the rest). */
    static CompletableFuture<Void> allOrFirstFailure(List<? extends CompletableFuture<?>> futures) {
        CompletableFuture<Void> all = CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
        for (CompletableFuture<?> future : futures) {
            future.whenComplete((result, failure) -> {
                if (failure != null) {
                    all.completeExceptionally(failure);
                }
            });
        }
        return all;
    }

    static <T> T await(CompletableFuture<T> future) throws IOException, InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw asIoException(e.getCause());
        }
    }

    /** @return whether {@code future} completed within {@code timeout} */
    static boolean awaitFor(CompletableFuture<?> future, Duration timeout) throws IOException, InterruptedException {
        try {
            future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw asIoException(e.getCause());
        }
    }

    private static IOException asIoException(Throwable failure) {
        if (failure instanceof CompletionException && failure.getCause() != null) {
            return asIoException(failure.getCause());
        }
        return failure instanceof IOException io ? io : new IOException(failure.toString(), failure);
    }
}

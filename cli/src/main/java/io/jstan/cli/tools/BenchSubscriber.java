package io.jstan.cli.tools;

import io.nats.streaming.Message;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.SubscriptionOptions;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One bench subscriber: counts what it receives until its {@link ReceiveTarget} is reached.
 * Its sample runs from its first message to the moment the target was reached.
 */
final class BenchSubscriber implements AutoCloseable {
    private final StreamingConnection connection;
    private final ReceiveTarget target;
    private final int messageSize;
    private final BenchProgress progress;
    private final AtomicLong received = new AtomicLong();
    /** Read by whichever member of a queue group reaches the target. */
    private volatile long firstNanos;

    BenchSubscriber(StreamingConnection connection, ReceiveTarget target, int messageSize, BenchProgress progress) {
        this.connection = connection;
        this.target = target;
        this.messageSize = messageSize;
        this.progress = progress;
    }

    /**
     * Subscribes to each of {@code channels}, from its first message unless {@code newOnly}.
     *
     * @param queueGroup null for a plain subscriber
     */
    void subscribe(List<String> channels, String queueGroup, boolean newOnly) throws IOException, TimeoutException, InterruptedException {
        SubscriptionOptions.Builder options = new SubscriptionOptions.Builder();
        if (!newOnly) {
            options.deliverAllAvailable();
        }
        for (String channel : channels) {
            connection.subscribe(channel, queueGroup, this::onMessage, options.build());
        }
    }

    /** Completes once the target is reached. */
    CompletableFuture<Sample> done() {
        return target.reachedAt().thenApply(end -> {
            long messages = received.get();
            return new Sample(messages, messages * messageSize, messages == 0 ? end : firstNanos, end);
        });
    }

    private void onMessage(Message message) {
        if (target.reached()) {
            return;
        }
        long now = System.nanoTime();
        if (received.get() == 0) {
            firstNanos = now;
        }
        received.incrementAndGet();
        progress.oneReceived();
        target.count(now);
    }

    @Override
    public void close() throws IOException, TimeoutException, InterruptedException {
        connection.close();
    }
}

package io.jstan.cli.tools;

import io.nats.streaming.StreamingConnection;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One bench publisher on a thread of its own: publishes its share of the messages, to each of the
 * channels in turn, and records
 * each one's time from the call to publish to the ack. Synchronously that is one round trip;
 * asynchronously it includes the wait for a free place among the acks in flight.
 */
final class BenchPublisher implements AutoCloseable {
    private final String name;
    private final StreamingConnection connection;
    private final List<String> channels;
    private final int count;
    private final byte[] payload;
    private final Histogram latency;
    private final BenchProgress progress;

    /** @param latency shared by the publishers, so one that is written to from several threads */
    BenchPublisher(String name, StreamingConnection connection, List<String> channels, int count, byte[] payload,
                   Histogram latency, BenchProgress progress) {
        this.name = name;
        this.connection = connection;
        this.channels = channels;
        this.count = count;
        this.payload = payload;
        this.latency = latency;
        this.progress = progress;
    }

    /** Starts publishing; completes when the last ack is in. */
    CompletableFuture<Sample> start(boolean async) {
        CompletableFuture<Sample> sample = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                sample.complete(async ? publishAsync() : publishSync());
            } catch (IOException | TimeoutException | RuntimeException e) {
                sample.completeExceptionally(e);
            } catch (InterruptedException e) {
                sample.completeExceptionally(e);
                Thread.currentThread().interrupt();
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return sample;
    }

    private Sample publishSync() throws IOException, TimeoutException, InterruptedException {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long sent = System.nanoTime();
            connection.publish(channels.get(i % channels.size()), payload);
            latency.recordValue(System.nanoTime() - sent);
            progress.onePublished();
        }
        return sample(start, System.nanoTime());
    }

    private Sample publishAsync() throws IOException, TimeoutException, InterruptedException {
        CompletableFuture<Long> lastAck = new CompletableFuture<>();
        AtomicInteger acked = new AtomicInteger();
        long start = System.nanoTime();
        for (int i = 0; i < count && !lastAck.isDone(); i++) {
            long sent = System.nanoTime();
            connection.publish(channels.get(i % channels.size()), payload, (guid, error) -> {
                long now = System.nanoTime();
                if (error != null) {
                    lastAck.completeExceptionally(new IOException(name + ": ack for guid " + guid + ": " + error.getMessage(), error));
                    return;
                }
                latency.recordValue(now - sent);
                progress.onePublished();
                if (acked.incrementAndGet() == count) {
                    lastAck.complete(now);
                }
            });
        }
        return sample(start, Futures.await(lastAck));
    }

    private Sample sample(long start, long end) {
        return new Sample(count, (long) count * payload.length, start, end);
    }

    @Override
    public void close() throws IOException, TimeoutException, InterruptedException {
        connection.close();
    }
}

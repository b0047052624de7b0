package io.jstan.cli.bench;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import io.nats.client.Options;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One jnats publisher and one jnats subscriber on one subject, on the same server or on two
 * routed servers: first {@code warmup} messages untimed, then {@code messages} timed from the
 * first publish until the last is received.
 */
final class PubSubThroughput {
    private static final String SUBJECT = "bench";
    private static final String PROBE = "bench.probe";
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(250);
    private static final Duration INTEREST_DEADLINE = Duration.ofSeconds(30);

    private final int messages;
    private final int warmup;

    PubSubThroughput(int messages, int warmup) {
        this.messages = messages;
        this.warmup = warmup;
    }

    /** Messages per second, the publisher on {@code publisherUrl}, the subscriber on {@code subscriberUrl}. */
    double measure(String publisherUrl, String subscriberUrl, int size) throws Exception {
        try (Connection subscriber = Nats.connect(options(subscriberUrl)); Connection publisher = Nats.connect(options(publisherUrl))) {
            AtomicReference<CountDownLatch> done = new AtomicReference<>();
            AtomicLong remaining = new AtomicLong();
            Dispatcher dispatcher = subscriber.createDispatcher(message -> {
                if (remaining.decrementAndGet() == 0) {
                    done.get().countDown();
                }
            });
            dispatcher.subscribe(SUBJECT);
            dispatcher.setPendingLimits(-1, -1);
            awaitInterest(subscriber, publisher);
            byte[] payload = new byte[size];
            if (warmup > 0) {
                send(publisher, payload, warmup, remaining, done, subscriberUrl);
            }
            long start = System.nanoTime();
            send(publisher, payload, messages, remaining, done, subscriberUrl);
            return messages / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static Options options(String url) {
        return new Options.Builder().server(url).maxReconnects(0).build();
    }

    /**
     * Until the publisher's server knows of the subscription (across a route it arrives a little
     * later): a probe subscribed after it on the same connection answers a request.
     */
    private static void awaitInterest(Connection subscriber, Connection publisher) throws Exception {
        Dispatcher answering = subscriber.createDispatcher(request -> subscriber.publish(request.getReplyTo(), new byte[0]));
        answering.subscribe(PROBE);
        subscriber.flush(Duration.ofSeconds(5));
        long deadline = System.nanoTime() + INTEREST_DEADLINE.toNanos();
        while (true) {
            try {
                publisher.requestWithTimeout(PROBE, new byte[0], PROBE_TIMEOUT).get();
                subscriber.closeDispatcher(answering);
                return;
            } catch (ExecutionException | CancellationException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the subscription did not reach the publisher's server in " + INTEREST_DEADLINE);
                }
            }
        }
    }

    private static void send(Connection publisher, byte[] payload, int count, AtomicLong remaining,
                             AtomicReference<CountDownLatch> done, String url) throws Exception {
        CountDownLatch received = new CountDownLatch(1);
        done.set(received);
        remaining.set(count);
        for (int i = 0; i < count; i++) {
            publisher.publish(SUBJECT, payload);
        }
        publisher.flush(Duration.ofSeconds(30));
        if (!received.await(2, TimeUnit.MINUTES)) {
            throw new IllegalStateException((count - remaining.get()) + " of " + count + " received from " + url);
        }
    }
}

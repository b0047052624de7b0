package io.jstan.cli.tools;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The bench summary, to the character: NATS bench's layout, then the latency percentiles. */
class BenchReportTest {
    private static final long MS = 1_000_000;

    private static Histogram latencies(long... nanos) {
        Histogram histogram = new Histogram(3);
        for (long value : nanos) {
            histogram.recordValue(value);
        }
        return histogram;
    }

    /** 500 publishes at 0.1 ms, 400 at 1 ms, 90 at 5 ms, 9 at 20 ms, 1 at 80 ms. */
    private static Histogram spreadLatencies() {
        Histogram histogram = new Histogram(3);
        histogram.recordValueWithCount(100_000, 500);
        histogram.recordValueWithCount(1_000_000, 400);
        histogram.recordValueWithCount(5_000_000, 90);
        histogram.recordValueWithCount(20_000_000, 9);
        histogram.recordValueWithCount(80_000_000, 1);
        return histogram;
    }

    @Test
    void onePublisherAndOneSubscriber() {
        Sample publisher = new Sample(1000, 128_000, 0, 500 * MS);
        Sample subscriber = new Sample(1000, 128_000, 100 * MS, 600 * MS);

        assertEquals("""
                NATS Streaming Pub/Sub stats: 3,333 msgs/sec ~ 416.67 KB/sec
                 Pub stats: 2,000 msgs/sec ~ 250.00 KB/sec
                 Sub stats: 2,000 msgs/sec ~ 250.00 KB/sec
                 Pub latency (sync publish to ack, 1,000 msgs): p50 0.100 ms | p90 1.000 ms | p99 5.001 ms | p99.9 20.005 ms | max 80.019 ms
                """, BenchReport.render(List.of(publisher), List.of(subscriber), spreadLatencies(), "sync publish to ack"));
    }

    @Test
    void severalPublishersAreListedWithTheSpreadOfTheirRates() {
        Sample fast = new Sample(500, 500 * 32, 0, 250 * MS);
        Sample slow = new Sample(400, 400 * 32, 0, 500 * MS);

        assertEquals("""
                Pub stats: 1,800 msgs/sec ~ 56.25 KB/sec
                 [1] 2,000 msgs/sec ~ 62.50 KB/sec (500 msgs)
                 [2] 800 msgs/sec ~ 25.00 KB/sec (400 msgs)
                 min 800 | avg 1,400 | max 2,000 | stddev 600 msgs
                Pub latency (async publish to ack, at most 512 in flight, 2 msgs): \
                p50 0.250 ms | p90 0.250 ms | p99 0.250 ms | p99.9 0.250 ms | max 0.250 ms
                """, BenchReport.render(List.of(fast, slow), List.of(), latencies(250_000, 250_000),
                "async publish to ack, at most 512 in flight"));
    }

    @Test
    void severalSubscribersUnderTheOverallLine() {
        Sample publisher = new Sample(1000, 1000, 0, 1000 * MS);
        Sample first = new Sample(1000, 1000, 0, 1000 * MS);
        Sample second = new Sample(1000, 1000, 0, 500 * MS);

        assertEquals("""
                NATS Streaming Pub/Sub stats: 3,000 msgs/sec ~ 2.93 KB/sec
                 Pub stats: 1,000 msgs/sec ~ 1000.00 B/sec
                 Sub stats: 2,000 msgs/sec ~ 1.95 KB/sec
                  [1] 1,000 msgs/sec ~ 1000.00 B/sec (1000 msgs)
                  [2] 2,000 msgs/sec ~ 1.95 KB/sec (1000 msgs)
                  min 1,000 | avg 1,500 | max 2,000 | stddev 500 msgs
                 Pub latency (sync publish to ack, 1 msgs): p50 1.000 ms | p90 1.000 ms | p99 1.000 ms | p99.9 1.000 ms | max 1.000 ms
                """, BenchReport.render(List.of(publisher), List.of(first, second), latencies(1_000_000), "sync publish to ack"));
    }

    @Test
    void throughputInMegabytes() {
        Sample publisher = new Sample(100_000, 12_800_000, 0, 1000 * MS);

        assertEquals("""
                Pub stats: 100,000 msgs/sec ~ 12.21 MB/sec
                Pub latency (sync publish to ack, 1 msgs): p50 0.001 ms | p90 0.001 ms | p99 0.001 ms | p99.9 0.001 ms | max 0.001 ms
                """, BenchReport.render(List.of(publisher), List.of(), latencies(1_000), "sync publish to ack"));
    }
}

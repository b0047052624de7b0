package io.jstan.cli.tools;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The summary {@code jstan bench} prints: NATS bench's report (overall, publishers and
 * subscribers in msgs/sec and bytes/sec, each client and min/avg/max/stddev when there are
 * several), then the publish latency percentiles.
 */
final class BenchReport {
    private static final String NAME = "NATS Streaming";
    private static final String[] UNITS = {"KB", "MB", "GB", "TB", "PB", "EB"};
    private static final List<Percentile> PERCENTILES = List.of(
            new Percentile("p50", 50), new Percentile("p90", 90), new Percentile("p99", 99), new Percentile("p99.9", 99.9));

    private record Percentile(String label, double value) {
    }

    private BenchReport() {
    }

    /**
     * @param latency      nanoseconds from each publish to its ack
     * @param latencyLabel how the latency was measured, such as {@code sync publish to ack}
     */
    static String render(List<Sample> publishers, List<Sample> subscribers, Histogram latency, String latencyLabel) {
        StringBuilder report = new StringBuilder();
        String indent = "";
        if (!publishers.isEmpty() && !subscribers.isEmpty()) {
            List<Sample> all = new ArrayList<>(publishers);
            all.addAll(subscribers);
            report.append(NAME).append(" Pub/Sub stats: ").append(describe(Sample.combined(all))).append('\n');
            indent = " ";
        }
        appendGroup(report, indent, "Pub", publishers);
        appendGroup(report, indent, "Sub", subscribers);
        if (latency.getTotalCount() > 0) {
            report.append(indent).append(latencyLine(latency, latencyLabel)).append('\n');
        }
        return report.toString();
    }

    private static void appendGroup(StringBuilder report, String indent, String name, List<Sample> samples) {
        if (samples.isEmpty()) {
            return;
        }
        report.append(indent).append(name).append(" stats: ").append(describe(Sample.combined(samples))).append('\n');
        if (samples.size() > 1) {
            for (int i = 0; i < samples.size(); i++) {
                Sample sample = samples.get(i);
                report.append(indent).append(" [").append(i + 1).append("] ").append(describe(sample))
                        .append(" (").append(sample.messages()).append(" msgs)\n");
            }
            report.append(indent).append(' ').append(statistics(samples)).append('\n');
        }
    }

    private static String describe(Sample sample) {
        return commas(sample.rate()) + " msgs/sec ~ " + humanBytes(sample.throughput()) + "/sec";
    }

    /** The spread of the clients' rates; the average is truncated before the deviation is taken from it. */
    private static String statistics(List<Sample> samples) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        long sum = 0;
        for (Sample sample : samples) {
            min = Math.min(min, sample.rate());
            max = Math.max(max, sample.rate());
            sum += sample.rate();
        }
        long average = sum / samples.size();
        double squares = 0;
        for (Sample sample : samples) {
            squares += Math.pow(sample.rate() - average, 2);
        }
        long stddev = (long) Math.sqrt(squares / samples.size());
        return "min " + commas(min) + " | avg " + commas(average) + " | max " + commas(max)
                + " | stddev " + commas(stddev) + " msgs";
    }

    private static String latencyLine(Histogram latency, String label) {
        StringBuilder line = new StringBuilder("Pub latency (").append(label).append(", ")
                .append(commas(latency.getTotalCount())).append(" msgs):");
        for (Percentile percentile : PERCENTILES) {
            line.append(' ').append(percentile.label()).append(' ')
                    .append(millis(latency.getValueAtPercentile(percentile.value()))).append(" |");
        }
        return line.append(" max ").append(millis(latency.getMaxValue())).toString();
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
    }

    private static String commas(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** In powers of 1024, as NATS bench: {@code 512.00 B}, {@code 15.26 MB}. */
    private static String humanBytes(double bytes) {
        if (bytes < 1024) {
            return String.format(Locale.ROOT, "%.2f B", bytes);
        }
        int exponent = (int) (Math.log(bytes) / Math.log(1024));
        return String.format(Locale.ROOT, "%.2f %s", bytes / Math.pow(1024, exponent), UNITS[exponent - 1]);
    }
}

package io.jstan.cli.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Core NATS throughput, jstan's embedded server against Debian's nats-server in one run:
 * one jnats publisher and one jnats subscriber on a subject, for each payload size,
 * each server started as its own process. Each run first sends {@code --warmup} messages
 * untimed (the JVM compiles its hot paths meanwhile; nats-server needs no warm-up, so this
 * favours neither), then times {@code --msgs} messages. Prints msgs/s for both and their
 * ratio, and each server's time from process start to its first accepted connection.
 *
 * <pre>java -cp cli/target/jstan.jar io.jstan.cli.bench.CoreNatsBench [--msgs N] [--warmup N] [--sizes 16,128] [--runs 3]</pre>
 */
public final class CoreNatsBench {
    private final BenchSettings settings;

    private CoreNatsBench(BenchSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        new CoreNatsBench(BenchSettings.parse(args, new int[]{16, 128}, CoreNatsBench.class)).run();
    }

    private void run() throws Exception {
        PubSubThroughput throughput = settings.throughput();
        int runs = settings.runs();
        Path jar = settings.jar();
        String natsServer = settings.natsServer();
        System.out.printf("jnats 1 publisher -> 1 subscriber, %,d messages after %,d untimed, median of %d runs, %d cores%n",
                settings.messages(), settings.warmup(), runs, Runtime.getRuntime().availableProcessors());
        System.out.printf("%-6s %16s %16s %7s%n", "size", "jstan msgs/s", "nats-server msgs/s", "ratio");
        for (int size : settings.sizes()) {
            List<Double> jstanRates = new ArrayList<>();
            List<Double> natsRates = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                try (ServerProcess server = ServerProcess.jstan(jar)) {
                    jstanRates.add(throughput.measure(server.url(), server.url(), size));
                }
                try (ServerProcess server = ServerProcess.natsServer(natsServer)) {
                    natsRates.add(throughput.measure(server.url(), server.url(), size));
                }
            }
            double jstan = median(jstanRates);
            double nats = median(natsRates);
            System.out.printf("%-6s %,16.0f %,16.0f %7.2f   runs: jstan %s, nats-server %s%n", size + " B", jstan, nats,
                    jstan / nats, thousands(jstanRates), thousands(natsRates));
        }
        List<Double> jstanStarts = new ArrayList<>();
        List<Double> natsStarts = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            try (ServerProcess server = ServerProcess.jstan(jar)) {
                jstanStarts.add((double) server.startup().toMillis());
            }
            try (ServerProcess server = ServerProcess.natsServer(natsServer)) {
                natsStarts.add((double) server.startup().toMillis());
            }
        }
        System.out.printf("start to accepting: jstan %.0f ms, nats-server %.0f ms (median of %d)%n",
                median(jstanStarts), median(natsStarts), runs);
    }

    static String thousands(List<Double> rates) {
        return rates.stream().map(rate -> String.format("%,.0fk", rate / 1000)).toList().toString();
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}

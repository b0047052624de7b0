package io.jstan.cli.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Throughput across a route: one jnats publisher on server A, one jnats subscriber on server B,
 * B routed to A; a jstan–jstan pair and a nats-server–nats-server pair in one run, each server
 * its own process, fresh for every run. Each run sends {@code --warmup} messages untimed, then
 * times {@code --msgs}. Prints msgs/s for both pairs and their ratio.
 *
 * <pre>java -cp cli/target/jstan.jar io.jstan.cli.bench.RoutedNatsBench [--msgs N] [--warmup N] [--sizes 128] [--runs 5] [--nats-server PATH]</pre>
 */
public final class RoutedNatsBench {
    private final BenchSettings settings;
    private final PubSubThroughput throughput;

    private RoutedNatsBench(BenchSettings settings) {
        this.settings = settings;
        this.throughput = settings.throughput();
    }

    public static void main(String[] args) throws Exception {
        BenchSettings settings = BenchSettings.parse(args, new int[]{128}, RoutedNatsBench.class);
        System.out.printf("jnats 1 publisher on A -> 1 subscriber on B across a route, %,d messages after %,d untimed,"
                + " median of %d runs, %d cores%n", settings.messages(), settings.warmup(), settings.runs(),
                Runtime.getRuntime().availableProcessors());
        new RoutedNatsBench(settings).run();
    }

    private void run() throws Exception {
        System.out.printf("%-6s %16s %16s %7s%n", "size", "jstan msgs/s", "nats-server msgs/s", "ratio");
        for (int size : settings.sizes()) {
            List<Double> jstanRates = new ArrayList<>();
            List<Double> natsRates = new ArrayList<>();
            for (int r = 0; r < settings.runs(); r++) {
                jstanRates.add(measureJstanPair(size));
                natsRates.add(measureNatsServerPair(size));
            }
            double jstan = CoreNatsBench.median(jstanRates);
            double nats = CoreNatsBench.median(natsRates);
            System.out.printf("%-6s %,16.0f %,16.0f %7.2f   runs: jstan %s, nats-server %s%n", size + " B", jstan, nats,
                    jstan / nats, CoreNatsBench.thousands(jstanRates), CoreNatsBench.thousands(natsRates));
        }
    }

    private double measureJstanPair(int size) throws Exception {
        int routePort = ServerProcess.freePort();
        try (ServerProcess a = ServerProcess.jstan(settings.jar(), List.of("-cid", "bench-a", "--cluster", listen(routePort)));
             ServerProcess b = ServerProcess.jstan(settings.jar(), List.of("-cid", "bench-b", "--cluster", listen(ServerProcess.freePort()),
                     "--routes", route(routePort)))) {
            return throughput.measure(a.url(), b.url(), size);
        }
    }

    private double measureNatsServerPair(int size) throws Exception {
        int routePort = ServerProcess.freePort();
        try (ServerProcess a = ServerProcess.natsServer(settings.natsServer(), List.of("--cluster", listen(routePort)));
             ServerProcess b = ServerProcess.natsServer(settings.natsServer(), List.of("--cluster", listen(ServerProcess.freePort()),
                     "--routes", route(routePort)))) {
            return throughput.measure(a.url(), b.url(), size);
        }
    }

    private static String listen(int port) {
        return "nats://127.0.0.1:" + port;
    }

    private static String route(int port) {
        return "nats-route://127.0.0.1:" + port;
    }
}

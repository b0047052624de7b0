package io.jstan.cli.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Throughput across a route: one jnats publisher on server A, one jnats subscriber on server B,
 * B routed to A; a jstan–jstan pair and a nats-server–nats-server pair in one run, each server
 * its own process, fresh for every run. Each run sends {@code --warmup} messages untimed, then
 * times {@code --msgs}. Prints msgs/s for both pairs and their ratio.
 *
 * <pre>java -cp cli/target/jstan.jar io.jstan.cli.bench.RoutedNatsBench [--msgs N] [--warmup N] [--size 128] [--runs 5]</pre>
 */
public final class RoutedNatsBench {
    private final PubSubThroughput throughput;
    private final int size;
    private final int runs;
    private final Path jar;
    private final String natsServer;

    private RoutedNatsBench(PubSubThroughput throughput, int size, int runs, Path jar, String natsServer) {
        this.throughput = throughput;
        this.size = size;
        this.runs = runs;
        this.jar = jar;
        this.natsServer = natsServer;
    }

    public static void main(String[] args) throws Exception {
        int messages = 1_000_000;
        int warmup = 4_000_000;
        int size = 128;
        int runs = 5;
        String natsServer = "nats-server";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--msgs" -> messages = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--size" -> size = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--nats-server" -> natsServer = args[++i];
                default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
        }
        Path jar = Path.of(RoutedNatsBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("run this from the jar: java -cp cli/target/jstan.jar " + RoutedNatsBench.class.getName());
        }
        System.out.printf("jnats 1 publisher on A -> 1 subscriber on B across a route, %d B, %,d messages after %,d untimed,"
                + " median of %d runs, %d cores%n", size, messages, warmup, runs, Runtime.getRuntime().availableProcessors());
        new RoutedNatsBench(new PubSubThroughput(messages, warmup), size, runs, jar, natsServer).run();
    }

    private void run() throws Exception {
        List<Double> jstanRates = new ArrayList<>();
        List<Double> natsRates = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            jstanRates.add(measureJstanPair());
            natsRates.add(measureNatsServerPair());
        }
        double jstan = CoreNatsBench.median(jstanRates);
        double nats = CoreNatsBench.median(natsRates);
        System.out.printf("%16s %16s %7s%n", "jstan msgs/s", "nats-server msgs/s", "ratio");
        System.out.printf("%,16.0f %,16.0f %7.2f   runs: jstan %s, nats-server %s%n", jstan, nats, jstan / nats,
                CoreNatsBench.thousands(jstanRates), CoreNatsBench.thousands(natsRates));
    }

    private double measureJstanPair() throws Exception {
        int routePort = ServerProcess.freePort();
        try (ServerProcess a = ServerProcess.jstan(jar, List.of("-cid", "bench-a", "--cluster", listen(routePort)));
             ServerProcess b = ServerProcess.jstan(jar, List.of("-cid", "bench-b", "--cluster", listen(ServerProcess.freePort()),
                     "--routes", route(routePort)))) {
            return throughput.measure(a.url(), b.url(), size);
        }
    }

    private double measureNatsServerPair() throws Exception {
        int routePort = ServerProcess.freePort();
        try (ServerProcess a = ServerProcess.natsServer(natsServer, List.of("--cluster", listen(routePort)));
             ServerProcess b = ServerProcess.natsServer(natsServer, List.of("--cluster", listen(ServerProcess.freePort()),
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

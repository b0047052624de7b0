package io.jstan.cli.bench;

import io.jstan.cli.bench.BenchCluster.Kind;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.streaming.NatsStreaming;
import io.nats.streaming.StreamingConnection;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Three clustered nodes on this machine, jstan's against nats-streaming-server's, interleaved in one
 * run, each cluster fresh for every run: Go's stan-bench against one node (async publish, one
 * publisher and one subscriber, synchronous publish), and failover (kill -9 of the leader, then
 * the time until a publish sent after it is acknowledged). Prints every run, the medians and their
 * ratio, and the nodes' peak RSS.
 *
 * <pre>java -cp cli/target/jstan.jar io.jstan.cli.bench.ClusterBench [--runs 3] [--kills 10]
 *     [--reference PATH] [--stan-bench PATH] [--jstan "COMMAND"] [async] [pubsub] [sync] [failover]</pre>
 */
public final class ClusterBench {
    private static final Pattern RATE = Pattern.compile("(Pub stats|NATS Streaming Pub/Sub stats): ([\\d,]+) msgs/sec");
    private static final Map<String, List<String>> WORKLOADS = Map.of(
            "async", List.of("-np", "1", "-ns", "0", "-n", "1000000", "-ms", "128"),
            "pubsub", List.of("-np", "1", "-ns", "1", "-n", "500000", "-ms", "128"),
            "sync", List.of("-sync", "-np", "1", "-ns", "0", "-n", "20000", "-ms", "128"));
    private static final Duration PUBLISH_EVERY = Duration.ofMillis(5);

    private final int runs;
    private final int kills;
    private final Map<Kind, List<String>> servers = new EnumMap<>(Kind.class);
    private final String stanBench;

    private ClusterBench(int runs, int kills, List<String> jstan, String reference, String stanBench) {
        this.runs = runs;
        this.kills = kills;
        this.servers.put(Kind.JSTAN, jstan);
        this.servers.put(Kind.REFERENCE, List.of(reference));
        this.stanBench = stanBench;
    }

    public static void main(String[] args) throws Exception {
        int runs = 3;
        int kills = 10;
        String reference = "../shared/bench/bin/nats-streaming-server";
        String stanBench = "../shared/bench/bin/stan-bench";
        List<String> jstan = null;
        List<String> workloads = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--kills" -> kills = Integer.parseInt(args[++i]);
                case "--reference" -> reference = args[++i];
                case "--stan-bench" -> stanBench = args[++i];
                case "--jstan" -> jstan = List.of(args[++i].split(" "));
                default -> workloads.add(args[i]);
            }
        }
        if (workloads.isEmpty()) {
            workloads = List.of("async", "pubsub", "sync", "failover");
        }
        if (jstan == null) {
            Path jar = Path.of(ClusterBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            jstan = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString());
        }
        ClusterBench bench = new ClusterBench(runs, kills, jstan, reference, stanBench);
        System.out.printf("3 clustered nodes (FILE store, routes) and the client on %d cores, %d runs each%n",
                Runtime.getRuntime().availableProcessors(), runs);
        for (String workload : workloads) {
            bench.run(workload);
        }
    }

    private void run(String workload) throws Exception {
        Map<Kind, List<Double>> results = new EnumMap<>(Kind.class);
        Map<Kind, Long> rss = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            results.put(kind, new ArrayList<>());
        }
        for (int run = 1; run <= runs; run++) {
            for (Kind kind : Kind.values()) {
                Path dir = Files.createTempDirectory("cluster-bench-" + kind.name().toLowerCase());
                try (BenchCluster cluster = BenchCluster.start(kind, servers.get(kind), dir)) {
                    double value = workload.equals("failover") ? failoverMillis(cluster) : rate(cluster, workload);
                    results.get(kind).add(value);
                    rss.merge(kind, cluster.peakRssMegabytes(), Math::max);
                    System.out.printf("%-8s %-9s run %d: %,.0f %s%n", workload, kind, run, value, unit(workload));
                }
                deleteTree(dir);
            }
        }
        double jstan = median(results.get(Kind.JSTAN));
        double reference = median(results.get(Kind.REFERENCE));
        System.out.printf("%-8s medians: jstan %,.0f, nats-streaming-server %,.0f %s; jstan/nss %.2f; peak RSS of 3 nodes"
                + " %d MB / %d MB%n", workload, jstan, reference, unit(workload), jstan / reference, rss.get(Kind.JSTAN),
                rss.get(Kind.REFERENCE));
    }

    private static String unit(String workload) {
        return workload.equals("failover") ? "ms (median of the kills)" : "msgs/s";
    }

    /** stan-bench against a follower (so that requests cross a route, as for most clients of a cluster). */
    private double rate(BenchCluster cluster, String workload) throws Exception {
        int follower = (cluster.awaitLeader(-1) + 1) % 3;
        cluster.awaitServed(follower);
        List<String> command = new ArrayList<>(List.of(stanBench, "-s", cluster.url(follower), "-c", BenchCluster.CLUSTER_ID));
        command.addAll(WORKLOADS.get(workload));
        command.add("bench");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            output = String.join("\n", in.lines().toList());
        }
        process.waitFor();
        Matcher matcher = RATE.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("no rate in stan-bench's output:\n" + output);
        }
        return Double.parseDouble(matcher.group(2).replace(",", ""));
    }

    /**
     * Kills the leader {@code kills} times, restarting it each time: a publisher connected to a
     * follower publishes every 5 ms; the failover is the time from the kill to the first
     * acknowledgement of a publish sent after it. Returns the median.
     */
    private double failoverMillis(BenchCluster cluster) throws Exception {
        List<Double> failovers = new ArrayList<>();
        for (int kill = 0; kill < kills; kill++) {
            int leader = cluster.awaitLeader(-1);
            int follower = (leader + 1) % 3;
            cluster.awaitServed(follower);
            // Only the NATS connection is closed afterwards: java-nats-streaming's close fails on
            // publishes still waiting for their PubAck (those sent to the killed leader).
            try (Connection nats = Nats.connect(cluster.url(follower))) {
                StreamingConnection publisher = NatsStreaming.connect(BenchCluster.CLUSTER_ID, "failover-" + kill,
                        new io.nats.streaming.Options.Builder().natsConn(nats).pubAckWait(Duration.ofSeconds(30)).build());
                publisher.publish("failover", new byte[128]);
                long killed = System.nanoTime();
                cluster.kill(leader);
                AtomicLong firstAck = new AtomicLong();
                while (firstAck.get() == 0 && System.nanoTime() - killed < Duration.ofSeconds(60).toNanos()) {
                    publisher.publish("failover", new byte[128], (guid, error) -> {
                        if (error == null) {
                            firstAck.compareAndSet(0, System.nanoTime());
                        }
                    });
                    Thread.sleep(PUBLISH_EVERY.toMillis());
                }
                failovers.add((firstAck.get() - killed) / 1e6);
            }
            cluster.restart(leader);
        }
        System.out.println("  failovers (ms): " + failovers.stream().map(ms -> String.format("%.0f", ms)).toList());
        return median(failovers);
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths.sorted((a, b) -> b.getNameCount() - a.getNameCount())::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }
}

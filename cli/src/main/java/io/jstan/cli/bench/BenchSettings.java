package io.jstan.cli.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The arguments the core NATS benchmarks share ({@code --msgs}, {@code --warmup}, {@code --sizes},
 * {@code --runs}, {@code --nats-server}), and the jstan jar they run from, started as servers.
 */
record BenchSettings(int messages, int warmup, int[] sizes, int runs, String natsServer, Path jar) {

    static BenchSettings parse(String[] args, int[] defaultSizes, Class<?> main) throws Exception {
        int messages = 1_000_000;
        int warmup = 4_000_000;
        int[] sizes = defaultSizes;
        int runs = 5;
        String natsServer = "nats-server";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--msgs" -> messages = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--sizes" -> sizes = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--nats-server" -> natsServer = args[++i];
                default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
        }
        Path jar = Path.of(main.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("run this from the jar: java -cp cli/target/jstan.jar " + main.getName());
        }
        return new BenchSettings(messages, warmup, sizes, runs, natsServer, jar);
    }

    PubSubThroughput throughput() {
        return new PubSubThroughput(messages, warmup);
    }
}

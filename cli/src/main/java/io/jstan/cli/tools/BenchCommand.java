package io.jstan.cli.tools;

import io.jstan.cli.options.UsageException;
import io.nats.streaming.Options;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

/**
 * {@code jstan bench}: stan.go's stan-bench. Subscribers subscribe first, then every publisher
 * connects, then all publish their share of {@code -n} messages at once; stderr shows the
 * progress, stdout gets {@link BenchReport}.
 */
@Command(name = "jstan bench", sortOptions = false,
        description = "Measures publish and delivery rates and publish latency on <channel> (or -nc channels named after it).")
final class BenchCommand implements ClientTool {
    private static final Duration TERMINAL_REFRESH = Duration.ofMillis(200);
    private static final Duration PLAIN_REFRESH = Duration.ofSeconds(1);

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Option(names = "-id", paramLabel = "<prefix>",
            description = "Client ID prefix: <prefix>-pub-<i>, <prefix>-sub-<i> (default: ${DEFAULT-VALUE})")
    String clientIdPrefix = "benchmark";

    @Option(names = "-np", paramLabel = "<n>", description = "Number of publishers (default: ${DEFAULT-VALUE})")
    int publishers = 1;

    @Option(names = "-ns", paramLabel = "<n>", description = "Number of subscribers (default: ${DEFAULT-VALUE})")
    int subscribers;

    @Option(names = "-nc", paramLabel = "<n>",
            description = "Number of channels: <channel>.0 to <channel>.<n-1>, published to in turn, each subscriber"
                    + " subscribed to every one (default: 1, <channel> itself)")
    int channels = 1;

    @Option(names = "-n", paramLabel = "<n>", description = "Number of messages to publish (default: ${DEFAULT-VALUE})")
    int messages = 100_000;

    @Option(names = "-ms", paramLabel = "<bytes>", description = "Message size (default: ${DEFAULT-VALUE})")
    int messageSize = 128;

    @Option(names = {"-a", "--async"}, arity = "0..1", paramLabel = "<bool>",
            description = "Publish asynchronously (default: true; -a=false waits for each ack)")
    boolean async = true;

    @Option(names = "-mpa", paramLabel = "<n>",
            description = "Max published acks in flight per publisher (default: ${DEFAULT-VALUE})")
    int maxPubAcksInFlight = 512;

    @Option(names = "-io", arity = "0..1", paramLabel = "<bool>", description = "Subscribers ignore old messages")
    boolean ignoreOld;

    @Option(names = "-qgroup", paramLabel = "<name>", description = "Queue group of the subscribers")
    String queueGroup;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this message")
    boolean help;

    @Parameters(paramLabel = "<channel>", description = "The channel to publish to and subscribe to")
    String channel;

    /** stan-bench's name for {@code -a=false}. */
    @Option(names = "-sync", arity = "0..1", paramLabel = "<bool>",
            description = "Publish synchronously (stan-bench's flag; same as -a=false)")
    void sync(boolean sync) {
        async = !sync;
    }

    @Override
    public int run(PrintStream out, PrintStream err) throws UsageException, IOException, TimeoutException, InterruptedException {
        requireAtLeast("-np", publishers, 1);
        requireAtLeast("-ns", subscribers, 0);
        requireAtLeast("-nc", channels, 1);
        requireAtLeast("-n", messages, 1);
        requireAtLeast("-ms", messageSize, 0);
        requireAtLeast("-mpa", maxPubAcksInFlight, 1);
        err.printf("Starting benchmark [msgs=%d, msgsize=%d, pubs=%d, subs=%d%s]%n", messages, messageSize, publishers, subscribers,
                channels == 1 ? "" : ", channels=" + channels);

        BenchProgress progress = new BenchProgress();
        Histogram latency = new ConcurrentHistogram(3);
        try (BenchClients clients = new BenchClients()) {
            List<CompletableFuture<Sample>> received = subscribe(progress, clients, err);
            List<BenchPublisher> publishing = connectPublishers(latency, progress, clients, err);
            List<CompletableFuture<Sample>> published = new ArrayList<>();
            for (BenchPublisher publisher : publishing) {
                published.add(publisher.start(async));
            }
            List<CompletableFuture<Sample>> all = new ArrayList<>(published);
            all.addAll(received);
            showProgressUntilDone(Futures.allOrFirstFailure(all), progress, err);
            out.print(BenchReport.render(results(published), results(received), latency,
                    async ? "async publish to ack, at most " + maxPubAcksInFlight + " in flight" : "sync publish to ack"));
        }
        return 0;
    }

    private List<CompletableFuture<Sample>> subscribe(BenchProgress progress, BenchClients clients, PrintStream err)
            throws IOException, TimeoutException, InterruptedException {
        ReceiveTarget groupTarget = new ReceiveTarget(messages);
        List<CompletableFuture<Sample>> done = new ArrayList<>();
        for (int i = 0; i < subscribers; i++) {
            String id = clientIdPrefix + "-sub-" + i;
            ReceiveTarget target = queueGroup != null ? groupTarget : new ReceiveTarget(messages);
            BenchSubscriber subscriber = clients.add(
                    new BenchSubscriber(connection.connect(id, new Options.Builder(), err), target, messageSize, progress));
            subscriber.subscribe(channelNames(), queueGroup, ignoreOld);
            done.add(subscriber.done());
        }
        return done;
    }

    private List<BenchPublisher> connectPublishers(Histogram latency, BenchProgress progress, BenchClients clients,
                                                   PrintStream err)
            throws IOException, InterruptedException {
        byte[] payload = new byte[messageSize];
        List<BenchPublisher> connected = new ArrayList<>();
        for (int i = 0; i < publishers; i++) {
            String id = clientIdPrefix + "-pub-" + i;
            BenchPublisher publisher = new BenchPublisher(id,
                    connection.connect(id, new Options.Builder().maxPubAcksInFlight(maxPubAcksInFlight), err),
                    channelNames(), share(i), payload, latency, progress);
            connected.add(clients.add(publisher));
        }
        return connected;
    }

    private List<String> channelNames() {
        if (channels == 1) {
            return List.of(channel);
        }
        return IntStream.range(0, channels).mapToObj(i -> channel + "." + i).toList();
    }

    /** Publisher {@code i}'s part of the messages: an equal share, the remainder spread over the first ones. */
    private int share(int i) {
        return messages / publishers + (i < messages % publishers ? 1 : 0);
    }

    private void showProgressUntilDone(CompletableFuture<Void> done, BenchProgress progress, PrintStream err)
            throws IOException, InterruptedException {
        // System.console() is there only when stdin and stdout are a terminal: the best a JVM can tell.
        boolean terminal = System.console() != null;
        long receiveTarget = subscribers == 0 ? 0 : queueGroup != null ? messages : subscribers * (long) messages;
        ProgressLine line = new ProgressLine(messages, receiveTarget, terminal);
        Duration refresh = terminal ? TERMINAL_REFRESH : PLAIN_REFRESH;
        while (!Futures.awaitFor(done, refresh)) {
            show(line.render(progress.published(), progress.received()), terminal, err);
        }
        if (terminal) {
            err.println(line.render(progress.published(), progress.received()));
        }
    }

    private static void show(String line, boolean terminal, PrintStream err) {
        if (terminal) {
            err.print(line);
            err.flush();
        } else {
            err.println(line);
        }
    }

    private static List<Sample> results(List<CompletableFuture<Sample>> futures) {
        return futures.stream().map(CompletableFuture::join).toList();
    }

    private static void requireAtLeast(String flag, int value, int minimum) throws UsageException {
        if (value < minimum) {
            throw new UsageException(flag + " must be at least " + minimum + ", not " + value);
        }
    }
}

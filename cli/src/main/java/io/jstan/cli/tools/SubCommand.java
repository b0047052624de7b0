package io.jstan.cli.tools;

import io.jstan.cli.options.UsageException;
import io.nats.streaming.Message;
import io.nats.streaming.Options;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.Subscription;
import io.nats.streaming.SubscriptionOptions;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code jstan sub}: prints each message of a channel, as stan.go's stan-sub does, until
 * SIGINT or SIGTERM, or until its standard output is closed (as by {@code jstan sub ... | head});
 * then unsubscribes (a durable: closes, unless {@code --unsubscribe}) and closes the connection.
 * Status lines go to stderr, messages to stdout.
 */
@Command(name = "jstan sub", sortOptions = false,
        description = "Prints the messages of <channel> until interrupted.")
final class SubCommand implements ClientTool {
    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Option(names = {"-id", "--clientid", "--client_id"}, paramLabel = "<client ID>",
            description = "NATS Streaming client ID (default: jstan-sub-<random>; needed with --durable)")
    String clientId;

    @Option(names = {"-q", "--qgroup"}, paramLabel = "<name>", description = "Queue group")
    String queueGroup;

    @Option(names = "--durable", paramLabel = "<name>", description = "Durable subscriber name")
    String durable;

    @ArgGroup(exclusive = true, heading = "Start position (at most one; default: new messages only):%n")
    StartPosition start;

    @Option(names = {"--unsub", "--unsubscribe"}, arity = "0..1", paramLabel = "<bool>",
            description = "Unsubscribe the durable on exit rather than close it")
    boolean unsubscribe;

    @Option(names = "--manual_ack", arity = "0..1", paramLabel = "<bool>", description = "Acknowledge each message after printing it")
    boolean manualAck;

    @Option(names = "--max_inflight", paramLabel = "<n>",
            description = "Messages the server may send before an ack (default: ${DEFAULT-VALUE})")
    int maxInFlight = SubscriptionOptions.DEFAULT_MAX_IN_FLIGHT;

    @Option(names = "--ack_wait", paramLabel = "<duration>",
            description = "Time the server waits for an ack before it redelivers (default: 30s)")
    Duration ackWait = SubscriptionOptions.DEFAULT_ACK_WAIT;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this message")
    boolean help;

    @Parameters(paramLabel = "<channel>", description = "The channel to subscribe to")
    String channel;

    private final AtomicLong received = new AtomicLong();
    private final CompletableFuture<Exception> connectionLost = new CompletableFuture<>();
    private final CompletableFuture<Void> outputClosed = new CompletableFuture<>();
    private final AtomicBoolean stopped = new AtomicBoolean();

    @Override
    public int run(PrintStream out, PrintStream err) throws UsageException, IOException, TimeoutException, InterruptedException {
        if (durable != null && clientId == null) {
            throw new UsageException("--durable needs -id: a durable subscription is resumed by the client ID that made it");
        }
        String id = clientId != null ? clientId : ConnectionOptions.generatedClientId("sub");
        StreamingConnection streaming = connection.connect(id,
                new Options.Builder().connectionLostHandler((lost, reason) -> connectionLost.complete(reason)), err);
        err.printf("Connected to %s clusterID: [%s] clientID: [%s]%n", connection.url, connection.clusterId, id);
        Subscription subscription;
        try {
            subscription = streaming.subscribe(channel, queueGroup, message -> print(message, out, err), subscriptionOptions());
        } catch (Exception e) {
            try {
                streaming.close();
            } catch (Exception closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        err.printf("Listening on [%s], clientID=[%s], qgroup=[%s] durable=[%s]%n", channel, id,
                queueGroup == null ? "" : queueGroup, durable == null ? "" : durable);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(streaming, subscription, "Interrupted", err),
                "jstan-sub-stop"));
        CompletableFuture.anyOf(connectionLost, outputClosed).join();
        if (connectionLost.isDone()) {
            throw new IOException("connection lost: " + connectionLost.join().getMessage());
        }
        stop(streaming, subscription, "Output closed", err);
        return 0;
    }

    private SubscriptionOptions subscriptionOptions() {
        SubscriptionOptions.Builder options = new SubscriptionOptions.Builder()
                .durableName(durable)
                .maxInFlight(maxInFlight)
                .ackWait(ackWait);
        if (manualAck) {
            options.manualAcks();
        }
        if (start != null) {
            start.applyTo(options);
        }
        return options.build();
    }

    /** A message that could not be printed is not acknowledged: the server sends it again to the durable or the group. */
    private void print(Message message, PrintStream out, PrintStream err) {
        if (outputClosed.isDone()) {
            return;
        }
        long number = received.get() + 1;
        out.println(ReceivedLine.of(number, message));
        if (out.checkError()) {
            outputClosed.complete(null);
            return;
        }
        received.set(number);
        if (manualAck) {
            try {
                message.ack();
            } catch (IOException e) {
                err.println("jstan sub: ack of sequence " + message.getSequence() + " failed: " + e.getMessage());
            }
        }
    }

    /** On SIGINT or SIGTERM, or once the output closed; once. */
    private void stop(StreamingConnection streaming, Subscription subscription, String cause, PrintStream err) {
        if (connectionLost.isDone() || !stopped.compareAndSet(false, true)) {
            return;
        }
        boolean keepDurable = durable != null && !unsubscribe;
        err.println(keepDurable
                ? cause + ": closing the subscription (durable [" + durable + "] kept) and the connection"
                : cause + ": unsubscribing and closing the connection");
        try {
            if (keepDurable) {
                subscription.close();
            } else {
                subscription.unsubscribe();
            }
            streaming.close();
            err.println("Closed after " + received.get() + " messages");
        } catch (IOException | TimeoutException | IllegalStateException e) {
            err.println("jstan sub: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

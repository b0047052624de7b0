package io.jstan.cli.tools;

import io.nats.streaming.SubscriptionOptions;
import picocli.CommandLine.Option;

import java.time.Duration;

/** Where {@code jstan sub} starts in the channel: at most one of these flags; new messages only without any. */
final class StartPosition {
    @Option(names = "--seq", paramLabel = "<seqno>", description = "Start at sequence <seqno>")
    Long sequence;

    @Option(names = "--all", arity = "0..1", paramLabel = "<bool>", description = "Deliver all available messages")
    boolean all;

    @Option(names = "--last", arity = "0..1", paramLabel = "<bool>", description = "Start with the last message published")
    boolean last;

    @Option(names = "--since", paramLabel = "<duration>",
            description = "Deliver the messages of the last <duration>, such as 30s or 1m30s")
    Duration since;

    /** The default; accepted because stan-sub has it. */
    @Option(names = "--new_only", arity = "0..1", paramLabel = "<bool>", description = "Only deliver new messages (the default)")
    boolean newOnly;

    void applyTo(SubscriptionOptions.Builder options) {
        if (sequence != null) {
            options.startAtSequence(sequence);
        } else if (all) {
            options.deliverAllAvailable();
        } else if (last) {
            options.startWithLastReceived();
        } else if (since != null) {
            options.startAtTimeDelta(since);
        }
    }
}

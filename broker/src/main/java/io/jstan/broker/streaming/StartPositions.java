package io.jstan.broker.streaming;

import io.jstan.store.MessageStore;
import io.jstan.store.proto.SubscriptionRequest;

/**
 * Turns a subscription's start position into the sequence it starts after, as
 * nats-streaming-server does: a position past the end means new messages only, one before the
 * start means the first message there is.
 */
final class StartPositions {
    private final ChannelSequencer sequencer;

    StartPositions(ChannelSequencer sequencer) {
        this.sequencer = sequencer;
    }

    /** The sequence the subscription starts after; {@code channel} is null when it does not exist yet. */
    long lastSentBefore(Channel channel, SubscriptionRequest request) {
        long last = sequencer.lastSequence(request.getSubject());
        MessageStore messages = channel == null ? null : channel.messages();
        long first = messages == null ? 0 : messages.firstSequence();
        return switch (request.getStartPosition()) {
            case NewOnly -> last;
            case LastReceived -> last > 0 ? last - 1 : 0;
            case TimeDeltaStart -> {
                if (messages == null) {
                    yield 0;
                }
                long sequence = messages.sequenceAtOrAfter(sequencer.nowNanos() - request.getStartTimeDelta());
                yield sequence > 0 ? sequence - 1 : 0;
            }
            case SequenceStart -> {
                long wanted = request.getStartSequence();
                if (wanted < first) {
                    yield first > 0 ? first - 1 : 0;
                }
                yield wanted > last ? last : wanted - 1;
            }
            case First -> first > 0 ? first - 1 : 0;
            case UNRECOGNIZED -> throw new StanError(StanError.INVALID_START);
        };
    }
}

package io.jstan.broker.streaming;

import io.jstan.store.proto.MsgProto;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Decides the sequence and timestamp of each published message before it is stored, so that
 * applying the publish is the same on every node. Sequences follow the last one given out,
 * stored or not; timestamps never go back within a channel. Used under the state lock.
 */
final class ChannelSequencer {
    private final StreamingState state;
    private final Clock clock;
    private final Map<String, Position> positions = new HashMap<>();

    ChannelSequencer(StreamingState state, Clock clock) {
        this.state = state;
        this.clock = clock;
    }

    MsgProto.Builder next(String channel) {
        Position position = positions.computeIfAbsent(channel, this::storedPosition);
        position.sequence++;
        position.timestamp = Math.max(position.timestamp, nowNanos());
        return MsgProto.newBuilder().setSequence(position.sequence).setTimestamp(position.timestamp);
    }

    /** The last sequence given out on the channel, stored or not yet. */
    long lastSequence(String channel) {
        Position position = positions.get(channel);
        return position != null ? position.sequence : storedPosition(channel).sequence;
    }

    /** Whether messages given a sequence are not stored yet. */
    boolean hasUnstored(Channel channel) {
        Position position = positions.get(channel.name);
        return position != null && position.sequence > channel.messages().lastSequence();
    }

    /** Starts again from what the store holds: after a failed publish, or once the channel is gone. */
    void forget(String channel) {
        positions.remove(channel);
    }

    long nowNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private Position storedPosition(String channelName) {
        Channel channel = state.channel(channelName);
        Position position = new Position();
        if (channel != null) {
            position.sequence = channel.messages().lastSequence();
            channel.messages().lastMessage().ifPresent(last -> position.timestamp = last.getTimestamp());
        }
        return position;
    }

    private static final class Position {
        long sequence;
        long timestamp;
    }
}

package io.jstan.store.sql;

import io.jstan.store.proto.MsgProto;
import java.util.Optional;

/**
 * A run of a channel's messages read from the database in one query: a subscriber reading further
 * back than {@link io.jstan.store.RecentMessages} holds reads the messages after the one it asks
 * for in the same round trip, rather than one query each. Immutable, so that readers on any
 * thread share it without a lock.
 */
final class MessageWindow {
    static final MessageWindow EMPTY = new MessageWindow(0, new MsgProto[0]);

    private final long from;
    /** The message of each sequence from {@code from} on; null where none is stored. */
    private final MsgProto[] messages;

    MessageWindow(long from, MsgProto[] messages) {
        this.from = from;
        this.messages = messages;
    }

    boolean covers(long sequence) {
        return sequence >= from && sequence - from < messages.length;
    }

    /** The message of a sequence the window covers; empty when none is stored. */
    Optional<MsgProto> get(long sequence) {
        return Optional.ofNullable(messages[(int) (sequence - from)]);
    }
}

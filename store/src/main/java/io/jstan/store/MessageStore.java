package io.jstan.store;

import io.jstan.store.proto.MsgProto;
import java.util.List;
import java.util.Optional;

/**
 * The messages of one channel, in sequence order. Sequences are decided by the engine and carried
 * in the messages. First and last sequence are 0 and 0 while the channel has never held a message
 * (or after {@link #empty()}); once messages are removed by limits or expiry, first is the
 * sequence after the last removed one, so first is last + 1 when every message is gone.
 */
public interface MessageStore {

    /**
     * Appends the messages in order. A message whose sequence is not above the last stored one is
     * skipped (an operation applied again after a restart); the others must follow the last stored
     * sequence without a gap, except that an empty channel (first = last = 0) may start anywhere.
     * Then the channel's max_msgs and max_bytes limits remove the oldest messages, always keeping
     * the last one.
     *
     * @throws IllegalArgumentException on sequence 0, a gap or disorder; nothing is stored then
     */
    void append(List<MsgProto> batch);

    /** Removes every message whose sequence is at most {@code sequence} (expiry by max_age). */
    void removeUpTo(long sequence);

    Optional<MsgProto> lookup(long sequence);

    long firstSequence();

    long lastSequence();

    /**
     * The sequence of the first stored message whose timestamp is at least the given one;
     * last + 1 when there is none, 0 when the channel has never held a message.
     */
    long sequenceAtOrAfter(long timestampNanos);

    Optional<MsgProto> firstMessage();

    Optional<MsgProto> lastMessage();

    /** Count, bytes and sequences read together, consistent with each other. */
    MessageStoreState state();

    /** Removes every message and resets first and last to 0, so the next append may start anywhere. */
    void empty();
}

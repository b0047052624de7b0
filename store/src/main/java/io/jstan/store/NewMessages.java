package io.jstan.store;

import io.jstan.store.proto.MsgProto;
import java.util.ArrayList;
import java.util.List;

/** The rule of {@link MessageStore#append}, shared by the implementations: which messages of a batch are new. */
public final class NewMessages {

    private NewMessages() {
    }

    /**
     * The messages of the batch to store after {@code last}: each above the sequence before it, which
     * it must follow without a gap (an empty channel, last = 0, may start anywhere).
     *
     * @throws IllegalArgumentException on sequence 0, a gap or disorder
     */
    public static List<MsgProto> of(String channel, long last, List<MsgProto> batch) {
        List<MsgProto> fresh = new ArrayList<>(batch.size());
        long previous = last;
        for (MsgProto message : batch) {
            long sequence = message.getSequence();
            if (sequence == 0) {
                throw new IllegalArgumentException("channel " + channel + ": message without a sequence");
            }
            if (sequence <= previous) {
                continue;
            }
            if (previous != 0 && sequence != previous + 1) {
                throw new IllegalArgumentException("channel " + channel + ": sequence " + sequence
                        + " does not follow " + previous);
            }
            fresh.add(message);
            previous = sequence;
        }
        return fresh;
    }
}

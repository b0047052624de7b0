package io.jstan.store.crypto;

import com.google.protobuf.ByteString;
import io.jstan.store.MessageStore;
import io.jstan.store.MessageStoreState;
import io.jstan.store.StoreException;
import io.jstan.store.proto.MsgProto;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;

/**
 * A channel's messages with their payloads ({@link MsgProto#getData()}) encrypted in the store it
 * wraps, and decrypted on every read. An empty payload is stored as it is, as nats-streaming-server
 * does. Sizes and limits are those of the stored messages: each non-empty payload counts
 * {@value PayloadSealer#OVERHEAD} bytes more than its plaintext.
 */
final class EncryptingMessageStore implements MessageStore {
    private final String channel;
    private final MessageStore stored;
    private final PayloadSealer sealer;

    EncryptingMessageStore(String channel, MessageStore stored, PayloadSealer sealer) {
        this.channel = channel;
        this.stored = stored;
        this.sealer = sealer;
    }

    @Override
    public void append(List<MsgProto> batch) {
        stored.append(batch.stream().map(this::encrypted).toList());
    }

    @Override
    public void removeUpTo(long sequence) {
        stored.removeUpTo(sequence);
    }

    @Override
    public Optional<MsgProto> lookup(long sequence) {
        return stored.lookup(sequence).map(this::decrypted);
    }

    @Override
    public long firstSequence() {
        return stored.firstSequence();
    }

    @Override
    public long lastSequence() {
        return stored.lastSequence();
    }

    @Override
    public long sequenceAtOrAfter(long timestampNanos) {
        return stored.sequenceAtOrAfter(timestampNanos);
    }

    @Override
    public Optional<MsgProto> firstMessage() {
        return stored.firstMessage().map(this::decrypted);
    }

    @Override
    public Optional<MsgProto> lastMessage() {
        return stored.lastMessage().map(this::decrypted);
    }

    @Override
    public MessageStoreState state() {
        return stored.state();
    }

    @Override
    public void empty() {
        stored.empty();
    }

    private MsgProto encrypted(MsgProto message) {
        if (message.getData().isEmpty()) {
            return message;
        }
        return message.toBuilder().setData(ByteString.copyFrom(sealer.seal(message.getData().toByteArray()))).build();
    }

    private MsgProto decrypted(MsgProto message) {
        if (message.getData().isEmpty()) {
            return message;
        }
        try {
            return message.toBuilder().setData(ByteString.copyFrom(sealer.open(message.getData().toByteArray()))).build();
        } catch (GeneralSecurityException e) {
            throw new StoreException(StoreException.Kind.FAILED, "message " + message.getSequence() + " of channel \""
                    + channel + "\" cannot be decrypted (wrong key, or damaged data): " + e.getMessage(), e);
        }
    }
}

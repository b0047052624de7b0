package io.jstan.store.migration;

import com.google.protobuf.ByteString;
import io.jstan.store.ChannelStore;
import io.jstan.store.MessageStore;
import io.jstan.store.RecoveredSubscription;
import io.jstan.store.Store;
import io.jstan.store.StoreException;
import io.jstan.store.crypto.ChannelPayloads;
import io.jstan.store.crypto.EncryptionKey;
import io.jstan.store.proto.ClientInfo;
import io.jstan.store.proto.MsgProto;
import io.jstan.store.proto.ServerInfo;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Copies a nats-streaming-server FILE store into a jstan {@link Store} that holds nothing yet: the
 * server's information (its node ID the one given: a clustered server's Raft state is not carried
 * over), the clients, and each channel's messages then subscriptions, with their
 * last sent sequences and pending messages. Messages go in batches, so memory stays bounded
 * whatever the channel's size; the target's limits (max_msgs, max_bytes) drop the oldest messages
 * on the way as nats-streaming-server drops them when it starts.
 *
 * <p>Sequences stay without gaps: a message whose record was skipped as corrupt is replaced by an
 * empty one with the channel's name as subject and the next message's timestamp, as
 * nats-streaming-server fills a gap.
 */
public final class StoreMigration {
    private static final int BATCH_MESSAGES = 1024;
    private static final long BATCH_BYTES = 1 << 20;
    private static final long PROGRESS_EVERY = 1 << 16;

    /** Told now and then how far the migration went. */
    @FunctionalInterface
    public interface Progress {
        void migrated(String channel, long messages, long bytes);
    }

    /**
     * What a migration did.
     *
     * @param messagesRead the messages read from the source
     * @param messagesKept the messages the target holds, once its limits dropped the oldest
     * @param bytes        the size of the message records read
     * @param gapsFilled   the empty messages put in place of skipped ones
     */
    public record Summary(String clusterId, int channels, int clients, long messagesRead, long messagesKept, long bytes,
            int subscriptions, long pendingMessages, long corruptSkipped, long gapsFilled, Duration time) {
    }

    private final NssStore source;
    private final Store target;
    private final CorruptRecords corrupt;
    private final EncryptionKey decryptionKey;
    private final String nodeId;
    private final Progress progress;
    private long messagesRead;
    private long messagesKept;
    private long bytes;
    private int subscriptions;
    private long pendingMessages;
    private long gapsFilled;

    /**
     * @param decryptionKey the key nats-streaming-server encrypted payloads with; null when it did not
     * @param nodeId        the cluster node ID the target's server information takes; empty for a standalone store
     */
    public StoreMigration(NssStore source, Store target, CorruptRecords corrupt, EncryptionKey decryptionKey, String nodeId,
            Progress progress) {
        this.source = source;
        this.target = target;
        this.corrupt = corrupt;
        this.decryptionKey = decryptionKey;
        this.nodeId = nodeId;
        this.progress = progress;
    }

    /**
     * Runs the migration; the target is flushed at the end, and its caller closes it.
     *
     * @throws CorruptRecordException the first corrupt record, unless corrupt records are skipped
     * @throws StoreException         when the target refuses what it is given, or a payload cannot be decrypted
     */
    public Summary run() throws IOException, CorruptRecordException {
        long start = System.nanoTime();
        Optional<ServerInfo> info = source.serverInfo();
        List<String> channels = source.channelNames();
        if (info.isEmpty()) {
            if (!channels.isEmpty()) {
                throw new IOException(source.dir() + " holds channels but no server information: it is not a complete store");
            }
            return summary("", 0, 0, start);
        }
        target.init(info.get().toBuilder().setNodeID(nodeId).build());
        List<ClientInfo> clients = source.clients(corrupt);
        clients.forEach(target::addClient);
        for (String name : channels) {
            migrate(source.channel(name));
        }
        target.flush();
        return summary(info.get().getClusterID(), channels.size(), clients.size(), start);
    }

    private Summary summary(String clusterId, int channels, int clients, long start) {
        return new Summary(clusterId, channels, clients, messagesRead, messagesKept, bytes, subscriptions, pendingMessages,
                corrupt.skipped(), gapsFilled, Duration.ofNanos(System.nanoTime() - start));
    }

    private void migrate(NssChannel channel) throws IOException, CorruptRecordException {
        ChannelStore store = target.createChannel(channel.name());
        ChannelPayloads payloads = decryptionKey == null ? null : ChannelPayloads.of(decryptionKey, channel.name());
        MessageBatches batches = new MessageBatches(channel.name(), store.messages(), payloads);
        channel.forEachMessage(corrupt, batches::add);
        batches.flush();
        progress.migrated(channel.name(), messagesRead, bytes);
        messagesKept += store.messages().state().count();
        for (RecoveredSubscription subscription : channel.subscriptions(corrupt)) {
            store.subscriptions().create(subscription.state());
            long[] pending = subscription.pending().stream().mapToLong(Long::longValue).toArray();
            store.subscriptions().recordSent(subscription.state().getID(), pending);
            subscriptions++;
            pendingMessages += pending.length;
        }
    }

    /** A channel's messages on their way to the target, appended a batch at a time. */
    private final class MessageBatches {
        private final String channel;
        private final MessageStore messages;
        private final ChannelPayloads payloads;
        private final List<MsgProto> batch = new ArrayList<>(BATCH_MESSAGES);
        private long batchBytes;
        private long last;

        MessageBatches(String channel, MessageStore messages, ChannelPayloads payloads) {
            this.channel = channel;
            this.messages = messages;
            this.payloads = payloads;
        }

        void add(MsgProto message, int size) {
            long sequence = message.getSequence();
            if (sequence <= last) {
                return;
            }
            for (long missing = last == 0 ? sequence : last + 1; missing < sequence; missing++) {
                queue(MsgProto.newBuilder().setSequence(missing).setSubject(channel).setTimestamp(message.getTimestamp()).build(), 0);
                gapsFilled++;
            }
            queue(decrypted(message), size);
            messagesRead++;
            bytes += size;
            if (messagesRead % PROGRESS_EVERY == 0) {
                progress.migrated(channel, messagesRead, bytes);
            }
        }

        private void queue(MsgProto message, int size) {
            batch.add(message);
            batchBytes += size;
            last = message.getSequence();
            if (batch.size() >= BATCH_MESSAGES || batchBytes >= BATCH_BYTES) {
                flush();
            }
        }

        void flush() {
            if (!batch.isEmpty()) {
                messages.append(batch);
                batch.clear();
                batchBytes = 0;
            }
        }

        private MsgProto decrypted(MsgProto message) {
            if (payloads == null || message.getData().isEmpty()) {
                return message;
            }
            try {
                return message.toBuilder().setData(ByteString.copyFrom(payloads.open(message.getData().toByteArray()))).build();
            } catch (GeneralSecurityException e) {
                throw new StoreException(StoreException.Kind.FAILED, "message " + message.getSequence() + " of channel \""
                        + channel + "\" cannot be decrypted (wrong encryption key, or damaged data): " + e.getMessage(), e);
            }
        }
    }
}

package io.jstan.store;

import io.jstan.store.proto.MsgProto;

/**
 * A consistent view of a channel's messages. {@code bytes} is the quantity max_bytes limits and
 * monitoring reports, counted as nats-streaming-server's store of the same type counts it: the sum
 * of the stored messages' protobuf sizes ({@link MsgProto#getSerializedSize()}) in a MEMORY store,
 * plus 40 bytes a message (its record header and index entry) in a FILE store. Replicas of one
 * cluster use one store type, so they remove the same messages. A message counts as it is stored:
 * with its payload encrypted in an encrypting store, as nats-streaming-server counts it.
 */
public record MessageStoreState(long count, long bytes, long firstSequence, long lastSequence) {
}

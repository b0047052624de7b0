package io.jstan.store;

import io.jstan.store.proto.MsgProto;

/**
 * A consistent view of a channel's messages. {@code bytes} is the sum of the stored messages'
 * protobuf sizes ({@link MsgProto#getSerializedSize()}), the quantity max_bytes limits, the same
 * in every implementation so that every replica removes the same messages. A message counts as it
 * is stored: with its payload encrypted in an encrypting store, as nats-streaming-server counts it.
 */
public record MessageStoreState(long count, long bytes, long firstSequence, long lastSequence) {
}

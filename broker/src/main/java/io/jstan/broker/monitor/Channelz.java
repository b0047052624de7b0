package io.jstan.broker.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jstan.broker.streaming.ChannelView;

import java.util.List;

/**
 * A channel in /streaming/channelsz, with nats-streaming-server's field names. Its subscriptions, offline
 * durables included, only when asked for (subs=1) and when it has any.
 */
record Channelz(
        @JsonProperty("name") String name,
        @JsonProperty("msgs") long msgs,
        @JsonProperty("bytes") long bytes,
        @JsonProperty("first_seq") long firstSeq,
        @JsonProperty("last_seq") long lastSeq,
        @JsonProperty("subs_count") int subsCount,
        @JsonProperty("subscriptions") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Subscriptionz> subscriptions) {

    static Channelz of(ChannelView channel, boolean withSubscriptions) {
        List<Subscriptionz> subscriptions = withSubscriptions
                ? channel.subscriptions().stream().map(Subscriptionz::of).toList()
                : null;
        return new Channelz(channel.name(), channel.messages(), channel.bytes(), channel.firstSequence(),
                channel.lastSequence(), channel.subscriptions().size(), subscriptions);
    }
}

package io.jstan.broker.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jstan.broker.streaming.ClientView;
import io.jstan.broker.streaming.SubscriptionView;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A streaming client in /streaming/clientsz, with nats-streaming-server's field names. Its subscriptions,
 * by channel, only when asked for (subs=1) and when it has any.
 */
record Clientz(
        @JsonProperty("id") String id,
        @JsonProperty("hb_inbox") String heartbeatInbox,
        @JsonProperty("subs_count") int subsCount,
        @JsonProperty("subscriptions") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        SortedMap<String, List<Subscriptionz>> subscriptions) {

    static Clientz of(ClientView client, boolean withSubscriptions) {
        SortedMap<String, List<Subscriptionz>> byChannel = null;
        if (withSubscriptions) {
            byChannel = new TreeMap<>();
            for (SubscriptionView sub : client.subscriptions()) {
                byChannel.computeIfAbsent(sub.channel(), channel -> new ArrayList<>()).add(Subscriptionz.of(sub));
            }
        }
        return new Clientz(client.id(), client.heartbeatInbox(), client.subscriptions().size(), byChannel);
    }
}

package io.jstan.broker.streaming;

import io.jstan.store.MessageStoreState;

import java.util.List;

/** What monitoring shows of a channel, read at one moment: its messages and every subscription, offline ones too. */
public record ChannelView(String name, long messages, long bytes, long firstSequence, long lastSequence,
                          List<SubscriptionView> subscriptions) {

    public ChannelView {
        subscriptions = List.copyOf(subscriptions);
    }

    static ChannelView of(Channel channel) {
        MessageStoreState stored = channel.messages().state();
        return new ChannelView(channel.name, stored.count(), stored.bytes(), stored.firstSequence(), stored.lastSequence(),
                channel.subscriptions.values().stream().map(SubscriptionView::of).toList());
    }
}

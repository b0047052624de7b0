package io.jstan.broker.monitor;

import io.jstan.broker.streaming.ChannelView;

import java.util.List;

/** The messages, bytes and subscriptions of all channels together, offline durables included. */
record ChannelTotals(long messages, long bytes, int subscriptions) {

    static ChannelTotals of(List<ChannelView> channels) {
        long messages = 0;
        long bytes = 0;
        int subscriptions = 0;
        for (ChannelView channel : channels) {
            messages += channel.messages();
            bytes += channel.bytes();
            subscriptions += channel.subscriptions().size();
        }
        return new ChannelTotals(messages, bytes, subscriptions);
    }
}

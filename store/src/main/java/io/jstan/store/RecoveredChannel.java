package io.jstan.store;

import java.util.List;

/** A recovered channel, ready for use, with its subscriptions. */
public record RecoveredChannel(ChannelStore channel, List<RecoveredSubscription> subscriptions) {

    public RecoveredChannel {
        subscriptions = List.copyOf(subscriptions);
    }
}

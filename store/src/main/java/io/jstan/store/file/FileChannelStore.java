package io.jstan.store.file;

import io.jstan.store.ChannelLimits;
import io.jstan.store.ChannelStore;
import io.jstan.store.RecentMessages;
import io.jstan.store.proto.SubState;
import java.util.Map;

/** A channel of the FILE store: its ID starts every key of its messages, subscriptions and pending messages. */
record FileChannelStore(String name, long id, ChannelLimits limits, FileMessageStore messages,
        FileSubscriptionStore subscriptions) implements ChannelStore {

    static FileChannelStore create(String name, ChannelLimits limits, ChannelRecord record, Map<Long, SubState> subscriptions,
            StoreDatabase db, ChecksummedValues values, RecentMessages recent) {
        return new FileChannelStore(name, record.id(), limits, new FileMessageStore(name, limits, record, db, values, recent.channel()),
                new FileSubscriptionStore(record.id(), limits.maxSubscriptions(), subscriptions, db, values));
    }
}

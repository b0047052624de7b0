package io.jstan.broker.streaming;

import io.jstan.store.RecoveredChannel;
import io.jstan.store.RecoveredState;
import io.jstan.store.RecoveredSubscription;
import io.jstan.store.proto.ClientInfo;
import io.jstan.store.proto.SubState;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds the engine's model from what the store recovered. Subscriptions of clients that were
 * not recovered leave as if their client had closed: durables are kept, the others go.
 */
final class StateRecovery {
    private StateRecovery() {
    }

    static void rebuild(StreamingState state, RecoveredState recovered, StateApplier applier) {
        synchronized (state) {
            for (ClientInfo info : recovered.clients()) {
                state.clients.put(info.getID(), new Client(info));
            }
            List<Subscription> orphans = new ArrayList<>();
            for (Map.Entry<String, RecoveredChannel> entry : recovered.channels().entrySet()) {
                String name = entry.getKey();
                Channel channel = new Channel(name, entry.getValue().channel(), state.store.channelLimits(name));
                state.addRecovered(channel);
                for (RecoveredSubscription recoveredSub : entry.getValue().subscriptions()) {
                    Subscription sub = recover(state, channel, recoveredSub);
                    if (sub != null) {
                        orphans.add(sub);
                    }
                }
            }
            orphans.forEach(sub -> applier.leave(sub, false));
        }
    }

    /** Returns the subscription when its client is gone. */
    private static Subscription recover(StreamingState state, Channel channel, RecoveredSubscription recovered) {
        SubState stored = recovered.state();
        QueueGroup group = stored.getQGroup().isEmpty() ? null : channel.queueGroup(stored.getQGroup(), stored.getIsDurable());
        Subscription sub = new Subscription(channel, stored, group);
        recovered.pending().forEach(sequence -> sub.pending.put(sequence, 0L));
        if (!sub.pending.isEmpty()) {
            sub.lastSent = Math.max(sub.lastSent, sub.pending.lastKey());
        }
        if (group != null) {
            group.lastSent = Math.max(group.lastSent, sub.lastSent);
        }
        state.noteSubscriptionId(sub.id);
        if (sub.closed) {
            channel.addOffline(sub);
            return null;
        }
        channel.addOnline(sub);
        sub.ready = true;
        Client client = state.clients.get(sub.clientId);
        if (client == null) {
            return sub;
        }
        client.subscriptions.add(sub);
        return null;
    }
}

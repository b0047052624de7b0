package io.jstan.broker.streaming;

import io.jstan.raft.OperationApplier;
import io.jstan.raft.ops.LeaderHandover;
import io.jstan.raft.ops.Operation;
import io.jstan.raft.ops.PendingMove;
import io.jstan.raft.ops.SentAndAcked;
import io.jstan.raft.ops.SubscriptionCreate;
import io.jstan.store.SubscriptionStore;
import io.jstan.store.proto.ClientInfo;
import io.jstan.store.proto.SubState;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

/**
 * Applies operations to the store and to the engine's model, the same way on every node. Applying
 * again what was applied changes nothing. A request that cannot be honoured (a duplicate durable,
 * an unknown client, a store limit) fails with the same error on every node, before anything
 * changes.
 *
 * <p>The sequences sent to a subscription and acknowledged by it, and those passed from one queue
 * member to another, are decided by the serving node, which updates its model as it sends and as
 * acks come; applying them there only stores them.
 */
final class StateApplier implements OperationApplier {
    private final StreamingState state;
    private final BooleanSupplier serving;

    StateApplier(StreamingState state, BooleanSupplier serving) {
        this.state = state;
        this.serving = serving;
    }

    @Override
    public void apply(Operation operation) {
        synchronized (state) {
            switch (operation.getKindCase()) {
                case CLIENT_CONNECT -> connect(operation.getClientConnect().getClient());
                case CLIENT_CLOSE -> closeClient(operation.getClientClose().getClientId());
                case PUBLISH -> state.channelOrCreate(operation.getPublish().getChannel()).messages()
                        .append(operation.getPublish().getMessagesList());
                case SUBSCRIPTION_CREATE -> subscribe(operation.getSubscriptionCreate());
                case SUBSCRIPTION_CLOSE -> closeSubscription(operation.getSubscriptionClose().getChannel(),
                        operation.getSubscriptionClose().getSubscriptionId());
                case SUBSCRIPTION_REMOVE -> removeSubscription(operation.getSubscriptionRemove().getChannel(),
                        operation.getSubscriptionRemove().getSubscriptionId());
                case SENT_AND_ACKED -> sentAndAcked(operation.getSentAndAcked());
                case PENDING_MOVE -> movePending(operation.getPendingMove());
                case CHANNEL_DELETE -> deleteChannel(operation.getChannelDelete().getChannel());
                case CHANNEL_TRIM -> trim(operation.getChannelTrim().getChannel(), operation.getChannelTrim().getUpToSequence());
                case LEADER_HANDOVER -> handover(operation.getLeaderHandover());
                case MEMBER_ADDRESS -> {
                    // Cluster membership: applied by the replication layer itself.
                }
                case KIND_NOT_SET -> throw new IllegalArgumentException("operation without a kind");
            }
        }
    }

    private void handover(LeaderHandover handover) {
        if (!handover.getOver()) {
            state.handoverFrom = handover.getFromNode();
        } else if (state.handoverFrom.equals(handover.getFromNode())) {
            state.handoverFrom = "";
        }
    }

    private void connect(ClientInfo info) {
        Client old = state.clients.get(info.getID());
        if (old != null) {
            if (old.info.equals(info)) {
                return;
            }
            closeClient(old.id());
        }
        state.store.addClient(info);
        state.clients.put(info.getID(), new Client(info));
    }

    private void closeClient(String clientId) {
        Client client = state.clients.remove(clientId);
        if (client == null) {
            return;
        }
        cancel(client.heartbeats);
        for (Subscription sub : new ArrayList<>(client.subscriptions)) {
            leave(sub, false);
        }
        state.store.deleteClient(clientId);
    }

    private void subscribe(SubscriptionCreate create) {
        SubState requested = create.getState();
        Client client = state.clients.get(requested.getClientID());
        if (client == null) {
            throw new StanError(StanError.UNKNOWN_CLIENT);
        }
        Channel channel = state.channelOrCreate(create.getChannel());
        state.noteSubscriptionId(requested.getID());
        Subscription existing = channel.subscriptions.get(requested.getID());
        if (existing != null) {
            resume(channel, client, existing, requested, create.getReplaceDurable());
            return;
        }
        if (!requested.getDurableName().isEmpty() && requested.getQGroup().isEmpty()) {
            Subscription durable = channel.durables.get(Subscription.durableKey(requested.getClientID(), requested.getDurableName()));
            if (durable != null) {
                throw new StanError(StanError.DUPLICATE_DURABLE);
            }
        }
        channel.store.subscriptions().create(requested);
        QueueGroup group = requested.getQGroup().isEmpty() ? null
                : channel.queueGroup(requested.getQGroup(), requested.getIsDurable());
        Subscription sub = new Subscription(channel, requested, group);
        if (group != null) {
            group.lastSent = Math.max(group.lastSent, requested.getLastSent());
        }
        channel.addOnline(sub);
        client.subscriptions.add(sub);
    }

    /**
     * A durable comes back, or a member takes over a durable queue group's shadow. With
     * {@code replace}, a durable still online is first closed, as its client would close it.
     */
    private void resume(Channel channel, Client client, Subscription sub, SubState requested, boolean replace) {
        if (!sub.closed) {
            if (sub.clientId.equals(requested.getClientID()) && sub.ackInbox.equals(requested.getAckInbox())) {
                return;
            }
            if (!replace || !sub.isDurableSubscriber()) {
                throw new StanError(StanError.DUPLICATE_DURABLE);
            }
            leave(sub, false);
        }
        sub.takeOver(requested);
        sub.ready = false;
        sub.leaving = false;
        sub.pending.replaceAll((sequence, due) -> 0L);
        channel.store.subscriptions().update(sub.toState());
        channel.addOnline(sub);
        client.subscriptions.add(sub);
    }

    private void closeSubscription(String channelName, long id) {
        Subscription sub = subscription(channelName, id);
        if (sub != null && !sub.closed) {
            leave(sub, false);
        }
    }

    private void removeSubscription(String channelName, long id) {
        Subscription sub = subscription(channelName, id);
        if (sub == null) {
            return;
        }
        if (sub.closed) {
            sub.channel.remove(sub);
            sub.channel.store.subscriptions().delete(sub.id);
        } else {
            leave(sub, true);
        }
    }

    /**
     * A subscription stops receiving: closed, unsubscribed, or its client gone. A durable that is
     * closed keeps its state; so does a durable queue group losing its last member. A queue member
     * leaving others behind hands them its unacknowledged messages.
     */
    void leave(Subscription sub, boolean unsubscribe) {
        Channel channel = sub.channel;
        SubscriptionStore stored = channel.store.subscriptions();
        cancel(sub.ackTimer);
        sub.ackTimer = null;
        Client client = state.clients.get(sub.clientId);
        if (client != null) {
            client.subscriptions.remove(sub);
        }
        channel.takeOffline(sub);
        QueueGroup group = sub.group;
        boolean keep = sub.durable && !unsubscribe && (group == null || group.members.isEmpty());
        if (keep) {
            if (group != null) {
                sub.lastSent = Math.max(sub.lastSent, group.lastSent);
            }
            sub.closed = true;
            channel.addOffline(sub);
            stored.update(sub.toState());
            return;
        }
        if (group != null && !group.members.isEmpty()) {
            handOverPending(sub, group, stored);
        }
        channel.remove(sub);
        stored.delete(sub.id);
    }

    /**
     * Deals the leaving member's unacknowledged messages to the others in turn, in the order of
     * their IDs (the members' order is the serving node's own), due at once: the serving node then
     * redelivers each to the member it picks.
     */
    private static void handOverPending(Subscription leaving, QueueGroup group, SubscriptionStore stored) {
        List<Subscription> members = group.members.stream().sorted(Comparator.comparingLong(member -> member.id)).toList();
        long[] pending = leaving.pending.keySet().stream().mapToLong(Long::longValue).toArray();
        int count = members.size();
        for (int m = 0; m < count; m++) {
            Subscription member = members.get(m);
            long[] dealt = IntStream.iterate(m, i -> i < pending.length, i -> i + count).mapToLong(i -> pending[i]).toArray();
            for (long sequence : dealt) {
                member.pending.put(sequence, 0L);
            }
            if (dealt.length > 0) {
                stored.recordSent(member.id, dealt);
            }
        }
        Subscription keeper = members.get(0);
        if (keeper.lastSent < group.lastSent) {
            keeper.lastSent = group.lastSent;
            stored.update(keeper.toState());
        }
    }

    private void sentAndAcked(SentAndAcked record) {
        Subscription sub = subscription(record.getChannel(), record.getSubscriptionId());
        if (sub == null) {
            return;
        }
        long[] sent = record.getSentList().stream().mapToLong(Long::longValue).toArray();
        long[] acked = record.getAckedList().stream().mapToLong(Long::longValue).toArray();
        SubscriptionStore stored = sub.channel.store.subscriptions();
        if (sent.length > 0) {
            stored.recordSent(sub.id, sent);
        }
        if (acked.length > 0) {
            stored.recordAcked(sub.id, acked);
        }
        if (serving.getAsBoolean()) {
            return;
        }
        for (long sequence : sent) {
            sub.pending.putIfAbsent(sequence, 0L);
            sub.lastSent = Math.max(sub.lastSent, sequence);
            if (sub.group != null) {
                sub.group.lastSent = Math.max(sub.group.lastSent, sequence);
            }
        }
        for (long sequence : acked) {
            sub.pending.remove(sequence);
            sub.redeliveries.remove(sequence);
        }
    }

    /**
     * Messages pending for one queue member were redelivered to another: they are pending for that
     * one now. Were it gone, they would stay with the first rather than be lost.
     */
    private void movePending(PendingMove move) {
        Subscription to = subscription(move.getChannel(), move.getToSubscriptionId());
        if (to == null) {
            return;
        }
        long[] sequences = move.getSequencesList().stream().mapToLong(Long::longValue).toArray();
        SubscriptionStore stored = to.channel.store.subscriptions();
        // In this order: stopped in between, the store would have them pending twice, never lost.
        stored.recordSent(to.id, sequences);
        stored.recordAcked(move.getFromSubscriptionId(), sequences);
        if (serving.getAsBoolean()) {
            return;
        }
        Subscription from = to.channel.subscriptions.get(move.getFromSubscriptionId());
        for (long sequence : sequences) {
            if (from != null) {
                from.pending.remove(sequence);
            }
            to.pending.putIfAbsent(sequence, 0L);
            to.lastSent = Math.max(to.lastSent, sequence);
        }
    }

    private void deleteChannel(String name) {
        Channel channel = state.removeChannel(name);
        if (channel == null) {
            return;
        }
        for (Subscription sub : channel.subscriptions.values()) {
            cancel(sub.ackTimer);
            Client client = state.clients.get(sub.clientId);
            if (client != null) {
                client.subscriptions.remove(sub);
            }
        }
        state.store.deleteChannel(name);
    }

    private void trim(String channelName, long upTo) {
        Channel channel = state.channel(channelName);
        if (channel != null) {
            channel.messages().removeUpTo(upTo);
        }
    }

    private Subscription subscription(String channelName, long id) {
        Channel channel = state.channel(channelName);
        return channel == null ? null : channel.subscriptions.get(id);
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}

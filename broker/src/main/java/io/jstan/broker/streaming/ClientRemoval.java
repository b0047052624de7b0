package io.jstan.broker.streaming;

import io.jstan.raft.StateChanges;
import io.jstan.raft.ops.ClientClose;
import io.jstan.raft.ops.Operation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Closes a client, at its request or when its heartbeats stop: its subscriptions stop receiving
 * at once, the close is applied after what they had sent and acknowledged, then the queue groups
 * they leave share their unacknowledged messages among the remaining members.
 */
final class ClientRemoval {
    private final StreamingState state;
    private final StateChanges stateChanges;
    private final SentAndAckedRecorder recorder;
    private final Delivery delivery;

    ClientRemoval(StreamingState state, StateChanges stateChanges, SentAndAckedRecorder recorder, Delivery delivery) {
        this.state = state;
        this.stateChanges = stateChanges;
        this.recorder = recorder;
        this.delivery = delivery;
    }

    /** Called under the state lock; completes once the close is applied. */
    CompletableFuture<Void> remove(Client client) {
        List<QueueGroup> groups = new ArrayList<>();
        for (Subscription sub : client.subscriptions) {
            sub.leaving = true;
            if (sub.group != null) {
                groups.add(sub.group);
            }
        }
        recorder.submitCollected();
        Operation close = Operation.newBuilder().setClientClose(ClientClose.newBuilder().setClientId(client.id())).build();
        return stateChanges.submit(close).whenComplete((ok, failure) -> {
            if (failure == null) {
                synchronized (state) {
                    groups.forEach(delivery::regroup);
                }
            }
        });
    }
}

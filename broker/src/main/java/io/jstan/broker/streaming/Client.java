package io.jstan.broker.streaming;

import io.jstan.store.proto.ClientInfo;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;

/** A connected streaming client with its online subscriptions. */
final class Client {
    final ClientInfo info;
    final Set<Subscription> subscriptions = new LinkedHashSet<>();

    /** Serving only: heartbeats missed in a row, and the task that sends them. */
    int missedHeartbeats;
    ScheduledFuture<?> heartbeats;

    Client(ClientInfo info) {
        this.info = info;
    }

    String id() {
        return info.getID();
    }
}

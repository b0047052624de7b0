package io.jstan.broker.monitor;

import io.jstan.broker.nats.ConnectionInfo;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;

/** The orders of /connz's sort parameter: by cid and start ascending, the others largest first, as nats-server. */
enum ConnectionSort {
    CID("cid", Comparator.comparingLong(ConnectionInfo::cid)),
    START("start", Comparator.comparingLong(ConnectionInfo::cid)),
    SUBS("subs", Comparator.comparingInt(ConnectionInfo::subscriptionCount).reversed()),
    PENDING("pending", Comparator.comparingLong(ConnectionInfo::pendingBytes).reversed()),
    MSGS_TO("msgs_to", Comparator.comparingLong(ConnectionInfo::outMessages).reversed()),
    MSGS_FROM("msgs_from", Comparator.comparingLong(ConnectionInfo::inMessages).reversed()),
    BYTES_TO("bytes_to", Comparator.comparingLong(ConnectionInfo::outBytes).reversed()),
    BYTES_FROM("bytes_from", Comparator.comparingLong(ConnectionInfo::inBytes).reversed()),
    LAST("last", Comparator.comparing(ConnectionInfo::lastActivity).reversed()),
    /** Longest idle first: the oldest last activity. */
    IDLE("idle", Comparator.comparing(ConnectionInfo::lastActivity)),
    /** nats-server orders uptime shortest first: the newest connections. */
    UPTIME("uptime", Comparator.comparing(ConnectionInfo::start).reversed()),
    /** Closed connections only; none are kept, so there is nothing to order. */
    STOP("stop", Comparator.comparingLong(ConnectionInfo::cid)),
    /** Closed connections only; none are kept, so there is nothing to order. */
    REASON("reason", Comparator.comparingLong(ConnectionInfo::cid));

    private final String parameter;
    private final Comparator<ConnectionInfo> order;

    ConnectionSort(String parameter, Comparator<ConnectionInfo> order) {
        this.parameter = parameter;
        this.order = order;
    }

    /** The sort named by the query value; by cid when the value is empty. */
    static Optional<ConnectionSort> of(String parameter) {
        if (parameter.isEmpty()) {
            return Optional.of(CID);
        }
        return Arrays.stream(values()).filter(s -> s.parameter.equals(parameter)).findFirst();
    }

    String parameter() {
        return parameter;
    }

    Comparator<ConnectionInfo> order() {
        return order;
    }

    boolean closedConnectionsOnly() {
        return this == STOP || this == REASON;
    }
}

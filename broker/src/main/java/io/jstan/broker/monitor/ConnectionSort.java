package io.jstan.broker.monitor;

import io.jstan.broker.nats.ConnectionInfo;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Function;

/**
 * The orders of /connz's sort parameter, as nats-server's: by cid, start, uptime and reason ascending,
 * the others largest first. stop and reason only apply to closed connections.
 */
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
    /** Shortest uptime first; a closed connection's uptime ended when it closed. */
    UPTIME("uptime", now -> Comparator.comparing(c -> Duration.between(c.start(), c.isClosed() ? c.stop() : now))),
    /** Closed connections only: the most recently closed first. */
    STOP("stop", Comparator.comparing(ConnectionInfo::stop).reversed()),
    /** Closed connections only: by the text of the reason. */
    REASON("reason", Comparator.comparing(ConnectionInfo::reason));

    private final String parameter;
    private final Function<Instant, Comparator<ConnectionInfo>> orderAt;

    ConnectionSort(String parameter, Comparator<ConnectionInfo> order) {
        this(parameter, now -> order);
    }

    ConnectionSort(String parameter, Function<Instant, Comparator<ConnectionInfo>> orderAt) {
        this.parameter = parameter;
        this.orderAt = orderAt;
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

    /** The order at the time {@code now} (what uptime is measured to). */
    Comparator<ConnectionInfo> order(Instant now) {
        return orderAt.apply(now);
    }

    boolean closedConnectionsOnly() {
        return this == STOP || this == REASON;
    }
}

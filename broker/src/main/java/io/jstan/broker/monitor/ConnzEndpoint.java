package io.jstan.broker.monitor;

import io.jstan.broker.nats.ConnectionInfo;
import io.jstan.broker.nats.NatsServer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * /connz: the client connections, open and recently closed, sorted and paged, with the query parameters
 * of nats-server: sort, subs (a boolean or "detail"), offset, limit, cid and state. total counts every
 * connection of the state asked for, num_connections those on the page.
 */
final class ConnzEndpoint implements Endpoint {
    private static final int DEFAULT_LIMIT = 1024;
    /** nats-server shows the RTT measured by its pings; jstan does not measure it, and Go writes an unknown one as "0s". */
    private static final String UNKNOWN_RTT = "0s";
    private static final String TLS_VERSION_PREFIX = "TLSv";

    private final NatsServer server;

    ConnzEndpoint(NatsServer server) {
        this.server = server;
    }

    @Override
    public String path() {
        return "/connz";
    }

    @Override
    public Connz respond(QueryParameters query) {
        String sortName = query.text("sort");
        // subs=detail asks nats-server for per-subscription details, which the server does not expose:
        // the subjects are listed as for subs=1.
        boolean subscriptions = query.text("subs").equalsIgnoreCase("detail") || query.bool("subs");
        int offset = Math.max(0, query.integer("offset"));
        int limit = query.integer("limit");
        long cid = query.unsignedLong("cid");
        ConnectionState state = ConnectionState.of(query.text("state"));
        ConnectionSort sort = ConnectionSort.of(sortName)
                .orElseThrow(() -> new BadQueryException("invalid sorting option: " + sortName));
        if (sort.closedConnectionsOnly() && state != ConnectionState.CLOSED) {
            throw new BadQueryException("sort by " + sort.parameter() + " only valid on closed connections");
        }
        if (limit <= 0) {
            limit = DEFAULT_LIMIT;
        }
        if (cid > 0) {
            limit = 1;
        }

        List<ConnectionInfo> connections = connections(state, subscriptions);
        Instant now = Instant.now();
        List<ConnInfo> page = connections.stream()
                .filter(c -> cid == 0 || c.cid() == cid)
                .sorted(sort.order(now))
                .skip(offset)
                .limit(limit)
                .map(c -> connInfo(subscriptions ? c : c.withoutSubscriptions(), now))
                .toList();
        return new Connz(server.serverId(), now, page.size(), connections.size(), offset, limit, page);
    }

    /** Open ones first; one that closed between the two snapshots is counted once, as open. */
    private List<ConnectionInfo> connections(ConnectionState state, boolean subscriptions) {
        List<ConnectionInfo> open = state.includesOpen() ? server.connections(subscriptions) : List.of();
        List<ConnectionInfo> closed = state.includesClosed() ? server.closedConnections() : List.of();
        if (closed.isEmpty()) {
            return open;
        }
        Set<Long> openIds = open.stream().map(ConnectionInfo::cid).collect(Collectors.toSet());
        List<ConnectionInfo> all = new ArrayList<>(open);
        closed.stream().filter(c -> !openIds.contains(c.cid())).forEach(all::add);
        return all;
    }

    /** A closed connection's uptime and idle time stopped when it closed. */
    private static ConnInfo connInfo(ConnectionInfo c, Instant now) {
        Instant end = c.isClosed() ? c.stop() : now;
        return new ConnInfo(c.cid(), "Client", "nats", c.ip(), c.port(), c.start(), c.lastActivity(), c.stop(),
                c.reason(), UNKNOWN_RTT,
                GoUptime.format(Duration.between(c.start(), end)),
                GoUptime.format(Duration.between(c.lastActivity(), end)),
                c.pendingBytes(), c.inMessages(), c.outMessages(), c.inBytes(), c.outBytes(), c.subscriptionCount(),
                c.name(), c.lang(), c.version(), tlsVersion(c.tlsVersion()), c.tlsCipherSuite(), c.subscriptions());
    }

    /** Go names TLS versions "1.2", "1.3"; Java "TLSv1.2", "TLSv1.3". */
    private static String tlsVersion(String javaName) {
        return javaName != null && javaName.startsWith(TLS_VERSION_PREFIX)
                ? javaName.substring(TLS_VERSION_PREFIX.length()) : javaName;
    }
}

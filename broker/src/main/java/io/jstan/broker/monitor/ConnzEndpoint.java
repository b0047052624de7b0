package io.jstan.broker.monitor;

import io.jstan.broker.nats.ConnectionInfo;
import io.jstan.broker.nats.NatsServer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * /connz: the client connections, sorted and paged, with the query parameters of nats-server:
 * sort, subs (a boolean or "detail"), offset, limit, cid and state. Closed connections are not kept,
 * so state=closed answers an empty page and state=all the open connections.
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
        boolean closedOnly = closedOnly(query.text("state"));
        ConnectionSort sort = ConnectionSort.of(sortName)
                .orElseThrow(() -> new BadQueryException("invalid sorting option: " + sortName));
        if (sort.closedConnectionsOnly() && !closedOnly) {
            throw new BadQueryException("sort by " + sort.parameter() + " only valid on closed connections");
        }
        if (limit <= 0) {
            limit = DEFAULT_LIMIT;
        }
        if (cid > 0) {
            limit = 1;
        }

        List<ConnectionInfo> open = closedOnly ? List.of() : server.connections(subscriptions);
        Instant now = Instant.now();
        List<ConnInfo> page = open.stream()
                .filter(c -> cid == 0 || c.cid() == cid)
                .sorted(sort.order())
                .skip(offset)
                .limit(limit)
                .map(c -> connInfo(c, now))
                .toList();
        return new Connz(server.serverId(), now, page.size(), open.size(), offset, limit, page);
    }

    /** Whether the state parameter asks for closed connections only. */
    private static boolean closedOnly(String state) {
        return switch (state.toLowerCase(Locale.ROOT)) {
            case "", "open", "any", "all" -> false;
            case "closed" -> true;
            default -> throw new BadQueryException("Error decoding state for " + state);
        };
    }

    private static ConnInfo connInfo(ConnectionInfo c, Instant now) {
        return new ConnInfo(c.cid(), "Client", "nats", c.ip(), c.port(), c.start(), c.lastActivity(), UNKNOWN_RTT,
                GoUptime.format(Duration.between(c.start(), now)),
                GoUptime.format(Duration.between(c.lastActivity(), now)),
                c.pendingBytes(), c.inMessages(), c.outMessages(), c.inBytes(), c.outBytes(), c.subscriptionCount(),
                c.name(), c.lang(), c.version(), tlsVersion(c.tlsVersion()), c.tlsCipherSuite(), c.subscriptions());
    }

    /** Go names TLS versions "1.2", "1.3"; Java "TLSv1.2", "TLSv1.3". */
    private static String tlsVersion(String javaName) {
        return javaName != null && javaName.startsWith(TLS_VERSION_PREFIX)
                ? javaName.substring(TLS_VERSION_PREFIX.length()) : javaName;
    }
}

package io.jstan.broker.monitor;

import io.jstan.broker.nats.NatsServer;
import io.jstan.broker.nats.RouteDescription;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** /routez: the routes, with their subscriptions' subjects when asked for (subs=1). */
final class RoutezEndpoint implements Endpoint {
    /** As in /connz: jstan does not measure round trips, and Go writes an unknown one as "0s". */
    private static final String UNKNOWN_RTT = "0s";

    private final NatsServer server;

    RoutezEndpoint(NatsServer server) {
        this.server = server;
    }

    @Override
    public String path() {
        return "/routez";
    }

    @Override
    public Routez respond(QueryParameters query) {
        boolean subscriptions = query.text("subs").equalsIgnoreCase("detail") || query.bool("subs");
        Instant now = Instant.now();
        List<Routez.RouteInfo> routes = server.routes(subscriptions).stream().map(r -> routeInfo(r, now)).toList();
        return new Routez(server.serverId(), now, routes.size(), routes);
    }

    private static Routez.RouteInfo routeInfo(RouteDescription r, Instant now) {
        return new Routez.RouteInfo(r.rid(), r.remoteId(), r.didSolicit(), r.isConfigured(), r.ip(), r.port(),
                r.start(), r.lastActivity(), UNKNOWN_RTT, GoUptime.format(Duration.between(r.start(), now)),
                GoUptime.format(Duration.between(r.lastActivity(), now)), r.pendingBytes(), r.inMessages(),
                r.outMessages(), r.inBytes(), r.outBytes(), r.subscriptionCount(), r.subscriptions());
    }
}

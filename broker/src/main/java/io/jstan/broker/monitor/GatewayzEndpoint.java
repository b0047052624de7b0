package io.jstan.broker.monitor;

import io.jstan.broker.nats.NatsServer;

import java.time.Instant;
import java.util.Map;

/** /gatewayz: jstan has no gateways, so it answers as nats-server with gateways off. */
final class GatewayzEndpoint implements Endpoint {
    private final NatsServer server;

    GatewayzEndpoint(NatsServer server) {
        this.server = server;
    }

    @Override
    public String path() {
        return "/gatewayz";
    }

    @Override
    public Gatewayz respond(QueryParameters query) {
        query.bool("accs"); // read for its error only, as nats-server does with gateways off
        return new Gatewayz(server.serverId(), Instant.now(), Map.of(), Map.of());
    }
}

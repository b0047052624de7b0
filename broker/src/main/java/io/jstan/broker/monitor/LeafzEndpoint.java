package io.jstan.broker.monitor;

import io.jstan.broker.nats.NatsServer;

import java.time.Instant;

/** /leafz: jstan has no leaf node connections, so it answers as nats-server without any. */
final class LeafzEndpoint implements Endpoint {
    private final NatsServer server;

    LeafzEndpoint(NatsServer server) {
        this.server = server;
    }

    @Override
    public String path() {
        return "/leafz";
    }

    @Override
    public Leafz respond(QueryParameters query) {
        query.bool("subs"); // read for its error only, as nats-server does with no leaf nodes
        return new Leafz(server.serverId(), Instant.now(), 0, null);
    }
}

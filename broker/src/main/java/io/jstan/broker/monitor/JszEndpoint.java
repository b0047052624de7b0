package io.jstan.broker.monitor;

import io.jstan.broker.nats.NatsServer;

import java.time.Instant;

/**
 * /jsz: jstan has no JetStream, so it answers as nats-server without it: disabled. The query is read
 * as nats-server reads it (a bad value is a 400), and leader-only is refused: there is no leader.
 */
final class JszEndpoint implements Endpoint {
    private final NatsServer server;

    JszEndpoint(NatsServer server) {
        this.server = server;
    }

    @Override
    public String path() {
        return "/jsz";
    }

    @Override
    public Jsz respond(QueryParameters query) {
        // Read for their errors only: nats-server decodes them all before it finds JetStream off.
        query.bool("accounts");
        query.bool("streams");
        query.bool("consumers");
        query.bool("config");
        query.integer("offset");
        query.integer("limit");
        if (query.bool("leader-only")) {
            throw new BadQueryException("filtered response: not leader");
        }
        return Jsz.disabled(server.serverId(), Instant.now());
    }
}

package io.jstan.broker.monitor;

import io.jstan.broker.nats.NatsServer;
import io.jstan.broker.nats.ServerStats;

import java.time.Instant;
import java.util.List;

/**
 * /accstatz: the global account, which carries all of jstan's traffic, so its figures are /varz's:
 * received what clients published, sent what they were delivered. As nats-server, an account without
 * connections is listed only with unused=1.
 */
final class AccountStatzEndpoint implements Endpoint {
    private final NatsServer server;

    AccountStatzEndpoint(NatsServer server) {
        this.server = server;
    }

    @Override
    public String path() {
        return "/accstatz";
    }

    @Override
    public AccountStatz respond(QueryParameters query) {
        boolean unused = query.bool("unused");
        int connections = server.connectionCount();
        if (connections == 0 && !unused) {
            return new AccountStatz(server.serverId(), Instant.now(), List.of());
        }
        ServerStats stats = server.stats();
        AccountStatz.AccountStat global = new AccountStatz.AccountStat(AccountzEndpoint.GLOBAL_ACCOUNT, connections, 0,
                connections, new AccountStatz.DataStats(stats.outMessages(), stats.outBytes()),
                new AccountStatz.DataStats(stats.inMessages(), stats.inBytes()), stats.slowConsumers());
        return new AccountStatz(server.serverId(), Instant.now(), List.of(global));
    }
}

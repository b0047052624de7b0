package io.jstan.broker.monitor;

import io.jstan.broker.nats.NatsServer;

import java.time.Instant;
import java.util.List;

/**
 * /accountz: jstan has one account, nats-server's global account "$G", which every client and every
 * subscription belongs to; acc=$G details it, and any other name is refused as nats-server refuses
 * an account it does not have.
 */
final class AccountzEndpoint implements Endpoint {
    static final String GLOBAL_ACCOUNT = "$G";

    private final NatsServer server;

    AccountzEndpoint(NatsServer server) {
        this.server = server;
    }

    @Override
    public String path() {
        return "/accountz";
    }

    @Override
    public Accountz respond(QueryParameters query) {
        String account = query.text("acc");
        Instant now = Instant.now();
        if (account.isEmpty()) {
            return new Accountz(server.serverId(), now, List.of(GLOBAL_ACCOUNT), null);
        }
        if (!account.equals(GLOBAL_ACCOUNT)) {
            throw new BadQueryException("Account " + account + " does not exist");
        }
        SublistStats stats = SublistStats.of(server.router().stats());
        Accountz.AccountInfo detail = new Accountz.AccountInfo(GLOBAL_ACCOUNT, server.startTime(), false, true, false,
                0, server.connectionCount(), stats.numSubscriptions(), stats);
        return new Accountz(server.serverId(), now, null, detail);
    }
}

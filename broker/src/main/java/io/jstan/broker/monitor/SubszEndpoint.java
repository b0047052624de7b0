package io.jstan.broker.monitor;

import io.jstan.broker.nats.NatsServer;
import io.jstan.broker.nats.Subjects;
import io.jstan.broker.nats.Subscription;

import java.time.Instant;
import java.util.List;

/**
 * /subsz (and its older name /subscriptionsz): the router's statistics and, with subs=1, one page of
 * its subscriptions, optionally only those a message on the literal subject given as test would reach.
 */
final class SubszEndpoint implements Endpoint {
    private static final int DEFAULT_LIMIT = 1024;

    private final NatsServer server;

    SubszEndpoint(NatsServer server) {
        this.server = server;
    }

    @Override
    public String path() {
        return "/subsz";
    }

    @Override
    public Object respond(QueryParameters query) {
        boolean list = query.bool("subs");
        int offset = Math.max(0, query.integer("offset"));
        int requestedLimit = query.integer("limit");
        int limit = requestedLimit > 0 ? requestedLimit : DEFAULT_LIMIT;
        String test = query.text("test");
        if (!test.isEmpty() && !Subjects.isValidLiteralSubject(test)) {
            throw new BadQueryException("invalid test subject, must be valid publish subject: " + test);
        }
        SublistStats stats = SublistStats.of(server.router().stats());
        if (!list) {
            return stats;
        }
        List<SubDetail> page = server.router().all().stream()
                .filter(s -> test.isEmpty() || Subjects.matches(s.subject(), test))
                .skip(offset)
                .limit(limit)
                .map(SubszEndpoint::detail)
                .toList();
        if (page.isEmpty()) {
            return stats;
        }
        return new Subsz(server.serverId(), Instant.now(), stats, page.size(), offset, limit, page);
    }

    private static SubDetail detail(Subscription s) {
        return new SubDetail(s.subject(), s.queue(), s.sid(), s.delivered(), s.maxMessages());
    }
}

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
    public Subsz respond(QueryParameters query) {
        boolean list = query.bool("subs");
        int offset = Math.max(0, query.integer("offset"));
        int requestedLimit = query.integer("limit");
        int limit = requestedLimit > 0 ? requestedLimit : DEFAULT_LIMIT;
        String test = query.text("test");
        if (!test.isEmpty() && !Subjects.isValidLiteralSubject(test)) {
            throw new BadQueryException("invalid test subject, must be valid publish subject: " + test);
        }
        if (!list) {
            return Subsz.statistics(server.serverId(), Instant.now(), server.router().count());
        }
        List<Subscription> subscriptions = server.router().all();
        List<SubDetail> page = subscriptions.stream()
                .filter(s -> test.isEmpty() || Subjects.matches(s.subject(), test))
                .skip(offset)
                .limit(limit)
                .map(s -> new SubDetail(s.subject(), s.queue(), s.sid(), s.delivered(), s.maxMessages()))
                .toList();
        return Subsz.withList(server.serverId(), Instant.now(), subscriptions.size(), offset, limit, page);
    }
}

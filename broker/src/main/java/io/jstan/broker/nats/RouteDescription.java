package io.jstan.broker.nats;

import java.time.Instant;
import java.util.List;

/** A snapshot of one route, for /routez. {@code subscriptions} is null unless asked for. */
public record RouteDescription(
        long rid,
        String remoteId,
        boolean didSolicit,
        boolean isConfigured,
        String ip,
        int port,
        Instant start,
        Instant lastActivity,
        long pendingBytes,
        long inMessages,
        long outMessages,
        long inBytes,
        long outBytes,
        int subscriptionCount,
        List<String> subscriptions) {
}

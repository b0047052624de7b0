package io.jstan.broker.nats;

import java.time.Instant;
import java.util.List;

/** A snapshot of one client connection, for /connz. Text fields are null when unknown. */
public record ConnectionInfo(
        long cid,
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
        String name,
        String lang,
        String version,
        String tlsVersion,
        String tlsCipherSuite,
        List<String> subscriptions) {
}

package io.jstan.broker.nats;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot of one client connection, for /connz. Text fields are null when unknown; stop and reason
 * are null while the connection is open.
 */
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
        List<String> subscriptions,
        Instant stop,
        String reason) {

    /** This snapshot, taken as the connection closed, with when and why. */
    ConnectionInfo closed(Instant stopped, String why) {
        return new ConnectionInfo(cid, ip, port, start, lastActivity, pendingBytes, inMessages, outMessages, inBytes,
                outBytes, subscriptionCount, name, lang, version, tlsVersion, tlsCipherSuite, subscriptions, stopped, why);
    }

    /** The same without the subscriptions' subjects (kept for a closed connection, listed only when asked for). */
    public ConnectionInfo withoutSubscriptions() {
        return new ConnectionInfo(cid, ip, port, start, lastActivity, pendingBytes, inMessages, outMessages, inBytes,
                outBytes, subscriptionCount, name, lang, version, tlsVersion, tlsCipherSuite, null, stop, reason);
    }

    public boolean isClosed() {
        return stop != null;
    }
}

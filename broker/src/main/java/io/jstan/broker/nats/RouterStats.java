package io.jstan.broker.nats;

/**
 * The statistics of the {@link SubjectRouter}, as nats-server keeps them for its sublist: matches count
 * the lookups publishers make in the shared router (a publisher's own {@link PublisherMatchCache} answers
 * the others), and the fan-out figures are those of the results cached at the time.
 */
public record RouterStats(
        int subscriptions,
        int cachedResults,
        long inserts,
        long removes,
        long matches,
        double cacheHitRate,
        int maxFanout,
        double averageFanout) {
}

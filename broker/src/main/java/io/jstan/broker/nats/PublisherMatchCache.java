package io.jstan.broker.nats;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One publisher's own cache of the router's results, by subject, as nats-server keeps one per
 * connection: a subject published again is answered here while the router is unchanged, without a
 * lookup in the shared router. So the router counts as matches what nats-server counts. Safe for
 * publishers on several threads (the in-process bus).
 */
final class PublisherMatchCache {
    /** nats-server's bound: past it, a few results are dropped. */
    private static final int MAX_RESULTS = 512;
    private static final int PRUNED = 32;

    private final SubjectRouter router;
    private volatile Results current = new Results(-1);

    PublisherMatchCache(SubjectRouter router) {
        this.router = router;
    }

    SubjectRouter.Match match(String subject) {
        // Read before the lookup: a result newer than its generation is only dropped sooner.
        long generation = router.generation();
        Results results = current;
        if (results.generation != generation) {
            results = new Results(generation);
            current = results;
        }
        SubjectRouter.Match match = results.bySubject.get(subject);
        if (match == null) {
            match = router.match(subject);
            results.bySubject.put(subject, match);
            if (results.bySubject.size() > MAX_RESULTS) {
                prune(results);
            }
        }
        return match;
    }

    private static void prune(Results results) {
        Iterator<String> subjects = results.bySubject.keySet().iterator();
        for (int i = 0; i < PRUNED && subjects.hasNext(); i++) {
            subjects.next();
            subjects.remove();
        }
    }

    /** The results of one generation of the router. */
    private static final class Results {
        final long generation;
        final ConcurrentHashMap<String, SubjectRouter.Match> bySubject = new ConcurrentHashMap<>();

        Results(long generation) {
            this.generation = generation;
        }
    }
}

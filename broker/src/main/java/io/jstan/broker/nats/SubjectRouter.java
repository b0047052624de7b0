package io.jstan.broker.nats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The subscriptions of the server, in a trie of subject tokens with '*' and '>' branches,
 * and a cache of match results by literal subject. Matching costs one walk of the subject's
 * tokens, whatever the number of subscriptions on other subjects; a cache hit costs one lookup.
 * It keeps nats-server's sublist statistics (see {@link #stats()}).
 */
public final class SubjectRouter {
    /** nats-server's bound of the cache: past it, entries are dropped down to {@link #CACHE_SWEEP_TO}. */
    private static final int CACHE_MAX = 1024;
    private static final int CACHE_SWEEP_TO = 512;

    private final Node root = new Node();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final ConcurrentHashMap<String, Match> cache = new ConcurrentHashMap<>();
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private final LongAdder matches = new LongAdder();
    private final LongAdder cacheHits = new LongAdder();
    /** Changed under the write lock with count, inserts and removes. */
    private int count;
    private long inserts;
    private long removes;
    /** Bumped by every add and remove, once the cache reflects it: what a {@link PublisherMatchCache} checks. */
    private volatile long generation;
    private volatile InterestListener localInterest = InterestListener.NONE;

    /** Told of every subscription of this server's own (not a route's) once it is added or removed. */
    interface InterestListener {
        InterestListener NONE = new InterestListener() {
            @Override
            public void added(Subscription subscription) {
            }

            @Override
            public void removed(Subscription subscription) {
            }
        };

        void added(Subscription subscription);

        void removed(Subscription subscription);
    }

    void localInterestListener(InterestListener listener) {
        localInterest = listener;
    }

    public void add(Subscription subscription) {
        addToTrie(subscription);
        if (!subscription.subscriber().isRoute()) {
            localInterest.added(subscription);
        }
    }

    /** Removes a subscription; false if it was not there (already removed). */
    public boolean remove(Subscription subscription) {
        boolean removed = removeFromTrie(subscription);
        if (removed && !subscription.subscriber().isRoute()) {
            localInterest.removed(subscription);
        }
        return removed;
    }

    private void addToTrie(Subscription subscription) {
        lock.writeLock().lock();
        try {
            Node node = root;
            for (String token : tokens(subscription.subject())) {
                node = node.child(token, true);
            }
            node.add(subscription);
            count++;
            inserts++;
            refreshCached(subscription.subject());
            generation++;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private boolean removeFromTrie(Subscription subscription) {
        lock.writeLock().lock();
        try {
            List<Node> path = new ArrayList<>();
            Node node = root;
            for (String token : tokens(subscription.subject())) {
                path.add(node);
                node = node.child(token, false);
                if (node == null) {
                    return false;
                }
            }
            if (!node.remove(subscription)) {
                return false;
            }
            count--;
            removes++;
            prune(path, node, tokens(subscription.subject()));
            invalidate(subscription.subject());
            generation++;
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    public int count() {
        lock.readLock().lock();
        try {
            return count;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The subscriptions whose subjects match a literal subject; counted as one match (a cache hit or not). */
    public Match match(String subject) {
        matches.increment();
        Match cached = cache.get(subject);
        if (cached != null) {
            cacheHits.increment();
            return cached;
        }
        Match match;
        lock.readLock().lock();
        try {
            match = compute(subject);
            // Stored under the read lock, so no add or remove can slip between computing and caching.
            cache.put(subject, match);
        } finally {
            lock.readLock().unlock();
        }
        if (cache.size() > CACHE_MAX) {
            sweepCache();
        }
        return match;
    }

    /**
     * nats-server's sublist statistics: the subscriptions, the results cached, the adds and removes,
     * the matches and the share of them the cache answered, and the fan-out (plain subscriptions,
     * routes with interest and queue groups) of the results cached.
     */
    public RouterStats stats() {
        int subscriptions;
        long added;
        long removed;
        lock.readLock().lock();
        try {
            subscriptions = count;
            added = inserts;
            removed = removes;
        } finally {
            lock.readLock().unlock();
        }
        long matched = matches.sum();
        long hits = cacheHits.sum();
        int results = 0;
        long totalFanout = 0;
        int maxFanout = 0;
        for (Match match : cache.values()) {
            results++;
            int fanout = match.fanout();
            totalFanout += fanout;
            maxFanout = Math.max(maxFanout, fanout);
        }
        return new RouterStats(subscriptions, results, added, removed, matched,
                matched > 0 ? (double) hits / matched : 0, maxFanout, totalFanout > 0 ? (double) totalFanout / results : 0);
    }

    /** Changes with every add and remove. */
    long generation() {
        return generation;
    }

    /** Every subscription, for monitoring. */
    public List<Subscription> all() {
        lock.readLock().lock();
        try {
            List<Subscription> result = new ArrayList<>(count);
            root.collectAll(result);
            return result;
        } finally {
            lock.readLock().unlock();
        }
    }

    private void collect(Node node, String[] tokens, int index, MatchBuilder builder) {
        if (index == tokens.length) {
            builder.addAll(node);
            return;
        }
        if (node.fullWildcard != null) {
            builder.addAll(node.fullWildcard);
        }
        if (node.partialWildcard != null) {
            collect(node.partialWildcard, tokens, index + 1, builder);
        }
        Node literal = node.literals == null ? null : node.literals.get(tokens[index]);
        if (literal != null) {
            collect(literal, tokens, index + 1, builder);
        }
    }

    /** Under the read or write lock. */
    private Match compute(String subject) {
        MatchBuilder builder = new MatchBuilder();
        collect(root, tokens(subject), 0, builder);
        return builder.build();
    }

    /** A subscription was added: the cached results it belongs to are computed again (as nats-server adds it to them). */
    private void refreshCached(String addedSubject) {
        if (Subjects.isValidLiteralSubject(addedSubject)) {
            cache.computeIfPresent(addedSubject, (literal, stale) -> compute(literal));
            return;
        }
        for (String literal : cache.keySet()) {
            if (Subjects.matches(addedSubject, literal)) {
                cache.computeIfPresent(literal, (key, stale) -> compute(key));
            }
        }
    }

    /** A subscription was removed: the cached results it belonged to are dropped (as nats-server does). */
    private void invalidate(String removedSubject) {
        if (Subjects.isValidLiteralSubject(removedSubject)) {
            cache.remove(removedSubject);
            return;
        }
        cache.keySet().removeIf(literal -> Subjects.matches(removedSubject, literal));
    }

    /** Drops cached results down to CACHE_SWEEP_TO; one thread at a time, the others go on. */
    private void sweepCache() {
        if (!sweeping.compareAndSet(false, true)) {
            return;
        }
        try {
            Iterator<String> keys = cache.keySet().iterator();
            while (cache.size() > CACHE_SWEEP_TO && keys.hasNext()) {
                keys.next();
                keys.remove();
            }
        } finally {
            sweeping.set(false);
        }
    }

    private static void prune(List<Node> path, Node leaf, String[] tokens) {
        Node node = leaf;
        for (int i = path.size() - 1; i >= 0 && node.isEmpty(); i--) {
            path.get(i).removeChild(tokens[i], node);
            node = path.get(i);
        }
    }

    private static String[] tokens(String subject) {
        int n = 1;
        for (int i = 0; i < subject.length(); i++) {
            if (subject.charAt(i) == '.') {
                n++;
            }
        }
        String[] tokens = new String[n];
        int start = 0;
        for (int t = 0; t < n; t++) {
            int end = subject.indexOf('.', start);
            if (end < 0) {
                end = subject.length();
            }
            tokens[t] = subject.substring(start, end);
            start = end + 1;
        }
        return tokens;
    }

    /**
     * The result of a match: this server's plain subscriptions, the routes with plain interest
     * (each once, however many of its subscriptions match), and queue subscriptions grouped by
     * queue, routes' and this server's together.
     */
    public static final class Match {
        static final Match EMPTY = new Match(new Subscription[0], new Subscription[0], new Subscription[0][]);

        private final Subscription[] plain;
        private final Subscription[] routes;
        private final Subscription[][] queueGroups;

        Match(Subscription[] plain, Subscription[] routes, Subscription[][] queueGroups) {
            this.plain = plain;
            this.routes = routes;
            this.queueGroups = queueGroups;
        }

        /** The plain subscriptions of this server's clients and in-process subscribers. */
        public Subscription[] plain() {
            return plain;
        }

        /** One plain subscription of each route whose server has interest. */
        Subscription[] routes() {
            return routes;
        }

        /** One array per queue group name, each member of it once. */
        public Subscription[][] queueGroups() {
            return queueGroups;
        }

        public boolean isEmpty() {
            return plain.length == 0 && routes.length == 0 && queueGroups.length == 0;
        }

        /** How many deliveries a message could make: each plain subscription, route and queue group once. */
        int fanout() {
            return plain.length + routes.length + queueGroups.length;
        }
    }

    private static final class MatchBuilder {
        private final List<Subscription> plain = new ArrayList<>();
        private List<Subscription> routes;
        private Map<String, List<Subscription>> queues;

        void addAll(Node node) {
            for (Subscription subscription : node.plain) {
                if (!subscription.subscriber().isRoute()) {
                    plain.add(subscription);
                } else if (routes == null) {
                    routes = new ArrayList<>(List.of(subscription));
                } else if (routes.stream().noneMatch(r -> r.subscriber() == subscription.subscriber())) {
                    routes.add(subscription);
                }
            }
            if (node.queues != null) {
                if (queues == null) {
                    queues = new LinkedHashMap<>();
                }
                node.queues.forEach((name, members) ->
                        queues.computeIfAbsent(name, n -> new ArrayList<>()).addAll(members));
            }
        }

        Match build() {
            if (plain.isEmpty() && routes == null && queues == null) {
                return Match.EMPTY;
            }
            Subscription[][] groups = queues == null ? new Subscription[0][] : queues.values().stream()
                    .map(members -> members.toArray(new Subscription[0]))
                    .toArray(Subscription[][]::new);
            Subscription[] routeArray = routes == null ? new Subscription[0] : routes.toArray(new Subscription[0]);
            return new Match(plain.toArray(new Subscription[0]), routeArray, groups);
        }
    }

    private static final class Node {
        Map<String, Node> literals;
        Node partialWildcard;
        Node fullWildcard;
        final List<Subscription> plain = new ArrayList<>(1);
        Map<String, List<Subscription>> queues;

        Node child(String token, boolean create) {
            if (token.equals("*")) {
                if (partialWildcard == null && create) {
                    partialWildcard = new Node();
                }
                return partialWildcard;
            }
            if (token.equals(">")) {
                if (fullWildcard == null && create) {
                    fullWildcard = new Node();
                }
                return fullWildcard;
            }
            if (literals == null) {
                if (!create) {
                    return null;
                }
                literals = new HashMap<>();
            }
            return create ? literals.computeIfAbsent(token, t -> new Node()) : literals.get(token);
        }

        void removeChild(String token, Node child) {
            if (partialWildcard == child) {
                partialWildcard = null;
            } else if (fullWildcard == child) {
                fullWildcard = null;
            } else if (literals != null) {
                literals.remove(token);
            }
        }

        void add(Subscription subscription) {
            if (subscription.queue() == null) {
                plain.add(subscription);
            } else {
                if (queues == null) {
                    queues = new HashMap<>();
                }
                queues.computeIfAbsent(subscription.queue(), q -> new ArrayList<>()).add(subscription);
            }
        }

        boolean remove(Subscription subscription) {
            if (subscription.queue() == null) {
                return plain.remove(subscription);
            }
            List<Subscription> members = queues == null ? null : queues.get(subscription.queue());
            if (members == null || !members.remove(subscription)) {
                return false;
            }
            if (members.isEmpty()) {
                queues.remove(subscription.queue());
            }
            return true;
        }

        boolean isEmpty() {
            return plain.isEmpty() && (queues == null || queues.isEmpty()) && (literals == null || literals.isEmpty())
                    && partialWildcard == null && fullWildcard == null;
        }

        void collectAll(List<Subscription> result) {
            result.addAll(plain);
            if (queues != null) {
                queues.values().forEach(result::addAll);
            }
            if (literals != null) {
                literals.values().forEach(n -> n.collectAll(result));
            }
            if (partialWildcard != null) {
                partialWildcard.collectAll(result);
            }
            if (fullWildcard != null) {
                fullWildcard.collectAll(result);
            }
        }
    }
}

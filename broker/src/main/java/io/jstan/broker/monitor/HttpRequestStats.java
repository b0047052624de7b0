package io.jstan.broker.monitor;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** How many requests each monitoring path has had: /varz's http_req_stats. */
final class HttpRequestStats {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    void count(String path) {
        counts.computeIfAbsent(path, p -> new LongAdder()).increment();
    }

    /** By path, sorted as Go writes a map. */
    SortedMap<String, Long> snapshot() {
        SortedMap<String, Long> snapshot = new TreeMap<>();
        counts.forEach((path, count) -> snapshot.put(path, count.sum()));
        return snapshot;
    }
}

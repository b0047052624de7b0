package io.jstan.broker.monitor;

import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many requests each of nats-server's monitoring paths has had: /varz's http_req_stats. Like
 * nats-server, it counts its own endpoints only: not /metrics, nor nats-streaming-server's /streaming ones.
 */
final class HttpRequestStats {
    private static final Set<String> NATS_SERVER_PATHS = Set.of("/", "/varz", "/connz", "/routez", "/gatewayz",
            "/leafz", "/subsz", "/accountz", "/accstatz", "/jsz", "/healthz");

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    void count(String path) {
        if (NATS_SERVER_PATHS.contains(path)) {
            counts.computeIfAbsent(path, p -> new LongAdder()).increment();
        }
    }

    /** By path, sorted as Go writes a map. */
    SortedMap<String, Long> snapshot() {
        SortedMap<String, Long> snapshot = new TreeMap<>();
        counts.forEach((path, count) -> snapshot.put(path, count.sum()));
        return snapshot;
    }
}

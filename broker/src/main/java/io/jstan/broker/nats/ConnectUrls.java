package io.jstan.broker.nats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The client URLs of every server in the mesh, which clients get in INFO's {@code connect_urls}
 * to reconnect elsewhere: this server's own, then those each route's peer advertised.
 */
final class ConnectUrls {
    private final List<String> own;
    private final Map<String, List<String>> byServer = new LinkedHashMap<>();

    ConnectUrls(List<String> own) {
        this.own = List.copyOf(own);
    }

    List<String> own() {
        return own;
    }

    /** Adds a peer's URLs; true when the list changed. */
    synchronized boolean add(String serverId, List<String> urls) {
        if (urls == null || urls.isEmpty()) {
            return false;
        }
        List<String> before = all();
        byServer.put(serverId, List.copyOf(urls));
        return !before.equals(all());
    }

    /** Drops a peer's URLs; true when the list changed. */
    synchronized boolean remove(String serverId) {
        List<String> before = all();
        byServer.remove(serverId);
        return !before.equals(all());
    }

    /** Every URL once, this server's first. */
    synchronized List<String> all() {
        Set<String> urls = new LinkedHashSet<>(own);
        byServer.values().forEach(urls::addAll);
        return new ArrayList<>(urls);
    }
}

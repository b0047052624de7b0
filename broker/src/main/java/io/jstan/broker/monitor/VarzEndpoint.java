package io.jstan.broker.monitor;

import io.jstan.broker.nats.ClusterOptions;
import io.jstan.broker.nats.NatsServer;
import io.jstan.broker.nats.NatsServerOptions;
import io.jstan.broker.nats.ServerStats;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** /varz: the server's settings and counters. */
final class VarzEndpoint implements Endpoint {
    /** The NATS client protocol level, as in INFO. */
    private static final int PROTOCOL = 1;
    private static final double NANOS_PER_SECOND = 1e9;

    private final NatsServer server;
    private final MonitoringServer monitoring;
    private final HttpRequestStats requestStats;
    private final ProcessUsage processUsage = new ProcessUsage();

    VarzEndpoint(NatsServer server, MonitoringServer monitoring, HttpRequestStats requestStats) {
        this.server = server;
        this.monitoring = monitoring;
        this.requestStats = requestStats;
    }

    @Override
    public String path() {
        return "/varz";
    }

    @Override
    public Varz respond(QueryParameters query) {
        NatsServerOptions options = server.options();
        ServerStats stats = server.stats();
        Instant now = Instant.now();
        int cores = Runtime.getRuntime().availableProcessors();
        return new Varz(
                server.serverId(),
                server.serverName(),
                JstanVersion.get(),
                PROTOCOL,
                options.host(),
                server.port(),
                options.authRequired(),
                options.tlsEnabled(),
                options.tlsVerify(),
                server.connectUrls(),
                options.maxConnections(),
                options.pingInterval().toNanos(),
                options.maxPingsOut(),
                options.httpHost(),
                Math.max(0, monitoring.httpPort()),
                "",
                Math.max(0, monitoring.httpsPort()),
                seconds(options.authTimeout()),
                options.maxControlLine(),
                options.maxPayload(),
                options.maxPending(),
                cluster(options.cluster()),
                Varz.OFF,
                Varz.OFF,
                Varz.OFF,
                Varz.OFF,
                Varz.OFF,
                seconds(options.tlsTimeout()),
                options.writeDeadline().toNanos(),
                server.startTime(),
                now,
                GoUptime.format(Duration.between(server.startTime(), now)),
                processUsage.residentBytes(),
                cores,
                cores,
                processUsage.cpuPercent(),
                server.connectionCount(),
                stats.totalConnections(),
                server.routeCount(),
                server.routeCount(),
                0,
                stats.inMessages(),
                stats.outMessages(),
                stats.inBytes(),
                stats.outBytes(),
                stats.slowConsumers(),
                server.router().count(),
                requestStats.snapshot(),
                server.startTime());
    }

    private ClusterVarz cluster(ClusterOptions cluster) {
        if (!cluster.enabled()) {
            return ClusterVarz.NONE;
        }
        List<String> urls = cluster.routes().stream().map(url -> url.getHost() + ":" + url.getPort()).toList();
        return new ClusterVarz(server.clusterName(), cluster.host(), server.clusterPort(), seconds(cluster.authTimeout()),
                urls, seconds(cluster.tlsTimeout()), cluster.tlsEnabled(), cluster.tlsEnabled());
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / NANOS_PER_SECOND;
    }
}

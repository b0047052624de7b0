package io.jstan.broker.nats;

import io.nats.client.NUID;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The cluster side of the server: the route listener, the routes it dials, and the registry of
 * routes by the other server's ID. It resolves duplicates (two routes between the same pair of
 * servers: the first registered stays), gossips (a new peer's INFO goes to the other routes, whose
 * servers then dial it, so that a partial route list ends in a full mesh), and keeps the client
 * URLs of the mesh that clients get in INFO.
 */
final class Routes {
    private static final Logger LOG = LoggerFactory.getLogger(Routes.class);

    private final NatsServer server;
    private final ClusterOptions options;
    private final LocalInterest localInterest;
    private final ConnectUrls connectUrls;
    /** The registered route of each peer, by server ID, in the order they registered. */
    private final Map<String, RouteConnection> byServerId = new LinkedHashMap<>();
    private final List<RouteConnection> open = new ArrayList<>();
    private final ClusterName clusterName;
    private volatile boolean closing;
    private Channel listener;
    private RouteDialer dialer;
    private RouteInfo ownInfo;

    /** {@code clusterName}: the configured one, or one made up when none is (then peers may replace it). */
    Routes(NatsServer server, LocalInterest localInterest, ConnectUrls connectUrls, String clusterName) {
        this.server = server;
        this.options = server.options().cluster();
        this.localInterest = localInterest;
        this.connectUrls = connectUrls;
        this.clusterName = new ClusterName(clusterName, options.name() == null);
    }

    String clusterName() {
        return clusterName.name();
    }

    /** Binds the route listener on the server's event loops and starts dialling the configured routes. */
    void start(EventLoopGroup acceptors, EventLoopGroup workers, Class<? extends ServerChannel> serverChannelType,
               Class<? extends SocketChannel> channelType) throws IOException {
        RouteTls tls = options.tlsEnabled() ? RouteTls.load(options) : null;
        LOG.info("Cluster name is {}", clusterName.name());
        if (clusterName.madeUpAtStart()) {
            LOG.warn("Cluster name was dynamically generated, consider setting one");
        }
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptors, workers)
                .channel(serverChannelType)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, NatsServer.WRITE_BUFFER_WATER_MARK)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        if (tls != null) {
                            SslHandler handler = tls.listener().newHandler(channel.alloc());
                            handler.setHandshakeTimeoutMillis(options.tlsTimeout().toMillis());
                            channel.pipeline().addLast("tls", handler);
                        }
                        channel.pipeline().addLast("route", newRoute(null, false));
                    }
                });
        int port = options.port() == NatsServerOptions.RANDOM_PORT ? 0 : options.port();
        try {
            listener = bootstrap.bind(new InetSocketAddress(options.host(), port)).sync().channel();
        } catch (Exception e) {
            throw new IOException("cannot listen for routes on " + options.host() + ":" + port + ": " + e.getMessage(), e);
        }
        LOG.info("Listening for route connections on {}:{}", options.host(), port());
        ownInfo = buildOwnInfo();
        dialer = new RouteDialer(workers, channelType, tls, options.tlsTimeout(), options.connectRetries(), this::newRoute);
        for (URI route : options.routes()) {
            dialer.dial(route, true);
        }
    }

    int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    private RouteConnection newRoute(URI solicitedUrl, boolean configured) {
        return new RouteConnection(server, this, server.nextConnectionId(), solicitedUrl, configured);
    }

    /** A route's channel exists: it is closed with the server from now on. */
    synchronized void opened(RouteConnection route) {
        open.add(route);
    }

    /** A route's channel is gone (also one that never connected). */
    synchronized void forget(RouteConnection route) {
        open.remove(route);
    }

    private RouteInfo buildOwnInfo() {
        String host = options.host();
        int port = port();
        String ip = null;
        if (options.advertise() != null) {
            URI advertised = URI.create("nats-route://" + options.advertise());
            host = advertised.getHost();
            port = advertised.getPort() > 0 ? advertised.getPort() : port;
            ip = "nats-route://" + options.advertise() + "/";
        }
        return new RouteInfo(server.serverId(), server.serverName(), NatsServer.NATS_COMPATIBLE_VERSION,
                RouteInfo.ROUTE_PROTOCOL, host, port, true, options.authRequired(), options.tlsEnabled(),
                options.tlsEnabled(), server.options().maxPayload(), null, ip, clusterName.name(),
                clusterName.madeUpAtStart(), options.noAdvertise() ? null : connectUrls.own(), true);
    }

    /**
     * This server's INFO for a new route: with the cluster name of now (it may have changed since
     * start; {@code cluster_dynamic} still says whether it was made up at start) and a nonce, as
     * nats-server sends (routes do not sign it).
     */
    RouteInfo ownInfo() {
        RouteInfo info = ownInfo;
        return new RouteInfo(info.serverId(), info.serverName(), info.version(), info.proto(), info.host(), info.port(),
                info.headers(), info.authRequired(), info.tlsRequired(), info.tlsVerify(), info.maxPayload(), NUID.nextGlobal(),
                info.ip(), clusterName.name(), info.dynamic(), info.connectUrls(), info.leafNodeOriginCluster());
    }

    /** The CONNECT this server sends on a route it dialled, with the credentials of the URL. */
    RouteConnect connectFor(URI url) {
        String user = null;
        String pass = null;
        if (url.getUserInfo() != null) {
            String[] parts = url.getUserInfo().split(":", 2);
            user = parts[0];
            pass = parts.length > 1 ? parts[1] : null;
        }
        return new RouteConnect(true, false, false, user, pass, options.tlsEnabled(), server.serverId(), true,
                clusterName.name(), clusterName.dynamic(), true, null, null);
    }

    boolean isAuthorized(RouteConnect connect) {
        return Authorizer.sameSecret(options.user(), connect.user())
                && Authorizer.sameSecret(options.password() == null ? "" : options.password(), connect.pass());
    }

    /**
     * Checks the cluster name of a peer's CONNECT: null when the route may go on, else the error to
     * refuse it with. This server may take the peer's name instead ({@link ClusterName}).
     */
    String acceptConnectClusterName(RouteConnect connect, RouteConnection from) {
        ClusterName.Verdict verdict = clusterName.onConnect(connect.cluster(), connect.dynamic());
        if (verdict == ClusterName.Verdict.CONFLICT) {
            return "Rejecting connection, cluster name \"" + (connect.cluster() == null ? "" : connect.cluster())
                    + "\" does not match \"" + clusterName.name() + "\"";
        }
        if (verdict == ClusterName.Verdict.ADOPTED) {
            clusterNameAdopted(from);
        }
        return null;
    }

    /** Checks the cluster name of an INFO a peer sent (its own or another server's): whether the route may go on. */
    boolean acceptInfoClusterName(RouteInfo info, RouteConnection from) {
        ClusterName.Verdict verdict = clusterName.onInfo(info.cluster(), info.dynamic());
        if (verdict == ClusterName.Verdict.ADOPTED) {
            clusterNameAdopted(from);
        }
        return verdict != ClusterName.Verdict.CONFLICT;
    }

    /**
     * This server took a peer's cluster name: new routes carry it, and the routes registered under
     * the old one are closed (out of the registry at once, so that nothing more is forwarded to
     * them); those this server dialled are dialled again, and their peers take the name or refuse,
     * as nats-server does.
     */
    private void clusterNameAdopted(RouteConnection keep) {
        String name = clusterName.name();
        LOG.info("Cluster name updated to {}", name);
        server.clusterNameChanged(name);
        List<RouteConnection> others;
        synchronized (this) {
            others = byServerId.values().stream().filter(route -> route != keep).toList();
        }
        for (RouteConnection route : others) {
            unregister(route);
            route.close("Cluster Name Conflict");
        }
    }

    /**
     * Registers a route whose INFO arrived; false when the peer already has one (the caller drops
     * this one). A new peer gets this server's interest, its INFO goes to the other routes, and
     * its client URLs to the clients.
     */
    boolean register(RouteConnection route) {
        String id = route.remoteId();
        List<RouteConnection> others;
        synchronized (this) {
            if (closing) {
                return false;
            }
            RouteConnection existing = byServerId.get(id);
            if (existing != null) {
                existing.duplicateDropped(route.solicitedUrl(), route.configured());
                return false;
            }
            others = new ArrayList<>(byServerId.values());
            byServerId.put(id, route);
        }
        localInterest.addRoute(route);
        RouteInfo gossip = route.remoteInfo().forwarded(route.reachableUrl());
        others.forEach(other -> other.sendInfo(gossip));
        if (!options.noAdvertise() && connectUrls.add(id, route.remoteInfo().connectUrls())) {
            server.connectUrlsChanged(connectUrls.all());
        }
        return true;
    }

    /**
     * A route closed: forget it, and dial its peer again if this server dialled it (or took over
     * the URL of a dropped duplicate) and has no other route to it, as nats-server does: forever
     * for a configured route, {@code connect_retries} times for one learnt by gossip.
     */
    void closed(RouteConnection route) {
        unregister(route);
        String id = route.remoteId();
        boolean stillConnected;
        synchronized (this) {
            stillConnected = id != null && byServerId.containsKey(id);
        }
        URI url = route.solicitedUrl();
        if (closing || url == null || stillConnected || route.leadsToSelf()) {
            return;
        }
        dialer.redial(url, route.configured());
    }

    /** Takes a route out of the registry, with its peer's interest and client URLs; once, whichever comes first. */
    private void unregister(RouteConnection route) {
        String id = route.remoteId();
        boolean wasRegistered;
        synchronized (this) {
            wasRegistered = id != null && byServerId.remove(id, route);
        }
        if (wasRegistered) {
            localInterest.removeRoute(route);
            // Not while shutting down: clients would forget the other servers just before they need them.
            if (connectUrls.remove(id) && !closing) {
                server.connectUrlsChanged(connectUrls.all());
            }
        }
    }

    /** A peer told of another server (gossip): dial it unless it is this one, already a peer, or configured anyway. */
    void learnt(RouteInfo info) {
        synchronized (this) {
            if (closing || server.serverId().equals(info.serverId()) || byServerId.containsKey(info.serverId())
                    || isConfigured(info.host(), info.port()) || info.ip() == null || info.ip().isEmpty()) {
                return;
            }
        }
        URI url = URI.create(info.ip());
        if (info.authRequired() && options.user() != null) {
            url = URI.create(url.getScheme() + "://" + options.user() + ":" + (options.password() == null ? "" : options.password())
                    + "@" + url.getHost() + ":" + url.getPort());
        }
        dialer.dial(url, false);
    }

    private boolean isConfigured(String host, int port) {
        String hostPort = (host + ":" + port).toLowerCase(Locale.ROOT);
        return options.routes().stream()
                .anyMatch(route -> (route.getHost() + ":" + route.getPort()).toLowerCase(Locale.ROOT).equals(hostPort));
    }

    synchronized int count() {
        return byServerId.size();
    }

    /** The registered routes, by route ID. */
    List<RouteDescription> describe(boolean withSubscriptions) {
        List<RouteConnection> routes;
        synchronized (this) {
            routes = new ArrayList<>(byServerId.values());
        }
        return routes.stream()
                .sorted((a, b) -> Long.compare(a.id(), b.id()))
                .map(route -> route.describe(withSubscriptions))
                .toList();
    }

    /** Stops dialling and listening, and closes every route (waiting up to {@code timeoutMillis}). */
    void close(long timeoutMillis) {
        List<RouteConnection> routes;
        synchronized (this) {
            closing = true;
            routes = new ArrayList<>(open);
        }
        if (dialer != null) {
            dialer.stop();
        }
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (RouteConnection route : routes) {
            ChannelFuture closed = route.close("Server Shutdown");
            closed.awaitUninterruptibly(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }
}

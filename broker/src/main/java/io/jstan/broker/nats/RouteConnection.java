package io.jstan.broker.nats;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One route: a connection to another server of the cluster, opened by either side. It runs
 * nats-server's route handshake (the side that dialled sends CONNECT, both send INFO), holds the
 * other server's interest as subscriptions in this server's router, hands the messages it brings
 * to this server's subscribers, and forwards messages for the other server's. Everything but
 * {@link #forward} and the interest updates runs on the connection's event loop.
 */
final class RouteConnection extends NatsConnection implements Subscriber, RouteProtocolParser.Handler {
    private static final Logger LOG = LoggerFactory.getLogger(RouteConnection.class);

    static final String ATTEMPTED_TO_CONNECT_TO_ROUTE_PORT = "attempted to connect to route port";
    static final String INVALID_SUBSCRIPTION = "Invalid Subscription";

    private final Routes routes;
    private final long id;
    /** The URL this server dialled, or null for a route the other server opened. */
    private volatile URI solicitedUrl;
    /** Whether the URL was configured (retried forever) rather than learnt by gossip. */
    private volatile boolean configured;
    private final Instant start = Instant.now();
    private final Map<String, Subscription> remoteInterest = new ConcurrentHashMap<>();
    private final PublisherMatchCache matches;

    private RouteProtocolParser parser;
    private InetSocketAddress remote;
    private volatile RouteInfo remoteInfo;
    private volatile boolean headers;
    /** The URL dialled leads back to this server (it is in its own route list): never dialled again. */
    private volatile boolean toSelf;
    private String closeReason = "Client Closed";
    private long inMessages;
    private long inBytes;

    RouteConnection(NatsServer server, Routes routes, long id, URI solicitedUrl, boolean configured) {
        super(server, LOG, "Route");
        this.routes = routes;
        this.id = id;
        this.solicitedUrl = solicitedUrl;
        this.configured = configured;
        this.matches = new PublisherMatchCache(server.router());
    }

    @Override
    ProtocolParser parser() {
        return parser;
    }

    @Override
    void closingBecause(String reason) {
        closeReason = reason;
    }

    // ---- lifecycle ----

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        routes.opened(this);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        routes.forget(this);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        remote = (InetSocketAddress) ctx.channel().remoteAddress();
        String address = solicitedUrl != null
                ? solicitedUrl.getHost() + ":" + solicitedUrl.getPort()
                : remote.getAddress().getHostAddress() + ":" + remote.getPort();
        open(ctx.channel(), address + " - rid:" + id);
        parser = new RouteProtocolParser(this, channel.alloc(), options.maxControlLine(), options.maxPayload());
        parser.requireConnectFirst(solicitedUrl == null && options.cluster().authRequired());
        LOG.info("{} - Route connection created", peer);
        if (solicitedUrl != null) {
            sendJson("CONNECT ", routes.connectFor(solicitedUrl));
        } else if (options.cluster().authRequired()) {
            awaitConnectWithin(options.cluster().authTimeout());
        }
        sendJson("INFO ", routes.ownInfo());
        startPinging();
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        super.channelInactive(ctx);
        removeFromRouter(remoteInterest);
        LOG.info("{} - Router connection closed: {}", peer, closeReason);
        routes.closed(this);
    }

    // ---- inbound ----

    @Override
    public void onViolation(String error, String detail) {
        if (AUTHORIZATION_VIOLATION.equals(error)) {
            LOG.error("{} - authentication error", peer);
            closeWithError(error, "Authentication Failure");
            return;
        }
        LOG.error("{} - Router parser ERROR: {}", peer, detail);
        closeWithError(error, "Protocol Violation");
    }

    @Override
    public void onConnect(String json) {
        trace("<<- [CONNECT " + json + "]");
        RouteConnect connect;
        try {
            connect = server.json().readValue(json, RouteConnect.class);
        } catch (Exception e) {
            LOG.error("{} - Invalid CONNECT: {}", peer, e.getMessage());
            closeWithError(null, "Protocol Violation");
            return;
        }
        connectArrived();
        parser.requireConnectFirst(false);
        if (connect.lang() != null && !connect.lang().isEmpty()) {
            LOG.error("{} - {}", peer, ATTEMPTED_TO_CONNECT_TO_ROUTE_PORT);
            closeWithError(ATTEMPTED_TO_CONNECT_TO_ROUTE_PORT, "Incorrect Port");
            return;
        }
        if (options.cluster().authRequired() && !routes.isAuthorized(connect)) {
            LOG.error("{} - authentication error", peer);
            closeWithError(AUTHORIZATION_VIOLATION, "Authentication Failure");
            return;
        }
        String rejection = routes.acceptConnectClusterName(connect, this);
        if (rejection != null) {
            LOG.error("{} - {}", peer, rejection);
            closeWithError(rejection, "Cluster Name Conflict");
            return;
        }
        headers = connect.headers();
    }

    @Override
    public void onInfo(String json) {
        trace("<<- [INFO " + json + "]");
        RouteInfo info;
        try {
            info = server.json().readValue(json, RouteInfo.class);
        } catch (Exception e) {
            LOG.error("{} - Invalid INFO: {}", peer, e.getMessage());
            closeWithError(null, "Protocol Violation");
            return;
        }
        RouteInfo known = remoteInfo;
        if (known == null && server.serverId().equals(info.serverId())) {
            LOG.debug("{} - Detected route to self, ignoring", peer);
            toSelf = true;
            closeWithError(null, "Duplicate Route");
            return;
        }
        // As nats-server: every INFO is checked, also one forwarded about another server.
        if (!routes.acceptInfoClusterName(info, this)) {
            closeWithError(null, "Cluster Name Conflict");
            return;
        }
        if (known != null) {
            if (info.serverId() != null && !info.serverId().equals(known.serverId())) {
                routes.learnt(info);
            }
            return;
        }
        if (solicitedUrl == null && server.serverName().equals(info.serverName())) {
            LOG.error("{} - Remote server has a duplicate name: \"{}\"", peer, info.serverName());
            closeWithError(null, "Duplicate Server Name");
            return;
        }
        remoteInfo = info;
        headers = info.headers();
        if (routes.register(this)) {
            LOG.debug("{} - Registering remote route \"{}\"", peer, info.serverId());
        } else {
            // Nothing more is read from it: the peer's interest comes over the route it registered.
            LOG.debug("{} - Detected duplicate remote route \"{}\"", peer, info.serverId());
            closeWithError(null, "Duplicate Route");
        }
    }

    @Override
    public void onRemoteSubscribe(String account, String subject, String queue, int weight) {
        if (tracing()) {
            trace("<<- [RS+ " + account + " " + subject + (queue == null ? "" : " " + queue + " " + weight) + "]");
        }
        if (!RouteProtocolParser.GLOBAL_ACCOUNT.equals(account)) {
            LOG.debug("{} - Unknown account \"{}\" for remote subject \"{}\"", peer, account, subject);
            return;
        }
        if (!Subjects.isValidSubscribeSubject(subject) || (queue != null && !Subjects.isValidLiteralSubject(queue))) {
            LOG.error("{} - Could not insert subscription: invalid subject \"{}\"", peer, subject);
            sendError(INVALID_SUBSCRIPTION);
            return;
        }
        String key = interestKey(subject, queue);
        Subscription existing = remoteInterest.get(key);
        if (existing != null) {
            existing.weight(Math.max(weight, 1));
            return;
        }
        Subscription subscription = new Subscription(this, subject, queue, key);
        subscription.weight(Math.max(weight, 1));
        remoteInterest.put(key, subscription);
        server.router().add(subscription);
    }

    @Override
    public void onRemoteUnsubscribe(String account, String subject, String queue) {
        trace("<<- [RS- " + account + " " + subject + (queue == null ? "" : " " + queue) + "]");
        Subscription subscription = remoteInterest.remove(interestKey(subject, queue));
        if (subscription != null) {
            server.router().remove(subscription);
        }
    }

    @Override
    public void onRoutedMessage(String account, String subject, String reply, String[] queues, int headerLength,
                                ByteBuf message) {
        int size = message.readableBytes();
        if (tracing()) {
            trace("<<- [" + (headerLength > 0 ? "HMSG " : "RMSG ") + account + " " + subject
                    + (reply == null ? "" : " " + reply) + (queues.length == 0 ? "" : " " + String.join(" ", queues))
                    + " " + size + "]");
        }
        inMessages++;
        inBytes += size;
        if (!RouteProtocolParser.GLOBAL_ACCOUNT.equals(account)) {
            LOG.debug("{} - Unknown account \"{}\" for routed message on subject: \"{}\"", peer, account, subject);
            return;
        }
        server.dispatcher().dispatchFromRoute(matches, subject, reply, queues, message, headerLength);
    }

    @Override
    public void onPing() {
        trace("<<- [PING]");
        send("PONG");
    }

    @Override
    public void onPong() {
        trace("<<- [PONG]");
        pongReceived();
    }

    @Override
    public void onError(String error) {
        LOG.error("{} - Route Error {}", peer, error);
        closeWithError(null, "Parse Error");
    }

    // ---- outbound ----

    /** Sends a message to the other server for its plain subscribers and one member of each of {@code queues}; any thread. */
    void forward(String subject, String reply, List<String> queues, ByteBuf message, int headerLength) {
        if (tracing()) {
            trace("->> [" + (headerLength > 0 && headers ? "HMSG $G " : "RMSG $G ") + subject
                    + (reply == null ? "" : " " + reply) + (queues.isEmpty() ? "" : " " + String.join(" ", queues))
                    + " " + message.readableBytes() + "]");
        }
        outbound.appendRoutedMessage(subject, reply, queues, message, headerLength, headers);
    }

    @Override
    public void deliver(Subscription subscription, String subject, String reply, ByteBuf message, int headerLength) {
        forward(subject, reply, List.of(), message, headerLength);
    }

    @Override
    public boolean echo() {
        return true;
    }

    @Override
    public void ended(Subscription subscription) {
    }

    @Override
    public boolean isRoute() {
        return true;
    }

    /** RS+ for this server's interest: weight is the number of queue members (ignored without queue); any thread. */
    void sendInterest(String subject, String queue, int weight) {
        send(queue == null ? "RS+ $G " + subject : "RS+ $G " + subject + " " + queue + " " + weight);
    }

    /** RS- once this server has lost all interest; any thread. */
    void sendNoInterest(String subject, String queue) {
        send(queue == null ? "RS- $G " + subject : "RS- $G " + subject + " " + queue);
    }

    /** Forwards a peer's INFO (gossip) or this server's own, any thread. */
    void sendInfo(RouteInfo info) {
        sendJson("INFO ", info);
    }

    private void sendJson(String op, Object value) {
        String json;
        try {
            json = server.json().writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write " + op.strip(), e);
        }
        if (tracing()) {
            trace("->> [" + op + redacted(json) + "]");
        }
        // As nats-server: INFO's JSON is followed by a space, CONNECT's is not.
        String line = op.equals("INFO ") ? op + json + " " : op + json;
        outbound.append(out -> ProtocolWriter.line(out, line));
    }

    /** Sends -ERR (unless error is null) and closes; {@code reason} is what the close is logged with. */
    private void closeWithError(String error, String reason) {
        closingBecause(reason);
        closeWithError(error);
    }

    /** Closes the route, from any thread, logging {@code reason}. */
    ChannelFuture close(String reason) {
        channel.eventLoop().execute(() -> closingBecause(reason));
        return flushAndClose();
    }

    private static String redacted(String json) {
        return json.replaceAll("\"pass\":\"[^\"]*\"", "\"pass\":\"[REDACTED]\"");
    }

    private static String interestKey(String subject, String queue) {
        return queue == null ? subject : subject + " " + queue;
    }

    // ---- state for the registry and monitoring ----

    long id() {
        return id;
    }

    /** The other server's INFO, once received; null before. */
    RouteInfo remoteInfo() {
        return remoteInfo;
    }

    String remoteId() {
        RouteInfo info = remoteInfo;
        return info == null ? null : info.serverId();
    }

    URI solicitedUrl() {
        return solicitedUrl;
    }

    boolean configured() {
        return configured;
    }

    boolean leadsToSelf() {
        return toSelf;
    }

    /**
     * A duplicate of this route was dropped. Both servers may have dropped the other one, so an
     * accepted route takes over the dropped one's URL: it is dialled again if it closes too.
     */
    void duplicateDropped(URI duplicateUrl, boolean duplicateConfigured) {
        if (solicitedUrl == null && duplicateUrl != null) {
            solicitedUrl = duplicateUrl;
            configured = duplicateConfigured;
        }
    }

    /** The URL other servers can dial this route's peer at: its advertised one, else its address and route port. */
    String reachableUrl() {
        RouteInfo info = remoteInfo;
        if (info.ip() != null && !info.ip().isEmpty()) {
            return info.ip();
        }
        return "nats-route://" + hostForUrl(remote.getAddress().getHostAddress()) + ":" + info.port() + "/";
    }

    private static String hostForUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    RouteDescription describe(boolean withSubscriptions) {
        List<String> subjects = withSubscriptions
                ? remoteInterest.values().stream().map(Subscription::subject).sorted().toList()
                : null;
        return new RouteDescription(id, remoteId(), solicitedUrl != null, configured,
                remote.getAddress().getHostAddress(), remote.getPort(), start,
                Instant.ofEpochMilli(lastActivityMillis), outbound.pendingBytes(), inMessages, outbound.messages(),
                inBytes, outbound.messageBytes(), remoteInterest.size(), subjects);
    }
}

package io.jstan.broker.nats;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One client connection: the INFO/CONNECT handshake, authorization, the client's
 * subscriptions, PING/PONG keep-alive, and delivery of messages to the client.
 * Everything but {@link #deliver} runs on the connection's event loop.
 */
final class ClientConnection extends NatsConnection implements Subscriber, ClientProtocolParser.Handler {
    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);

    static final String MAX_CONNECTIONS = "maximum connections exceeded";
    static final String INVALID_SUBJECT = "Invalid Subject";
    static final String INVALID_PUBLISH_SUBJECT = "Invalid Publish Subject";
    static final String NO_RESPONDERS_REQUIRES_HEADERS = "no responders requires headers support";
    static final String BAD_CLIENT_PROTOCOL = "invalid client protocol";

    private static final String NO_RESPONDERS_STATUS = "NATS/1.0 503\r\n\r\n";

    private final long id;
    private final Instant start = Instant.now();
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final PublisherMatchCache matches;
    private final AwaitedReplies awaitedReplies = new AwaitedReplies();

    private ClientProtocolParser parser;
    private InetSocketAddress remote;
    /** Until the client's CONNECT, nats-server's defaults: verbose, pedantic and echo on. */
    private volatile ConnectOptions connect = ConnectOptions.DEFAULTS;
    private boolean connected;
    /** The server's INFO as it was when last sent to this client. */
    private ServerInfo infoSent;
    /** Why the connection closes, once known (the first reason given wins); null: the client closed it. */
    private String closeReason;
    /** The server sent this client away to another server of the mesh ({@link #leave}). */
    private volatile boolean leaving;
    /** Written by this connection's event loop only; other threads read them for monitoring. */
    private long inMessages;
    private long inBytes;

    ClientConnection(NatsServer server, long id) {
        super(server, LOG, "Client");
        this.id = id;
        this.matches = new PublisherMatchCache(server.router());
    }

    @Override
    ProtocolParser parser() {
        return parser;
    }

    // ---- lifecycle ----

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        remote = (InetSocketAddress) ctx.channel().remoteAddress();
        open(ctx.channel(), remote.getAddress().getHostAddress() + ":" + remote.getPort() + " - cid:" + id);
        parser = new ClientProtocolParser(this, channel.alloc(), options.maxControlLine(), options.maxPayload());
        LOG.debug("{} - Client connection created", peer);
        sendInfo();
        if (!server.register(this)) {
            closeWithError(MAX_CONNECTIONS, CloseReason.MAX_CONNECTIONS_EXCEEDED);
            return;
        }
        if (options.tlsEnabled()) {
            outbound.flush();
            SslHandler tls = server.tlsContext().newHandler(channel.alloc());
            tls.setHandshakeTimeoutMillis(options.tlsTimeout().toMillis());
            ctx.pipeline().addFirst("tls", tls);
        }
        if (options.authRequired()) {
            awaitConnectWithin(options.authTimeout());
        }
        startPinging();
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        ConnectionInfo last = info(true); // while it still has its subscriptions and pending bytes
        super.channelInactive(ctx);
        if (!leaving) {
            removeFromRouter(subscriptions);
        }
        String reason = closeReason != null ? closeReason : CloseReason.CLIENT_CLOSED;
        server.unregister(this, last.closed(Instant.now(), reason));
        LOG.debug("{} - Client connection closed: {}", peer, reason);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent handshake && !handshake.isSuccess()) {
            closingBecause(CloseReason.TLS_HANDSHAKE_FAILURE);
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    void closingBecause(String reason) {
        if (closeReason == null) {
            closeReason = reason;
        }
    }

    /** Closes as the server shuts down, once what is queued is written; from any thread. */
    ChannelFuture shutdown() {
        channel.eventLoop().execute(() -> closingBecause(CloseReason.SERVER_SHUTDOWN));
        return flushAndClose();
    }

    /**
     * Sends the client to another server of the mesh, as the server leaves it; from any thread.
     * What is queued is written, then the server's side of the socket is shut, which jnats and
     * the other clients take for a lost connection: they reconnect elsewhere, subscribe there
     * again and send what they buffered. Until the client closes its side, what it still sends
     * is read and routed. Its subscriptions stay until the server is done leaving (see
     * {@link #forgetSubscriptions}), so that answers to its requests still come here, to be
     * forwarded ({@link OwedReplies}), until its new server's interest has spread.
     */
    void leave() {
        channel.eventLoop().execute(() -> {
            leaving = true;
            closingBecause(CloseReason.SERVER_SHUTDOWN);
            ByteBuf rest = outbound.stop();
            ChannelFuture written = channel.writeAndFlush(rest == null ? Unpooled.EMPTY_BUFFER : rest);
            SslHandler tls = channel.pipeline().get(SslHandler.class);
            if (tls != null) {
                written.addListener(done -> tls.closeOutbound().addListener(closed -> shutdownOutput()));
            } else {
                written.addListener(done -> shutdownOutput());
            }
        });
    }

    private void shutdownOutput() {
        ((DuplexChannel) channel).shutdownOutput();
    }

    /** The client closed its side after {@link #leave}. */
    boolean hasLeft() {
        return leaving && !channel.isActive();
    }

    /** Some request of the client's has had no answer yet. */
    boolean awaitsAnswers() {
        return !awaitedReplies.none();
    }

    /** Once the server is done leaving: the client's subscriptions leave the router. */
    void forgetSubscriptions() {
        removeFromRouter(subscriptions);
    }

    /** Sends -ERR (unless error is null) and closes for {@code reason}. */
    private void closeWithError(String error, String reason) {
        closingBecause(reason);
        closeWithError(error);
    }

    // ---- inbound ----

    @Override
    public void onViolation(String error, String detail) {
        LOG.error("{} - Client parser ERROR: {}", peer, detail);
        closeWithError(error, CloseReason.ofViolation(error));
    }

    @Override
    public void onPing() {
        if (mayProceed()) {
            trace("<<- [PING]");
            send("PONG");
        }
    }

    @Override
    public void onPong() {
        if (mayProceed()) {
            trace("<<- [PONG]");
            pongReceived();
        }
    }

    @Override
    public void onConnect(String json) {
        trace("<<- [CONNECT " + json + "]");
        ConnectOptions requested;
        try {
            requested = ConnectOptions.parse(json);
        } catch (IOException e) {
            LOG.error("{} - Invalid CONNECT: {}", peer, e.getMessage());
            closeWithError(null, CloseReason.PROTOCOL_VIOLATION);
            return;
        }
        connectArrived();
        if (options.authRequired() && !server.authorizer().isAuthorized(requested)) {
            LOG.error("{} - {}", peer, AUTHORIZATION_VIOLATION);
            closeWithError(AUTHORIZATION_VIOLATION, CloseReason.AUTHENTICATION_FAILURE);
            return;
        }
        if (requested.protocol() < 0 || requested.protocol() > 1) {
            closeWithError(BAD_CLIENT_PROTOCOL, CloseReason.BAD_CLIENT_PROTOCOL_VERSION);
            return;
        }
        if (requested.noResponders() && !requested.headers()) {
            closeWithError(NO_RESPONDERS_REQUIRES_HEADERS, CloseReason.NO_RESPONDERS_REQUIRES_HEADERS);
            return;
        }
        connect = requested;
        connected = true;
        parser.allowHeaders(requested.headers());
        sendOk();
        if (requested.protocol() >= 1 && server.info() != infoSent) {
            // The mesh changed between the first INFO and the CONNECT, when updates are not sent yet (as nats-server).
            sendInfo();
        }
    }

    @Override
    public void onPublish(String subject, String reply, int headerLength, ByteBuf message) {
        if (!mayProceed()) {
            return;
        }
        int size = message.readableBytes();
        if (tracing()) {
            tracePublish(subject, reply, headerLength, size);
        }
        inMessages++;
        inBytes += size;
        ConnectOptions c = connect;
        if (c.pedanticEnabled() && !Subjects.isValidLiteralSubject(subject)) {
            // nats-server 2.9 complains and still routes the message.
            sendError(INVALID_PUBLISH_SUBJECT);
        }
        sendOk();
        if (reply != null) {
            awaitedReplies.requested(reply);
        }
        boolean matched = server.dispatcher().dispatch(this, matches, subject, reply, message, headerLength);
        if (!matched && reply != null && c.noResponders()) {
            replyNoResponders(reply);
        }
    }

    /** Kept out of onPublish so that the hot method stays small enough for the JIT to inline into. */
    private void tracePublish(String subject, String reply, int headerLength, int size) {
        trace("<<- [" + (headerLength > 0 ? "HPUB " : "PUB ") + subject + (reply == null ? "" : " " + reply)
                + " " + size + "]");
    }

    private void replyNoResponders(String reply) {
        ByteBuf status = Unpooled.wrappedBuffer(NO_RESPONDERS_STATUS.getBytes(StandardCharsets.US_ASCII));
        for (Subscription subscription : server.router().match(reply).plain()) {
            if (subscription.subscriber() == this) {
                deliver(subscription, reply, null, status, status.readableBytes());
            }
        }
    }

    @Override
    public void onSubscribe(String subject, String queue, String sid) {
        if (!mayProceed()) {
            return;
        }
        trace("<<- [SUB " + subject + (queue == null ? "" : " " + queue) + " " + sid + "]");
        if (!Subjects.isValidSubscribeSubject(subject) || (queue != null && !Subjects.isValidLiteralSubject(queue))) {
            sendError(INVALID_SUBJECT);
            return;
        }
        Subscription subscription = new Subscription(this, subject, queue, sid);
        if (subscriptions.putIfAbsent(sid, subscription) == null) {
            server.router().add(subscription);
        }
        sendOk();
    }

    @Override
    public void onUnsubscribe(String sid, long max) {
        if (!mayProceed()) {
            return;
        }
        trace("<<- [UNSUB " + sid + (max > 0 ? " " + max : "") + "]");
        Subscription subscription = subscriptions.get(sid);
        if (subscription != null) {
            subscription.maxMessages(max);
            if (max == 0 || subscription.isExhausted()) {
                subscriptions.remove(sid);
                server.router().remove(subscription);
            }
        }
        sendOk();
    }

    /** Before an accepted CONNECT, a server that requires authorization takes nothing else. */
    private boolean mayProceed() {
        if (!connected && options.authRequired()) {
            closeWithError(AUTHORIZATION_VIOLATION, CloseReason.AUTHENTICATION_FAILURE);
            return false;
        }
        return true;
    }

    // ---- outbound ----

    @Override
    public void deliver(Subscription subscription, String subject, String reply, ByteBuf message, int headerLength) {
        ConnectOptions c = connect;
        boolean headers = c.headers();
        if (tracing()) {
            traceDelivery(subject, subscription, reply, message.readableBytes());
        }
        if (!outbound.appendMessage(subject, subscription.sidBytes(), reply, message, headerLength, headers)
                && leaving && awaitedReplies.awaits(subject)) {
            // Owed before it stops being awaited, so that moveClientsAway always finds it as one or the other.
            server.owedReplies().owe(subject, reply, message, headerLength);
        }
        awaitedReplies.answered(subject);
    }

    @Override
    void pingIntervalPassed() {
        awaitedReplies.forgetStale();
    }

    private void traceDelivery(String subject, Subscription subscription, String reply, int size) {
        trace("->> [MSG " + subject + " " + subscription.sid() + (reply == null ? "" : " " + reply) + " " + size + "]");
    }

    @Override
    public boolean echo() {
        ConnectOptions c = connect;
        return c.echoEnabled();
    }

    @Override
    public void ended(Subscription subscription) {
        subscriptions.remove(subscription.sid(), subscription);
    }

    private void sendInfo() {
        int listenPort = ((InetSocketAddress) channel.localAddress()).getPort();
        infoSent = server.info();
        ServerInfo info = infoSent.forClient(listenPort, id, remote.getAddress().getHostAddress());
        send("INFO " + info.toJson() + " ");
    }

    /** Sends the server's INFO again (its connect_urls changed) to a client that takes INFO updates; any thread. */
    void sendInfoUpdate() {
        channel.eventLoop().execute(() -> {
            if (connected && connect.protocol() >= 1 && !closing) {
                sendInfo();
            }
        });
    }

    private void sendOk() {
        ConnectOptions c = connect;
        if (c.verboseEnabled()) {
            send("+OK");
        }
    }

    // ---- monitoring ----

    ConnectionInfo info(boolean withSubscriptions) {
        ConnectOptions c = connect;
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        List<String> subjects = withSubscriptions
                ? subscriptions.values().stream().map(Subscription::subject).sorted().toList()
                : null;
        return new ConnectionInfo(id, remote.getAddress().getHostAddress(), remote.getPort(), start,
                Instant.ofEpochMilli(lastActivityMillis), outbound.pendingBytes(), inMessages, outbound.messages(),
                inBytes, outbound.messageBytes(), subscriptions.size(),
                c.name(), c.lang(), c.version(),
                tls == null ? null : tls.engine().getSession().getProtocol(),
                tls == null ? null : tls.engine().getSession().getCipherSuite(),
                subjects, null, null);
    }

    long id() {
        return id;
    }

    long inMessages() {
        return inMessages;
    }

    long inBytes() {
        return inBytes;
    }

    long outMessages() {
        return outbound.messages();
    }

    long outBytes() {
        return outbound.messageBytes();
    }
}

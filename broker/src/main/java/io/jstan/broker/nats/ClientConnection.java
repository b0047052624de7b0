package io.jstan.broker.nats;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client connection: the INFO/CONNECT handshake, authorization, the client's
 * subscriptions, PING/PONG keep-alive, and delivery of messages to the client.
 * Everything but {@link #deliver} runs on the connection's event loop.
 */
final class ClientConnection extends ChannelInboundHandlerAdapter implements Subscriber {
    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);
    private static final Logger TRACE = LoggerFactory.getLogger("io.jstan.broker.nats.trace");

    static final String AUTHORIZATION_VIOLATION = "Authorization Violation";
    static final String AUTHENTICATION_TIMEOUT = "Authentication Timeout";
    static final String STALE_CONNECTION = "Stale Connection";
    static final String MAX_CONNECTIONS = "maximum connections exceeded";
    static final String INVALID_SUBJECT = "Invalid Subject";
    static final String INVALID_PUBLISH_SUBJECT = "Invalid Publish Subject";
    static final String NO_RESPONDERS_REQUIRES_HEADERS = "no responders requires headers support";
    static final String BAD_CLIENT_PROTOCOL = "invalid client protocol";

    private static final String NO_RESPONDERS_STATUS = "NATS/1.0 503\r\n\r\n";

    private final NatsServer server;
    private final NatsServerOptions options;
    private final long id;
    private final Instant start = Instant.now();
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final AtomicLong outMessages = new AtomicLong();
    private final AtomicLong outBytes = new AtomicLong();

    private Channel channel;
    private OutboundBuffer outbound;
    private String peer = "?";
    private InetSocketAddress remote;
    private volatile ConnectOptions connect;
    private volatile long inMessages;
    private volatile long inBytes;
    private volatile long lastActivityMillis = System.currentTimeMillis();
    private int pingsOut;
    private boolean closing;
    private ScheduledFuture<?> authTimer;
    private ScheduledFuture<?> pingTimer;
    private ScheduledFuture<?> writeDeadlineTimer;

    ClientConnection(NatsServer server, long id) {
        this.server = server;
        this.options = server.options();
        this.id = id;
    }

    // ---- lifecycle ----

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        remote = (InetSocketAddress) channel.remoteAddress();
        peer = remote.getAddress().getHostAddress() + ":" + remote.getPort() + " - cid:" + id;
        outbound = new OutboundBuffer(channel, options.maxPending(), this::slowConsumer);
        LOG.debug("{} - Client connection created", peer);
        sendInfo();
        if (!server.register(this)) {
            closeWithError(MAX_CONNECTIONS);
            return;
        }
        if (options.tlsEnabled()) {
            outbound.flush();
            SslHandler tls = server.tlsContext().newHandler(channel.alloc());
            tls.setHandshakeTimeoutMillis(options.tlsTimeout().toMillis());
            ctx.pipeline().addFirst("tls", tls);
        }
        if (options.authRequired()) {
            authTimer = channel.eventLoop().schedule(() -> {
                if (connect == null) {
                    closeWithError(AUTHENTICATION_TIMEOUT);
                }
            }, options.authTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        long pingMillis = options.pingInterval().toMillis();
        pingTimer = channel.eventLoop().scheduleAtFixedRate(this::sendPing, pingMillis, pingMillis, TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel(authTimer);
        cancel(pingTimer);
        cancel(writeDeadlineTimer);
        outbound.close();
        for (Subscription subscription : subscriptions.values()) {
            server.router().remove(subscription);
        }
        subscriptions.clear();
        server.unregister(this);
        LOG.debug("{} - Client connection closed", peer);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (channel.isWritable()) {
            cancel(writeDeadlineTimer);
            writeDeadlineTimer = null;
        } else if (writeDeadlineTimer == null) {
            writeDeadlineTimer = channel.eventLoop().schedule(() -> {
                if (!channel.isWritable()) {
                    LOG.info("{} - Slow Consumer Detected: WriteDeadline of {} exceeded", peer, options.writeDeadline());
                    server.stats().slowConsumer();
                    channel.close();
                }
            }, options.writeDeadline().toMillis(), TimeUnit.MILLISECONDS);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("{} - Client connection error: {}", peer, cause.toString());
        ctx.close();
    }

    // ---- inbound ----

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastActivityMillis = System.currentTimeMillis();
        try {
            if (!closing) {
                handle((ClientCommand) msg);
            }
        } finally {
            ReferenceCountUtil.release(msg instanceof ClientCommand.Publish p ? p.message() : msg);
        }
    }

    private void handle(ClientCommand command) {
        if (command instanceof ClientCommand.Violation violation) {
            LOG.error("{} - Client parser ERROR: {}", peer, violation.detail());
            closeWithError(violation.error());
            return;
        }
        if (connect == null && options.authRequired() && !(command instanceof ClientCommand.Connect)) {
            closeWithError(AUTHORIZATION_VIOLATION);
            return;
        }
        if (command instanceof ClientCommand.Publish publish) {
            onPublish(publish);
        } else if (command instanceof ClientCommand.Subscribe subscribe) {
            onSubscribe(subscribe);
        } else if (command instanceof ClientCommand.Unsubscribe unsubscribe) {
            onUnsubscribe(unsubscribe);
        } else if (command instanceof ClientCommand.Ping) {
            trace("<<- [PING]");
            send("PONG");
        } else if (command instanceof ClientCommand.Pong) {
            trace("<<- [PONG]");
            pingsOut = 0;
        } else if (command instanceof ClientCommand.Connect c) {
            onConnect(c.json());
        } else if (command instanceof ClientCommand.Ignored ignored) {
            trace("<<- [" + ignored.op() + "]");
        }
    }

    private void onConnect(String json) {
        trace("<<- [CONNECT " + json + "]");
        ConnectOptions requested;
        try {
            requested = server.json().readValue(json, ConnectOptions.class);
        } catch (Exception e) {
            LOG.error("{} - Invalid CONNECT: {}", peer, e.getMessage());
            closeWithError(null);
            return;
        }
        cancel(authTimer);
        if (options.authRequired() && !server.authorizer().isAuthorized(requested)) {
            LOG.error("{} - {}", peer, AUTHORIZATION_VIOLATION);
            closeWithError(AUTHORIZATION_VIOLATION);
            return;
        }
        if (requested.protocol() < 0 || requested.protocol() > 1) {
            closeWithError(BAD_CLIENT_PROTOCOL);
            return;
        }
        if (requested.noResponders() && !requested.headers()) {
            closeWithError(NO_RESPONDERS_REQUIRES_HEADERS);
            return;
        }
        connect = requested;
        channel.pipeline().get(ClientProtocolDecoder.class).allowHeaders(requested.headers());
        sendOk();
    }

    private void onPublish(ClientCommand.Publish publish) {
        ByteBuf message = publish.message();
        if (TRACE.isTraceEnabled()) {
            trace("<<- [" + (publish.headerLength() > 0 ? "HPUB " : "PUB ") + publish.subject()
                    + (publish.reply() == null ? "" : " " + publish.reply()) + " " + message.readableBytes() + "]");
        }
        inMessages++;
        inBytes += message.readableBytes();
        server.stats().received(message.readableBytes());
        ConnectOptions c = connect;
        if (c != null && c.pedanticEnabled() && !Subjects.isValidLiteralSubject(publish.subject())) {
            // nats-server 2.9 complains and still routes the message.
            sendError(INVALID_PUBLISH_SUBJECT);
        }
        sendOk();
        boolean matched = server.dispatcher().dispatch(this, publish.subject(), publish.reply(), message,
                publish.headerLength());
        if (!matched && publish.reply() != null && c != null && c.noResponders()) {
            replyNoResponders(publish.reply());
        }
    }

    private void replyNoResponders(String reply) {
        ByteBuf status = Unpooled.wrappedBuffer(NO_RESPONDERS_STATUS.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        for (Subscription subscription : server.router().match(reply).plain()) {
            if (subscription.subscriber() == this) {
                deliver(subscription, reply, null, status, status.readableBytes());
            }
        }
    }

    private void onSubscribe(ClientCommand.Subscribe subscribe) {
        trace("<<- [SUB " + subscribe.subject() + (subscribe.queue() == null ? "" : " " + subscribe.queue())
                + " " + subscribe.sid() + "]");
        if (!Subjects.isValidSubscribeSubject(subscribe.subject())
                || (subscribe.queue() != null && !Subjects.isValidLiteralSubject(subscribe.queue()))) {
            sendError(INVALID_SUBJECT);
            return;
        }
        Subscription subscription = new Subscription(this, subscribe.subject(), subscribe.queue(), subscribe.sid());
        if (subscriptions.putIfAbsent(subscribe.sid(), subscription) == null) {
            server.router().add(subscription);
        }
        sendOk();
    }

    private void onUnsubscribe(ClientCommand.Unsubscribe unsubscribe) {
        trace("<<- [UNSUB " + unsubscribe.sid() + (unsubscribe.max() > 0 ? " " + unsubscribe.max() : "") + "]");
        Subscription subscription = subscriptions.get(unsubscribe.sid());
        if (subscription != null) {
            subscription.maxMessages(unsubscribe.max());
            if (unsubscribe.max() == 0 || subscription.isExhausted()) {
                subscriptions.remove(unsubscribe.sid());
                server.router().remove(subscription);
            }
        }
        sendOk();
    }

    // ---- outbound ----

    @Override
    public void deliver(Subscription subscription, String subject, String reply, ByteBuf message, int headerLength) {
        ConnectOptions c = connect;
        boolean headers = c != null && c.headers();
        int size = message.readableBytes();
        if (outbound.append(out -> ProtocolWriter.message(out, subject, subscription.sid(), reply, message,
                headerLength, headers))) {
            outMessages.incrementAndGet();
            outBytes.addAndGet(size);
            server.stats().sent(size);
        }
    }

    @Override
    public boolean echo() {
        ConnectOptions c = connect;
        return c == null || c.echoEnabled();
    }

    @Override
    public void ended(Subscription subscription) {
        subscriptions.remove(subscription.sid(), subscription);
    }

    private void sendInfo() {
        int listenPort = ((InetSocketAddress) channel.localAddress()).getPort();
        ServerInfo info = server.info().forClient(listenPort, id, remote.getAddress().getHostAddress());
        String json;
        try {
            json = server.json().writeValueAsString(info);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write INFO", e);
        }
        send("INFO " + json + " ");
    }

    private void sendPing() {
        if (pingsOut + 1 > options.maxPingsOut()) {
            LOG.debug("{} - Stale Client Connection - Closing", peer);
            closeWithError(STALE_CONNECTION);
            return;
        }
        pingsOut++;
        send("PING");
    }

    private void sendOk() {
        ConnectOptions c = connect;
        if (c != null && c.verboseEnabled()) {
            send("+OK");
        }
    }

    private void sendError(String error) {
        trace("->> [-ERR '" + error + "']");
        outbound.append(out -> ProtocolWriter.error(out, error));
    }

    private void send(String line) {
        if (TRACE.isTraceEnabled() && !line.startsWith("INFO")) {
            trace("->> [" + line + "]");
        }
        outbound.append(out -> ProtocolWriter.line(out, line));
    }

    /** Sends -ERR (unless error is null), then closes once everything queued before it is written. */
    private void closeWithError(String error) {
        if (closing) {
            return;
        }
        closing = true;
        if (error != null) {
            sendError(error);
        }
        outbound.flush();
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    private void slowConsumer() {
        LOG.info("{} - Slow Consumer Detected: MaxPending of {} Exceeded", peer, options.maxPending());
        server.stats().slowConsumer();
        channel.close();
    }

    /** Closes the connection now, from any thread. */
    void close() {
        channel.close();
    }

    private void trace(String line) {
        if (TRACE.isTraceEnabled()) {
            TRACE.trace("{} - {}", peer, line);
        }
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
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
                Instant.ofEpochMilli(lastActivityMillis), outbound.pendingBytes(), inMessages, outMessages.get(),
                inBytes, outBytes.get(), subscriptions.size(),
                c == null ? null : c.name(), c == null ? null : c.lang(), c == null ? null : c.version(),
                tls == null ? null : tls.engine().getSession().getProtocol(),
                tls == null ? null : tls.engine().getSession().getCipherSuite(),
                subjects);
    }

    long id() {
        return id;
    }
}

package io.jstan.broker.nats;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a client connection and a route have in common: bytes in go to a protocol parser, lines
 * and messages out go through an {@link OutboundBuffer}, PINGs keep the peer honest, and a peer
 * that does not read (past max_pending, or unwritable beyond write_deadline) is closed as a slow
 * consumer. Runs on the connection's event loop, but for what says otherwise.
 */
abstract class NatsConnection extends ChannelInboundHandlerAdapter {
    static final String STALE_CONNECTION = "Stale Connection";
    static final String AUTHORIZATION_VIOLATION = "Authorization Violation";
    static final String AUTHENTICATION_TIMEOUT = "Authentication Timeout";
    private static final Logger TRACE = LoggerFactory.getLogger("io.jstan.broker.nats.trace");

    final NatsServer server;
    final NatsServerOptions options;
    private final Logger log;
    /** "Client" or "Route", in log lines. */
    private final String kind;

    volatile Channel channel;
    OutboundBuffer outbound;
    String peer = "?";
    volatile long lastActivityMillis = System.currentTimeMillis();
    boolean closing;
    private int pingsOut;
    private ScheduledFuture<?> authTimer;
    private ScheduledFuture<?> pingTimer;
    private ScheduledFuture<?> writeDeadlineTimer;
    private boolean stalled;
    private ScheduledFuture<?> stallTimer;

    NatsConnection(NatsServer server, Logger log, String kind) {
        this.server = server;
        this.options = server.options();
        this.log = log;
        this.kind = kind;
    }

    /** The parser of the peer's bytes, created once the channel is active. */
    abstract ProtocolParser parser();

    /** The connection is about to close for {@code reason} (a slow consumer, a stale connection): for the close's log line. */
    void closingBecause(String reason) {
    }

    /** Sets up the outbound side once the channel is active; {@code peer} names the connection in logs. */
    void open(Channel activeChannel, String peerName) {
        channel = activeChannel;
        peer = peerName;
        outbound = new OutboundBuffer(channel, options.maxPending(), this::slowConsumer);
    }

    /** The peer must send its CONNECT within {@code timeout} (see {@link #connectArrived}), or is closed. */
    void awaitConnectWithin(Duration timeout) {
        authTimer = channel.eventLoop().schedule(() -> {
            closingBecause(CloseReason.AUTHENTICATION_TIMEOUT);
            closeWithError(AUTHENTICATION_TIMEOUT);
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    void connectArrived() {
        cancel(authTimer);
    }

    /** Pings the peer every ping_interval; after ping_max unanswered ones, the connection is stale. */
    void startPinging() {
        long pingMillis = options.pingInterval().toMillis();
        pingTimer = channel.eventLoop().scheduleAtFixedRate(this::sendPing, pingMillis, pingMillis, TimeUnit.MILLISECONDS);
    }

    /** Stops timers and drops what was not written; the subclass then forgets the connection. */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel(authTimer);
        cancel(pingTimer);
        cancel(writeDeadlineTimer);
        cancel(stallTimer);
        parser().release();
        outbound.close();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (channel.isWritable()) {
            cancel(writeDeadlineTimer);
            writeDeadlineTimer = null;
        } else if (writeDeadlineTimer == null) {
            writeDeadlineTimer = channel.eventLoop().schedule(() -> {
                if (!channel.isWritable()) {
                    log.info("{} - Slow Consumer Detected: WriteDeadline of {} exceeded", peer, options.writeDeadline());
                    server.stats().slowConsumer();
                    closingBecause(CloseReason.SLOW_CONSUMER_WRITE_DEADLINE);
                    channel.close();
                }
            }, options.writeDeadline().toMillis(), TimeUnit.MILLISECONDS);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("{} - {} connection error: {}", peer, kind, cause.toString());
        closingBecause(CloseReason.READ_ERROR);
        ctx.close();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Congestion.take(); // an overrun some other task of this thread caused is not this peer's doing
        parser().parse((ByteBuf) msg);
        OutboundBuffer overrun = Congestion.take();
        if (overrun != null && !stalled) {
            stallUntilDrained(overrun);
        }
    }

    /**
     * Stops reading from this peer until {@code consumer} is back under half of max_pending, for
     * 100 ms to 1 s: a fast producer slows down to what its consumers take instead of driving them
     * into slow-consumer closes. A consumer that stays behind is still closed at max_pending (or
     * write_deadline). A route pauses too: nats-server's route writes to a lagging consumer's
     * socket itself, which holds it back the same way.
     */
    private void stallUntilDrained(OutboundBuffer consumer) {
        stalled = true;
        channel.config().setAutoRead(false);
        stallTimer = channel.eventLoop().schedule(this::resume, consumer.stallMillis(), TimeUnit.MILLISECONDS);
        consumer.whenDrained(() -> channel.eventLoop().execute(this::resume));
    }

    private void resume() {
        if (stalled) {
            stalled = false;
            cancel(stallTimer);
            channel.config().setAutoRead(true);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        lastActivityMillis = System.currentTimeMillis();
        ctx.fireChannelReadComplete();
    }

    /** The peer answered a PING. */
    void pongReceived() {
        pingsOut = 0;
    }

    private void sendPing() {
        if (pingsOut + 1 > options.maxPingsOut()) {
            log.debug("{} - Stale {} Connection - Closing", peer, kind);
            closingBecause(CloseReason.STALE_CONNECTION);
            closeWithError(STALE_CONNECTION);
            return;
        }
        pingsOut++;
        send("PING");
        pingIntervalPassed();
    }

    /** Runs every ping interval, on the event loop. */
    void pingIntervalPassed() {
    }

    /** Queues a protocol line (INFO is not traced: its JSON may carry what a trace should not); any thread. */
    void send(String line) {
        if (!line.startsWith("INFO ")) {
            trace("->> [" + line + "]");
        }
        outbound.append(out -> ProtocolWriter.line(out, line));
    }

    /** Queues {@code -ERR 'error'}; any thread. */
    void sendError(String error) {
        trace("->> [-ERR '" + error + "']");
        outbound.append(out -> ProtocolWriter.error(out, error));
    }

    /** Sends -ERR (unless error is null), then closes once everything queued before it is written. */
    void closeWithError(String error) {
        if (closing) {
            return;
        }
        closing = true;
        parser().stop();
        if (error != null) {
            sendError(error);
        }
        outbound.flush();
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    private void slowConsumer() {
        log.info("{} - Slow Consumer Detected: MaxPending of {} Exceeded", peer, options.maxPending());
        server.stats().slowConsumer();
        closingBecause(CloseReason.SLOW_CONSUMER_PENDING_BYTES);
        channel.close();
    }

    /** Takes the peer's subscriptions (or interest) out of the router, once it is gone. */
    void removeFromRouter(Map<String, Subscription> subscriptions) {
        for (Subscription subscription : subscriptions.values()) {
            server.router().remove(subscription);
        }
        subscriptions.clear();
    }

    /** Writes what is queued for the peer, then closes; from any thread. */
    ChannelFuture flushAndClose() {
        channel.eventLoop().execute(() -> {
            if (outbound == null) {
                // Not connected yet (a route still being dialled): nothing can be queued.
                channel.close();
                return;
            }
            outbound.flush();
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        });
        return channel.closeFuture();
    }

    void trace(String line) {
        if (TRACE.isTraceEnabled()) {
            TRACE.trace("{} - {}", peer, line);
        }
    }

    static boolean tracing() {
        return TRACE.isTraceEnabled();
    }

    static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}

package io.jstan.broker.nats;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * Dials routes, with nats-server's timing: a dial gives up after a second and is tried again a
 * second later, forever for a configured route, {@code connect_retries} times for one learnt by
 * gossip. A route this server dialled that closes is dialled again after a random bit (less than
 * 100 ms), and a second more for a configured one, so that two servers redialling each other do
 * not collide again.
 */
final class RouteDialer {
    private static final Logger LOG = LoggerFactory.getLogger(RouteDialer.class);
    static final Duration DIAL_TIMEOUT = Duration.ofSeconds(1);
    static final Duration RETRY_DELAY = Duration.ofSeconds(1);
    private static final int MAX_JITTER_MILLIS = 100;
    /** After the first failure, how often a failing configured route is reported at ERROR (as nats-server: hourly at one attempt a second). */
    private static final int REPORT_EVERY = 3600;

    private final EventLoopGroup workers;
    private final Class<? extends SocketChannel> channelType;
    private final RouteTls tls;
    private final Duration tlsTimeout;
    private final int connectRetries;
    private final BiFunction<URI, Boolean, RouteConnection> newRoute;
    private volatile boolean stopped;

    RouteDialer(EventLoopGroup workers, Class<? extends SocketChannel> channelType, RouteTls tls, Duration tlsTimeout,
                int connectRetries, BiFunction<URI, Boolean, RouteConnection> newRoute) {
        this.workers = workers;
        this.channelType = channelType;
        this.tls = tls;
        this.tlsTimeout = tlsTimeout;
        this.connectRetries = connectRetries;
        this.newRoute = newRoute;
    }

    /** Dials now; {@code configured} routes are retried forever. */
    void dial(URI url, boolean configured) {
        attempt(url, configured, 1);
    }

    /** Dials again after a route to {@code url} closed. */
    void redial(URI url, boolean configured) {
        long delay = (configured ? RETRY_DELAY.toMillis() : 0) + ThreadLocalRandom.current().nextInt(MAX_JITTER_MILLIS);
        LOG.debug("Attempting reconnect for solicited route \"{}\"", redacted(url));
        workers.schedule(() -> attempt(url, configured, 1), delay, TimeUnit.MILLISECONDS);
    }

    void stop() {
        stopped = true;
    }

    private void attempt(URI url, boolean configured, int attempt) {
        if (stopped) {
            return;
        }
        LOG.debug("Trying to connect to route on {}:{}", url.getHost(), url.getPort());
        Bootstrap bootstrap = new Bootstrap()
                .group(workers)
                .channel(channelType)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, NatsServer.WRITE_BUFFER_WATER_MARK)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) DIAL_TIMEOUT.toMillis())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        if (tls != null) {
                            SslHandler handler = tls.dialer().newHandler(channel.alloc(), url.getHost(), url.getPort());
                            handler.setHandshakeTimeoutMillis(tlsTimeout.toMillis());
                            channel.pipeline().addLast("tls", handler);
                        }
                        channel.pipeline().addLast("route", newRoute.apply(url, configured));
                    }
                });
        ChannelFuture connecting = bootstrap.connect(url.getHost(), url.getPort());
        connecting.addListener(done -> {
            if (done.isSuccess()) {
                return;
            }
            String error = "Error trying to connect to route (attempt " + attempt + "): " + done.cause().getMessage();
            if (attempt == 1 || attempt % REPORT_EVERY == 0) {
                LOG.error(error);
            } else {
                LOG.debug(error);
            }
            if (configured || attempt <= connectRetries) {
                workers.schedule(() -> attempt(url, configured, attempt + 1), RETRY_DELAY.toMillis(), TimeUnit.MILLISECONDS);
            }
        });
    }

    static String redacted(URI url) {
        return url.getUserInfo() == null ? url.toString() : url.toString().replace(url.getRawUserInfo(), "xxxxx");
    }
}

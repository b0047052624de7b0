package io.jstan.broker.monitor;

import io.jstan.broker.nats.NatsServer;
import io.jstan.broker.nats.NatsServerOptions;
import io.jstan.broker.streaming.StreamingServer;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Monitoring over HTTP and HTTPS (-m, -ms), on one thread of its own: nats-server's endpoints, /metrics,
 * and nats-streaming-server's /streaming endpoints once a streaming server is attached.
 */
public final class MonitoringServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MonitoringServer.class);

    private final NatsServer server;
    private final AttachedStreaming streaming = new AttachedStreaming();
    private EventLoopGroup group;
    private MonitoringHandler handler;
    private volatile Channel httpListener;
    private volatile Channel httpsListener;

    public MonitoringServer(NatsServer server) {
        this.server = server;
    }

    /** Binds the listeners the options ask for; throws when a port cannot be had or HTTPS has no TLS settings. */
    public void start() throws IOException {
        NatsServerOptions options = server.options();
        SslContext tls = server.tlsContext();
        if (options.httpsPort() != 0 && tls == null) {
            throw new IOException("monitoring over HTTPS (--https_port) needs TLS to be configured (--tlscert and --tlskey)");
        }
        group = new NioEventLoopGroup(1, new DefaultThreadFactory("nats-monitor"));
        try {
            if (options.httpPort() != 0) {
                httpListener = bind(options.httpHost(), options.httpPort(), new MonitoringChannelInitializer(this::handler, null), "http");
            }
            if (options.httpsPort() != 0) {
                httpsListener = bind(options.httpHost(), options.httpsPort(), new MonitoringChannelInitializer(this::handler, tls), "https");
            }
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /** The HTTP port bound, or -1 when monitoring over HTTP is off. */
    public int httpPort() {
        return boundPort(httpListener);
    }

    /** The HTTPS port bound, or -1 when monitoring over HTTPS is off. */
    public int httpsPort() {
        return boundPort(httpsListener);
    }

    @Override
    public void close() {
        Channel http = httpListener;
        Channel https = httpsListener;
        httpListener = null;
        httpsListener = null;
        if (http != null) {
            http.close().syncUninterruptibly();
        }
        if (https != null) {
            https.close().syncUninterruptibly();
        }
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            group = null;
        }
    }

    /**
     * Serves /streaming/* and the streaming metrics for this started streaming server; until it is
     * called those paths answer 404, as nats-streaming-server's do before it has started.
     */
    public void serveStreaming(StreamingServer streamingServer) {
        streaming.attach(streamingServer);
    }

    /**
     * The endpoints, made for the first connection (on the monitor's thread): they load Jackson's
     * data binding and the metrics library, which the server's start need not wait for.
     */
    private synchronized MonitoringHandler handler() {
        if (handler == null) {
            handler = newHandler();
        }
        return handler;
    }

    private MonitoringHandler newHandler() {
        HttpRequestStats requestStats = new HttpRequestStats();
        SubszEndpoint subsz = new SubszEndpoint(server);
        Map<String, Endpoint> endpoints = Map.ofEntries(
                Map.entry("/varz", new VarzEndpoint(server, this, requestStats)),
                Map.entry("/connz", new ConnzEndpoint(server)),
                Map.entry("/routez", new RoutezEndpoint(server)),
                Map.entry("/gatewayz", new GatewayzEndpoint(server)),
                Map.entry("/leafz", new LeafzEndpoint(server)),
                Map.entry("/subsz", subsz),
                Map.entry("/subscriptionsz", subsz),
                Map.entry("/accountz", new AccountzEndpoint(server)),
                Map.entry("/accstatz", new AccountStatzEndpoint(server)),
                Map.entry("/jsz", new JszEndpoint(server)),
                Map.entry("/healthz", new HealthzEndpoint()),
                Map.entry("/streaming/serverz", new ServerzEndpoint(streaming)),
                Map.entry("/streaming/storez", new StorezEndpoint(streaming)),
                Map.entry("/streaming/clientsz", new ClientszEndpoint(streaming)),
                Map.entry("/streaming/channelsz", new ChannelszEndpoint(streaming)),
                Map.entry("/streaming/clusterz", new ClusterzEndpoint(streaming)));
        Map<String, PlainEndpoint> plainEndpoints = Map.of(
                "/", new RootPage(streaming),
                "/metrics", new MetricsEndpoint(server, streaming),
                "/streaming/isFTActive", new IsFTActiveEndpoint(streaming),
                "/streaming/isready", new ReadinessEndpoint(server, streaming));
        return new MonitoringHandler(endpoints, plainEndpoints, requestStats, new GoJson());
    }

    private Channel bind(String host, int port, MonitoringChannelInitializer initializer, String scheme) throws IOException {
        int requested = port == NatsServerOptions.RANDOM_PORT ? 0 : port;
        ChannelFuture bound = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(initializer)
                .bind(new InetSocketAddress(host, requested))
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new IOException("can't listen to the monitor port " + host + ":" + requested + ": "
                    + bound.cause().getMessage(), bound.cause());
        }
        LOG.info("Starting {} monitor on {}:{}", scheme, host, boundPort(bound.channel()));
        return bound.channel();
    }

    private static int boundPort(Channel listener) {
        return listener == null ? -1 : ((InetSocketAddress) listener.localAddress()).getPort();
    }
}

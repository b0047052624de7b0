package io.jstan.broker.monitor;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;

import javax.net.ssl.SSLEngine;
import java.util.function.Supplier;

/** The pipeline of one monitoring connection: TLS when HTTPS, HTTP/1.1 with keep-alive, then the endpoints. */
final class MonitoringChannelInitializer extends ChannelInitializer<SocketChannel> {
    /** Monitoring requests are bodiless GETs; anything larger is refused by the aggregator. */
    private static final int MAX_REQUEST_BYTES = 64 * 1024;

    private final Supplier<MonitoringHandler> handler;
    private final SslContext tls;

    /** {@code handler} gives the one handler all connections share; {@code tls} is null for plain HTTP. */
    MonitoringChannelInitializer(Supplier<MonitoringHandler> handler, SslContext tls) {
        this.handler = handler;
        this.tls = tls;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        if (tls != null) {
            SSLEngine engine = tls.newEngine(channel.alloc());
            // As nats-server: the monitor never asks for a client certificate, even when NATS clients must show one.
            engine.setNeedClientAuth(false);
            channel.pipeline().addLast(new SslHandler(engine));
        }
        channel.pipeline().addLast(
                new HttpServerCodec(),
                new HttpServerKeepAliveHandler(),
                new HttpObjectAggregator(MAX_REQUEST_BYTES),
                handler.get());
    }
}

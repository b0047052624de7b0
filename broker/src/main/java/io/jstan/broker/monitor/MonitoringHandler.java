package io.jstan.broker.monitor;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Answers monitoring requests: routes the path to its endpoint, counts it, and writes the endpoint's
 * document as JSON, or as JSONP when a callback is named; a plain endpoint's reply goes out as it is.
 * GET only (and HEAD, which is GET without the body).
 */
@ChannelHandler.Sharable
final class MonitoringHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(MonitoringHandler.class);
    private static final String JSON = "application/json";
    private static final String JAVASCRIPT = "application/javascript";
    /** JSONP callbacks are written into script, so only names that cannot inject anything are taken. */
    private static final Pattern CALLBACK = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$.]*");

    private final Map<String, Endpoint> endpoints;
    private final Map<String, PlainEndpoint> plainEndpoints;
    private final HttpRequestStats requestStats;
    private final GoJson json;

    MonitoringHandler(Map<String, Endpoint> endpoints, Map<String, PlainEndpoint> plainEndpoints,
            HttpRequestStats requestStats, GoJson json) {
        this.endpoints = endpoints;
        this.plainEndpoints = plainEndpoints;
        this.requestStats = requestStats;
        this.json = json;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            FullHttpResponse response = toResponse(
                    HttpReply.text(HttpResponseStatus.BAD_REQUEST, "malformed request"), false);
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        boolean head = request.method().equals(HttpMethod.HEAD);
        if (!head && !request.method().equals(HttpMethod.GET)) {
            FullHttpResponse response = toResponse(HttpReply.text(HttpResponseStatus.METHOD_NOT_ALLOWED,
                    "method " + request.method() + " not allowed"), false);
            response.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
            ctx.writeAndFlush(response);
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        ctx.writeAndFlush(toResponse(reply(uri.path(), new QueryParameters(uri.parameters())), head));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("Monitoring connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    private HttpReply reply(String path, QueryParameters query) {
        try {
            Endpoint endpoint = endpoints.get(path);
            if (endpoint != null) {
                requestStats.count(endpoint.path());
                return document(endpoint, query);
            }
            PlainEndpoint plain = plainEndpoints.get(path);
            if (plain != null) {
                requestStats.count(plain.path());
                return plain.respond(query);
            }
            throw NotFoundException.noSuchPath();
        } catch (BadQueryException e) {
            return HttpReply.text(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        } catch (NotFoundException e) {
            return HttpReply.text(HttpResponseStatus.NOT_FOUND, e.getMessage() + "\n");
        }
    }

    private HttpReply document(Endpoint endpoint, QueryParameters query) {
        String callback = query.text("callback");
        if (!callback.isEmpty() && !CALLBACK.matcher(callback).matches()) {
            throw new BadQueryException("invalid callback name: " + callback);
        }
        byte[] document = json.write(endpoint.respond(query), endpoint.indented());
        if (callback.isEmpty()) {
            return new HttpReply(HttpResponseStatus.OK, JSON, document);
        }
        ByteArrayOutputStream script = new ByteArrayOutputStream(document.length + callback.length() + 2);
        script.writeBytes(callback.getBytes(StandardCharsets.US_ASCII));
        script.write('(');
        script.writeBytes(document);
        script.write(')');
        return new HttpReply(HttpResponseStatus.OK, JAVASCRIPT, script.toByteArray());
    }

    /** For HEAD, the headers of the GET answer, Content-Length included, without its body. */
    private static FullHttpResponse toResponse(HttpReply reply, boolean head) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, reply.status(),
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(reply.body()));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, reply.contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, reply.body().length);
        return response;
    }
}

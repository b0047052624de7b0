package io.jstan.broker.monitor;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * /streaming/isFTActive: 200 with no body on the server that serves clients. jstan has no fault-tolerance
 * standby, so a started streaming server is always the active one.
 */
final class IsFTActiveEndpoint implements PlainEndpoint {
    private static final HttpReply ACTIVE = HttpReply.text(HttpResponseStatus.OK, "");

    private final AttachedStreaming streaming;

    IsFTActiveEndpoint(AttachedStreaming streaming) {
        this.streaming = streaming;
    }

    @Override
    public String path() {
        return "/streaming/isFTActive";
    }

    @Override
    public HttpReply respond(QueryParameters query) {
        streaming.require();
        return ACTIVE;
    }
}

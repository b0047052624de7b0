package io.jstan.broker.monitor;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * /streaming/isFTActive: as nats-streaming-server, 200 only on the active server of a fault-tolerance
 * group and 204 otherwise, standalone and clustered included. A standby has no monitoring to ask.
 */
final class IsFTActiveEndpoint implements PlainEndpoint {
    private static final HttpReply ACTIVE = HttpReply.text(HttpResponseStatus.OK, "");
    private static final HttpReply NOT_IN_FT_MODE = HttpReply.text(HttpResponseStatus.NO_CONTENT, "");

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
        return streaming.require().state().equals("FT_ACTIVE") ? ACTIVE : NOT_IN_FT_MODE;
    }
}

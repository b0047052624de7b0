package io.jstan.broker.monitor;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * /streaming/isFTActive: as nats-streaming-server, 200 only on the active server of a fault-tolerance
 * group and 204 otherwise, standalone included. jstan has no fault-tolerance groups: always 204.
 */
final class IsFTActiveEndpoint implements PlainEndpoint {
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
        streaming.require();
        return NOT_IN_FT_MODE;
    }
}

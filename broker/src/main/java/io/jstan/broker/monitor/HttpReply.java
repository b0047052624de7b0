package io.jstan.broker.monitor;

import io.netty.handler.codec.http.HttpResponseStatus;

import java.nio.charset.StandardCharsets;

/** A monitoring answer before it is written out: its status, content type and body. */
record HttpReply(HttpResponseStatus status, String contentType, byte[] body) {
    private static final String TEXT = "text/plain; charset=utf-8";

    static HttpReply text(HttpResponseStatus status, String message) {
        return new HttpReply(status, TEXT, message.getBytes(StandardCharsets.UTF_8));
    }
}

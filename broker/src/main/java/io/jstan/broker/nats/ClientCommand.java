package io.jstan.broker.nats;

import io.netty.buffer.ByteBuf;

/** One operation a client sent, as decoded by {@link ClientProtocolDecoder}. */
sealed interface ClientCommand {
    record Connect(String json) implements ClientCommand {
    }

    /** PUB or HPUB: {@code message} holds the headers (headerLength bytes, 0 for PUB) then the payload; the receiver releases it. */
    record Publish(String subject, String reply, int headerLength, ByteBuf message) implements ClientCommand {
    }

    record Subscribe(String subject, String queue, String sid) implements ClientCommand {
    }

    /** max is 0 when the subscription ends now. */
    record Unsubscribe(String sid, long max) implements ClientCommand {
    }

    record Ping() implements ClientCommand {
    }

    record Pong() implements ClientCommand {
    }

    /** A line that is accepted and has no effect for a client connection (INFO, +OK). */
    record Ignored(String op) implements ClientCommand {
    }

    /**
     * The client broke the protocol: the server answers {@code -ERR 'error'} (when error is not
     * null) and closes. After this the decoder drops whatever else the client sends.
     */
    record Violation(String error, String detail) implements ClientCommand {
    }
}

package io.jstan.broker.nats;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/** Writes the server's protocol lines into a buffer. */
final class ProtocolWriter {
    private static final byte[] CRLF = {'\r', '\n'};

    private ProtocolWriter() {
    }

    /** MSG, or HMSG when the message carries headers and the client accepts them. */
    static void message(ByteBuf out, String subject, String sid, String reply, ByteBuf message, int headerLength,
                        boolean clientTakesHeaders) {
        int start = message.readerIndex();
        int total = message.readableBytes();
        boolean withHeaders = headerLength > 0 && clientTakesHeaders;
        out.writeBytes(withHeaders ? HMSG : MSG);
        ascii(out, subject);
        out.writeByte(' ');
        ascii(out, sid);
        out.writeByte(' ');
        if (reply != null) {
            ascii(out, reply);
            out.writeByte(' ');
        }
        if (withHeaders) {
            decimal(out, headerLength);
            out.writeByte(' ');
            decimal(out, total);
            out.writeBytes(CRLF);
            out.writeBytes(message, start, total);
        } else {
            decimal(out, total - headerLength);
            out.writeBytes(CRLF);
            out.writeBytes(message, start + headerLength, total - headerLength);
        }
        out.writeBytes(CRLF);
    }

    static void line(ByteBuf out, String line) {
        ascii(out, line);
        out.writeBytes(CRLF);
    }

    static void error(ByteBuf out, String error) {
        line(out, "-ERR '" + error + "'");
    }

    private static void ascii(ByteBuf out, String s) {
        out.writeCharSequence(s, StandardCharsets.ISO_8859_1);
    }

    private static void decimal(ByteBuf out, long value) {
        if (value < 10) {
            out.writeByte('0' + (int) value);
            return;
        }
        ascii(out, Long.toString(value));
    }

    private static final byte[] MSG = "MSG ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HMSG = "HMSG ".getBytes(StandardCharsets.US_ASCII);
}

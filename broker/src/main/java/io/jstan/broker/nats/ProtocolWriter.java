package io.jstan.broker.nats;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * Writes the server's protocol lines into one client's outbound buffer. Not thread-safe: its
 * owner, the {@link OutboundBuffer}, calls it under its lock. It keeps the bytes of the last
 * subject it wrote, since the parser hands over the same String for a run of messages.
 */
final class ProtocolWriter {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] MSG = "MSG ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HMSG = "HMSG ".getBytes(StandardCharsets.US_ASCII);

    private final byte[] digits = new byte[10];
    private String lastSubject;
    private byte[] lastSubjectBytes;

    /** MSG, or HMSG when the message carries headers and the client accepts them. */
    void message(ByteBuf out, String subject, byte[] sid, String reply, ByteBuf message, int headerLength,
                 boolean clientTakesHeaders) {
        int start = message.readerIndex();
        int total = message.readableBytes();
        boolean withHeaders = headerLength > 0 && clientTakesHeaders;
        out.writeBytes(withHeaders ? HMSG : MSG);
        out.writeBytes(subjectBytes(subject));
        out.writeByte(' ');
        out.writeBytes(sid);
        out.writeByte(' ');
        if (reply != null) {
            out.writeCharSequence(reply, StandardCharsets.ISO_8859_1);
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
        out.writeCharSequence(line, StandardCharsets.ISO_8859_1);
        out.writeBytes(CRLF);
    }

    static void error(ByteBuf out, String error) {
        line(out, "-ERR '" + error + "'");
    }

    private byte[] subjectBytes(String subject) {
        if (subject != lastSubject) {
            lastSubject = subject;
            lastSubjectBytes = subject.getBytes(StandardCharsets.ISO_8859_1);
        }
        return lastSubjectBytes;
    }

    /** Writes a non-negative int in decimal, without building a String. */
    private void decimal(ByteBuf out, int value) {
        int i = digits.length;
        int rest = value;
        do {
            digits[--i] = (byte) ('0' + rest % 10);
            rest /= 10;
        } while (rest > 0);
        out.writeBytes(digits, i, digits.length - i);
    }
}

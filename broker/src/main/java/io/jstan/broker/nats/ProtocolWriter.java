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

    private byte[] scratch = new byte[256];
    private String lastSubject;
    private byte[] lastSubjectBytes;

    /**
     * MSG, or HMSG when the message carries headers and the client accepts them. The control
     * line is composed in a scratch array first, so the buffer is written three times in all.
     */
    void message(ByteBuf out, String subject, byte[] sid, String reply, ByteBuf message, int headerLength,
                 boolean clientTakesHeaders) {
        int start = message.readerIndex();
        int total = message.readableBytes();
        boolean withHeaders = headerLength > 0 && clientTakesHeaders;
        byte[] subjectBytes = subjectBytes(subject);
        int replyLength = reply == null ? 0 : reply.length() + 1;
        ensureScratch(HMSG.length + subjectBytes.length + 1 + sid.length + 1 + replyLength + 2 * 11 + 2);
        int n = put(withHeaders ? HMSG : MSG, 0);
        n = put(subjectBytes, n);
        scratch[n++] = ' ';
        n = put(sid, n);
        scratch[n++] = ' ';
        if (reply != null) {
            for (int i = 0; i < reply.length(); i++) {
                scratch[n++] = (byte) reply.charAt(i);
            }
            scratch[n++] = ' ';
        }
        if (withHeaders) {
            n = putDecimal(headerLength, n);
            scratch[n++] = ' ';
            n = putDecimal(total, n);
        } else {
            n = putDecimal(total - headerLength, n);
        }
        scratch[n++] = '\r';
        scratch[n++] = '\n';
        out.writeBytes(scratch, 0, n);
        int skipped = withHeaders ? 0 : headerLength;
        out.writeBytes(message, start + skipped, total - skipped);
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

    private void ensureScratch(int length) {
        if (scratch.length < length) {
            scratch = new byte[Math.max(length, scratch.length * 2)];
        }
    }

    private int put(byte[] bytes, int at) {
        System.arraycopy(bytes, 0, scratch, at, bytes.length);
        return at + bytes.length;
    }

    /** Writes a non-negative int in decimal at {@code at}, without building a String. */
    private int putDecimal(int value, int at) {
        int digits = 1;
        for (int rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        int end = at + digits;
        int rest = value;
        for (int i = end - 1; i >= at; i--) {
            scratch[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        return end;
    }
}

package io.jstan.broker.nats;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes the server's protocol lines into one connection's outbound buffer. Not thread-safe: its
 * owner, the {@link OutboundBuffer}, calls it under its lock. It keeps the bytes of the last
 * subject it wrote, since the parser hands over the same String for a run of messages.
 */
final class ProtocolWriter {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] MSG = "MSG ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HMSG = "HMSG ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ROUTED_RMSG = "RMSG $G ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ROUTED_HMSG = "HMSG $G ".getBytes(StandardCharsets.US_ASCII);
    /** Room for two decimal ints, a space and CR LF. */
    private static final int SIZES_LENGTH = 2 * 11 + 2;

    private byte[] scratch = new byte[256];
    private String lastSubject;
    private byte[] lastSubjectBytes;

    /**
     * MSG, or HMSG when the message carries headers and the client accepts them. The control
     * line is composed in a scratch array first, so the buffer is written three times in all.
     */
    void message(ByteBuf out, String subject, byte[] sid, String reply, ByteBuf message, int headerLength,
                 boolean clientTakesHeaders) {
        boolean withHeaders = headerLength > 0 && clientTakesHeaders;
        byte[] subjectBytes = subjectBytes(subject);
        int replyLength = reply == null ? 0 : reply.length() + 1;
        ensureScratch(HMSG.length + subjectBytes.length + 1 + sid.length + 1 + replyLength + SIZES_LENGTH);
        int n = put(withHeaders ? HMSG : MSG, 0);
        n = put(subjectBytes, n);
        scratch[n++] = ' ';
        n = put(sid, n);
        scratch[n++] = ' ';
        if (reply != null) {
            n = putText(reply, n);
            scratch[n++] = ' ';
        }
        writeSizesAndMessage(out, n, message, headerLength, withHeaders);
    }

    /**
     * RMSG, or HMSG when the message carries headers and the route accepts them, for another
     * server: {@code queues} are the queue groups that server was picked for, written after
     * {@code +} and the reply, or after {@code |} when there is no reply.
     */
    void routedMessage(ByteBuf out, String subject, String reply, List<String> queues, ByteBuf message,
                       int headerLength, boolean routeTakesHeaders) {
        boolean withHeaders = headerLength > 0 && routeTakesHeaders;
        byte[] subjectBytes = subjectBytes(subject);
        int length = ROUTED_HMSG.length + subjectBytes.length + 1 + (reply == null ? 0 : reply.length() + 1) + 2 + SIZES_LENGTH;
        for (int i = 0; i < queues.size(); i++) {
            length += queues.get(i).length() + 1;
        }
        ensureScratch(length);
        int n = put(withHeaders ? ROUTED_HMSG : ROUTED_RMSG, 0);
        n = put(subjectBytes, n);
        scratch[n++] = ' ';
        if (!queues.isEmpty()) {
            scratch[n++] = (byte) (reply == null ? '|' : '+');
            scratch[n++] = ' ';
        }
        if (reply != null) {
            n = putText(reply, n);
            scratch[n++] = ' ';
        }
        for (int i = 0; i < queues.size(); i++) {
            n = putText(queues.get(i), n);
            scratch[n++] = ' ';
        }
        writeSizesAndMessage(out, n, message, headerLength, withHeaders);
    }

    /** Ends the control line in scratch (its first {@code n} bytes) with the sizes, and writes it and the message. */
    private void writeSizesAndMessage(ByteBuf out, int n, ByteBuf message, int headerLength, boolean withHeaders) {
        int start = message.readerIndex();
        int total = message.readableBytes();
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

    private int putText(String text, int at) {
        for (int i = 0; i < text.length(); i++) {
            scratch[at + i] = (byte) text.charAt(i);
        }
        return at + text.length();
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

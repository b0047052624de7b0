package io.jstan.cli.tools;

import io.nats.streaming.Message;

import java.nio.charset.StandardCharsets;

/**
 * A received message as {@code jstan sub} prints it: stan-sub's line, whose fields are the
 * MsgProto's in protobuf's text format ({@code subject:"foo" data:"hello"}), redelivered always shown.
 */
final class ReceivedLine {
    private ReceivedLine() {
    }

    static String of(long number, Message message) {
        return format(number, message.getSequence(), message.getSubject(), message.getData(),
                message.getTimestamp(), message.isRedelivered());
    }

    /** @param timestamp nanoseconds since the epoch, as the server stamps it */
    static String format(long number, long sequence, String subject, byte[] data, long timestamp, boolean redelivered) {
        return "[#" + number + "] Received: sequence:" + sequence
                + " subject:" + quoted(subject.getBytes(StandardCharsets.UTF_8))
                + " data:" + quoted(data)
                + " timestamp:" + timestamp
                + " redelivered:" + redelivered;
    }

    /** Protobuf text format: printable ASCII as is, the usual escapes, every other byte in octal. */
    private static String quoted(byte[] bytes) {
        StringBuilder text = new StringBuilder(bytes.length + 2).append('"');
        for (byte b : bytes) {
            int c = b & 0xff;
            switch (c) {
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                default -> {
                    if (c >= 0x20 && c < 0x7f) {
                        text.append((char) c);
                    } else {
                        text.append('\\').append(String.format("%03o", c));
                    }
                }
            }
        }
        return text.append('"').toString();
    }
}

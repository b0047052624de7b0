package io.jstan.broker.nats;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The parser sees the same operations however the stream is cut into reads. */
class ClientProtocolParserTest {
    private static final int MAX_CONTROL_LINE = 4096;
    private static final int MAX_PAYLOAD = 1024 * 1024;

    @Test
    void everySplitPointOfASmallStreamGivesTheSameOperations() {
        byte[] stream = ascii("CONNECT {\"headers\":true}\r\nSUB foo q 1\r\nPUB foo reply 5\r\nhello\r\n"
                + "HPUB foo 12 14\r\nNATS/1.0\r\n\r\nhi\r\nPING\r\nUNSUB 1 3\r\nPUB foo 0\r\n\r\n");
        List<String> whole = parse(stream, stream.length);
        assertEquals(List.of("CONNECT {\"headers\":true}", "SUB foo q 1", "PUB foo reply hello", "HPUB foo 12 NATS/1.0\r\n\r\nhi",
                "PING", "UNSUB 1 3", "PUB foo null "), whole);
        for (int cut = 1; cut < stream.length; cut++) {
            assertEquals(whole, parse(stream, cut), "reads of " + cut + " bytes");
        }
    }

    @Test
    void randomReadsOfALargeStreamGiveTheSameOperations() {
        Random random = new Random(42);
        StringBuilder text = new StringBuilder("CONNECT {}\r\n");
        for (int i = 0; i < 2000; i++) {
            String payload = "x".repeat(random.nextInt(i % 100 == 0 ? 20_000 : 200));
            text.append("PUB subject.").append(i % 7).append(' ').append(payload.length()).append("\r\n")
                    .append(payload).append("\r\n");
        }
        byte[] stream = ascii(text.toString());
        List<String> whole = parse(stream, stream.length);
        assertEquals(2001, whole.size());
        for (int run = 0; run < 20; run++) {
            assertEquals(whole, parseInRandomReads(stream, random), "run " + run);
        }
    }

    private static List<String> parse(byte[] stream, int readSize) {
        Recorder recorder = new Recorder();
        ClientProtocolParser parser = recorder.parser();
        for (int at = 0; at < stream.length; at += readSize) {
            parser.parse(read(stream, at, Math.min(readSize, stream.length - at)));
        }
        parser.release();
        return recorder.operations;
    }

    private static List<String> parseInRandomReads(byte[] stream, Random random) {
        Recorder recorder = new Recorder();
        ClientProtocolParser parser = recorder.parser();
        int at = 0;
        while (at < stream.length) {
            int length = Math.min(1 + random.nextInt(70_000), stream.length - at);
            parser.parse(read(stream, at, length));
            at += length;
        }
        parser.release();
        return recorder.operations;
    }

    private static ByteBuf read(byte[] stream, int from, int length) {
        ByteBuf buffer = PooledByteBufAllocator.DEFAULT.buffer(length);
        buffer.writeBytes(stream, from, length);
        return buffer;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Writes each operation down as one string. */
    private static final class Recorder implements ClientProtocolParser.Handler {
        final List<String> operations = new ArrayList<>();

        ClientProtocolParser parser() {
            ClientProtocolParser parser = new ClientProtocolParser(this, PooledByteBufAllocator.DEFAULT, MAX_CONTROL_LINE, MAX_PAYLOAD);
            parser.allowHeaders(true);
            return parser;
        }

        @Override
        public void onConnect(String json) {
            operations.add("CONNECT " + json);
        }

        @Override
        public void onPublish(String subject, String reply, int headerLength, ByteBuf message) {
            String op = headerLength > 0 ? "HPUB " + subject + " " + headerLength : "PUB " + subject + " " + reply;
            operations.add(op + " " + message.toString(StandardCharsets.US_ASCII));
        }

        @Override
        public void onSubscribe(String subject, String queue, String sid) {
            operations.add("SUB " + subject + " " + queue + " " + sid);
        }

        @Override
        public void onUnsubscribe(String sid, long max) {
            operations.add("UNSUB " + sid + " " + max);
        }

        @Override
        public void onPing() {
            operations.add("PING");
        }

        @Override
        public void onPong() {
            operations.add("PONG");
        }

        @Override
        public void onViolation(String error, String detail) {
            operations.add("VIOLATION " + error + " " + detail);
        }
    }
}
